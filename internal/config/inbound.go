package config

import (
	"errors"
	"fmt"
	"net"
	"regexp"
)

// domainName is a DNS name of at least two labels: letters, digits, hyphens.
var domainName = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// validateInbound checks the reply-by-e-mail settings: a listener needs the
// domain its addresses are at; the domain alone is allowed (another instance
// of a cluster listens); a certificate for STARTTLS needs its key and a
// listener (the files are read when the listener is made).
func (c Config) validateInbound() error {
	var errs []error
	if c.InboundDomain != "" && (len(c.InboundDomain) > 253 || !domainName.MatchString(c.InboundDomain)) {
		errs = append(errs, fmt.Errorf("inbound-domain: %q is not a domain name such as reply.hearth.example.org", c.InboundDomain))
	}
	if c.InboundAddr != "" {
		if _, port, err := net.SplitHostPort(c.InboundAddr); err != nil || port == "" {
			errs = append(errs, fmt.Errorf("inbound-addr: %q is not host:port (for example :2525 or 127.0.0.1:2525)", c.InboundAddr))
		}
		if c.InboundDomain == "" {
			errs = append(errs, errors.New("inbound-addr: set inbound-domain too, the domain of the reply addresses the listener takes"))
		}
	}
	switch {
	case (c.InboundTLSCert == "") != (c.InboundTLSKey == ""):
		errs = append(errs, errors.New("inbound-tls-cert and inbound-tls-key: set both, a certificate and its key, or neither"))
	case c.InboundTLSCert != "" && c.InboundAddr == "":
		errs = append(errs, errors.New("inbound-tls-cert: set inbound-addr too, the listener that offers it"))
	}
	return errors.Join(errs...)
}
