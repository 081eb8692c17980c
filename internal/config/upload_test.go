package config

import (
	"io"
	"strings"
	"testing"
)

func TestMaxUpload(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, _, err := Load("hearth", nil, env(nil), io.Discard, nil)
	if err != nil || c.MaxUpload != 10 || c.MaxUploadBytes() != 10<<20 {
		t.Fatalf("default: %d MiB, %v", c.MaxUpload, err)
	}
	c, _, err = Load("hearth", []string{"--max-upload", "25"}, env(map[string]string{"HEARTH_MAX_UPLOAD": "3"}), io.Discard, nil)
	if err != nil || c.MaxUploadBytes() != 25<<20 {
		t.Fatalf("flag over env: %d MiB, %v", c.MaxUpload, err)
	}
	for _, v := range []string{"0", "1025", "-1", "ten"} {
		_, _, err := Load("hearth", nil, env(map[string]string{"HEARTH_MAX_UPLOAD": v}), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "MAX_UPLOAD") && !strings.Contains(err.Error(), "max-upload") {
			t.Errorf("HEARTH_MAX_UPLOAD=%s: error %v", v, err)
		}
	}
}
