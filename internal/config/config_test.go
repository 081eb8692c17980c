package config

import (
	"io"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsNeedNothingSet(t *testing.T) {
	c, rest, err := Load("hearth", nil, env(nil), io.Discard, nil)
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "hearth-data" || c.DatabaseURL != "" || c.BaseURL != "http://127.0.0.1:8080" || len(rest) != 0 {
		t.Fatalf("defaults = %+v, rest %v", c, rest)
	}
	if c.Secure() {
		t.Error("an http base URL is not secure")
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	c, _, err := Load("hearth", []string{"--addr", "127.0.0.1:9000", "--base-url", "https://hearth.example.org/"},
		env(map[string]string{"HEARTH_ADDR": "127.0.0.1:7000", "HEARTH_DATA": "/srv/hearth", "HEARTH_SESSION_IDLE": "2h"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" || c.DataDir != "/srv/hearth" || c.SessionIdle != 2*time.Hour {
		t.Fatalf("config = %+v", c)
	}
	if c.BaseURL != "https://hearth.example.org" || !c.Secure() {
		t.Fatalf("base URL = %q (secure %v), want the trailing slash dropped and TLS recognised", c.BaseURL, c.Secure())
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	_, _, err := Load("hearth", []string{"--addr", "nonsense", "--database", "mysql://x", "--log-level", "loud", "--smtp-host", "mail", "--smtp-tls", "maybe"},
		env(map[string]string{"HEARTH_SMTP_PORT": "0"}), io.Discard, nil)
	if err == nil {
		t.Fatal("bad settings were accepted")
	}
	for _, want := range []string{"addr", "database", "log-level", "smtp-port", "smtp-tls"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s:\n%v", want, err)
		}
	}
}

func TestBadEnvironmentNumbersAreNamed(t *testing.T) {
	_, _, err := Load("hearth", nil, env(map[string]string{"HEARTH_SMTP_PORT": "twenty", "HEARTH_SESSION_IDLE": "a while"}), io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "HEARTH_SMTP_PORT") || !strings.Contains(err.Error(), "HEARTH_SESSION_IDLE") {
		t.Fatalf("err = %v, want both variables named", err)
	}
}
