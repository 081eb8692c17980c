package config

import (
	"io"
	"strings"
	"testing"
	"time"

	"hearth/internal/ratelimit"
)

func TestLimitsDefaultAndAreSet(t *testing.T) {
	c, _, err := Load("hearth", nil, env(nil), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range settableLimits {
		if r := c.Limits[l.action]; r != ratelimit.Defaults()[l.action] || r.Max < 1 {
			t.Errorf("default %s = %+v", l.action, r)
		}
	}
	c, _, err = Load("hearth", []string{"--limit-comment", "5/30s"},
		env(map[string]string{"HEARTH_LIMIT_COMMENT": "7/1m", "HEARTH_LIMIT_SEARCH": "100/1m"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Limits[ratelimit.Comment]; got != (ratelimit.Rule{Max: 5, Window: 30 * time.Second}) {
		t.Errorf("comment limit = %+v, want the flag's 5/30s", got)
	}
	if got := c.Limits[ratelimit.Search]; got != (ratelimit.Rule{Max: 100, Window: time.Minute}) {
		t.Errorf("search limit = %+v, want the variable's 100/1m", got)
	}
	if got := ratelimit.Defaults()[ratelimit.Comment]; got.Max == 5 {
		t.Error("setting a limit changed the defaults")
	}
}

func TestBadLimitsAreNamed(t *testing.T) {
	for _, v := range []string{"0/1m", "5", "5/", "/1m", "five/1m", "5/forever", "5/0s", "5/48h", "-1/1m", "2000000/1h"} {
		_, _, err := Load("hearth", nil, env(map[string]string{"HEARTH_LIMIT_SIGNUP": v}), io.Discard, nil)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), "signup") {
			t.Errorf("HEARTH_LIMIT_SIGNUP=%s: error %v", v, err)
		}
	}
	_, _, err := Load("hearth", []string{"--limit-upload", "nonsense"}, env(nil), io.Discard, nil)
	if err == nil {
		t.Error("--limit-upload nonsense was accepted")
	}
}

func TestFormatLimitReadsBack(t *testing.T) {
	for _, s := range []string{"6/1m", "10/1h", "20/10m", "60/1m30s", "3/45s", "5/2h30m"} {
		r, err := ParseLimit(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatLimit(r); got != s {
			t.Errorf("FormatLimit(ParseLimit(%q)) = %q", s, got)
		}
	}
}
