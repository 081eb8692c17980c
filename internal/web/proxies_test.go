package web

import (
	"net/http"
	"net/netip"
	"testing"
)

// The client behind trusted proxies is the nearest untrusted hop of
// X-Forwarded-For, read from the right; anyone else's header is ignored.
func TestForwardedClientTrustsOnlyTheProxies(t *testing.T) {
	t.Parallel()
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32")}
	cases := []struct {
		name, remote string
		forwarded    []string
		want         string // "" when the request keeps its own address
	}{
		{"a proxy names the client", "10.1.2.3:4000", []string{"203.0.113.5"}, "203.0.113.5"},
		{"two proxies in a row", "10.1.2.3:4000", []string{"203.0.113.5, 192.0.2.7"}, "203.0.113.5"},
		{"two header lines", "10.1.2.3:4000", []string{"198.51.100.1", "203.0.113.5"}, "203.0.113.5"},
		{"a client's own claim on the left is passed over", "10.1.2.3:4000", []string{"1.2.3.4, 203.0.113.5"}, "203.0.113.5"},
		{"a client that is not a proxy keeps its address", "203.0.113.9:4000", []string{"1.2.3.4"}, ""},
		{"no header", "10.1.2.3:4000", nil, ""},
		{"a garbled hop stops the walk", "10.1.2.3:4000", []string{"203.0.113.5, not-an-address"}, ""},
		{"a garbled hop after a good one", "10.1.2.3:4000", []string{"not-an-address, 203.0.113.5"}, "203.0.113.5"},
		{"IPv6", "[::ffff:10.0.0.1]:4000", []string{"2001:db8::1"}, "2001:db8::1"},
		{"only proxies: the farthest", "10.1.2.3:4000", []string{"10.9.9.9"}, "10.9.9.9"},
	}
	for _, c := range cases {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.remote
		for _, v := range c.forwarded {
			r.Header.Add("X-Forwarded-For", v)
		}
		got, ok := forwardedClient(r, trusted)
		if c.want == "" {
			if ok {
				t.Errorf("%s: the client became %v", c.name, got)
			}
			continue
		}
		if !ok || got.String() != c.want {
			t.Errorf("%s: client %v (%v), want %s", c.name, got, ok, c.want)
		}
	}
}
