package config

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestSearchCache(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, _, err := Load("hearth", nil, env(nil), io.Discard, nil)
	if err != nil || c.SearchCache != 5*time.Second {
		t.Fatalf("default: %v, %v", c.SearchCache, err)
	}
	c, _, err = Load("hearth", []string{"--search-cache", "0"}, env(map[string]string{"HEARTH_SEARCH_CACHE": "30s"}), io.Discard, nil)
	if err != nil || c.SearchCache != 0 {
		t.Fatalf("flag over env: %v, %v", c.SearchCache, err)
	}
	for _, v := range []string{"2m", "-1s", "soon"} {
		_, _, err := Load("hearth", nil, env(map[string]string{"HEARTH_SEARCH_CACHE": v}), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "SEARCH_CACHE") && !strings.Contains(err.Error(), "search-cache") {
			t.Errorf("HEARTH_SEARCH_CACHE=%s: error %v", v, err)
		}
	}
}
