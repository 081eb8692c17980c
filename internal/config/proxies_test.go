package config

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestTrustedProxies(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, _, err := Load("hearth", nil, env(nil), io.Discard, nil)
	if r, _ := c.TrustedProxyRanges(); err != nil || len(r) != 0 {
		t.Fatalf("default: %v, %v", r, err)
	}
	c, _, err = Load("hearth", []string{"--trusted-proxies", "10.0.0.0/8, 192.0.2.7,2001:db8::/32, 10.1.2.3/8"}, env(nil), io.Discard, nil)
	r, rerr := c.TrustedProxyRanges()
	if err != nil || rerr != nil || fmt.Sprint(r) != "[10.0.0.0/8 192.0.2.7/32 2001:db8::/32 10.0.0.0/8]" {
		t.Fatalf("ranges %v, %v, %v", r, err, rerr)
	}
	for _, v := range []string{"10.0.0.0/33", "proxy.example.org", "10.0.0.1:80"} {
		_, _, err := Load("hearth", nil, env(map[string]string{"HEARTH_TRUSTED_PROXIES": v}), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "trusted-proxies") || !strings.Contains(err.Error(), v) {
			t.Errorf("HEARTH_TRUSTED_PROXIES=%s: error %v", v, err)
		}
	}
}
