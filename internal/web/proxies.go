package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Behind a load balancer or reverse proxy every request comes from the
// proxy's address, which all visitors would then share for the limits per
// client address (sign-ups, sign-ins, searches) and the counting of views.
// With the proxies named in the configuration (--trusted-proxies), a request
// from one of them is taken to come from the address the proxies recorded
// in X-Forwarded-For: the nearest hop that is not itself a trusted proxy,
// read from the right, since a client can write anything it likes on the
// left. A request from any other address keeps its own, whatever it claims.

// realClient sets the request's remote address to the client's, as the
// trusted proxies saw it, before anything reads it.
func (s *Server) realClient(next http.Handler) http.Handler {
	if len(s.TrustedProxies) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if client, ok := forwardedClient(r, s.TrustedProxies); ok {
			r.RemoteAddr = net.JoinHostPort(client.String(), "0")
		}
		next.ServeHTTP(w, r)
	})
}

// forwardedClient is the client behind the trusted proxies, when the
// request came through one.
func forwardedClient(r *http.Request, trusted []netip.Prefix) (netip.Addr, bool) {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !isTrusted(peer.Addr(), trusted) {
		return netip.Addr{}, false
	}
	client := peer.Addr()
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a hop garbled: nothing further left can be trusted
		}
		client = a.Unmap()
		if !isTrusted(client, trusted) {
			break
		}
	}
	return client, client != peer.Addr()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	a = a.Unmap()
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
