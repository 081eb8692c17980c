package config

import (
	"io"
	"strings"
	"testing"
)

// Replying by e-mail is off unless a domain is set; a listener needs one; a
// domain alone is fine (another instance listens); a certificate for
// STARTTLS needs its key and a listener; bad values are named.
func TestInboundSettings(t *testing.T) {
	c, _, err := Load("hearth", nil, env(nil), io.Discard, nil)
	if err != nil || c.InboundDomain != "" || c.InboundAddr != "" {
		t.Fatalf("defaults: %+v (%v), want replying by e-mail off", c, err)
	}
	c, _, err = Load("hearth", []string{"--inbound-addr", ":2525"},
		env(map[string]string{"HEARTH_INBOUND_DOMAIN": " Reply.Hearth.Example.org "}), io.Discard, nil)
	if err != nil || c.InboundDomain != "reply.hearth.example.org" || c.InboundAddr != ":2525" {
		t.Fatalf("set: %+v (%v)", c, err)
	}
	c, _, err = Load("hearth", []string{"--inbound-addr", ":2525", "--inbound-tls-cert", "cert.pem", "--inbound-tls-key", "key.pem"},
		env(map[string]string{"HEARTH_INBOUND_DOMAIN": "reply.example.org"}), io.Discard, nil)
	if err != nil || c.InboundTLSCert != "cert.pem" || c.InboundTLSKey != "key.pem" {
		t.Errorf("a certificate for STARTTLS: %+v (%v)", c, err)
	}
	if _, _, err := Load("hearth", nil, env(map[string]string{"HEARTH_INBOUND_DOMAIN": "reply.example.org"}), io.Discard, nil); err != nil {
		t.Errorf("a domain without a listener here: %v", err)
	}
	for _, bad := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"HEARTH_INBOUND_ADDR": ":2525"}, "set inbound-domain too"},
		{map[string]string{"HEARTH_INBOUND_ADDR": "2525", "HEARTH_INBOUND_DOMAIN": "reply.example.org"}, "inbound-addr: \"2525\""},
		{map[string]string{"HEARTH_INBOUND_DOMAIN": "reply@example.org"}, "inbound-domain"},
		{map[string]string{"HEARTH_INBOUND_DOMAIN": "localhost"}, "inbound-domain"},
		{map[string]string{"HEARTH_INBOUND_DOMAIN": "-bad.example.org"}, "inbound-domain"},
		{map[string]string{"HEARTH_INBOUND_ADDR": ":2525", "HEARTH_INBOUND_DOMAIN": "reply.example.org", "HEARTH_INBOUND_TLS_CERT": "cert.pem"},
			"set both, a certificate and its key"},
		{map[string]string{"HEARTH_INBOUND_ADDR": ":2525", "HEARTH_INBOUND_DOMAIN": "reply.example.org", "HEARTH_INBOUND_TLS_KEY": "key.pem"},
			"set both, a certificate and its key"},
		{map[string]string{"HEARTH_INBOUND_DOMAIN": "reply.example.org", "HEARTH_INBOUND_TLS_CERT": "cert.pem", "HEARTH_INBOUND_TLS_KEY": "key.pem"},
			"inbound-tls-cert: set inbound-addr too"},
	} {
		_, _, err := Load("hearth", nil, env(bad.env), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: %v, want %q", bad.env, err, bad.want)
		}
	}
}
