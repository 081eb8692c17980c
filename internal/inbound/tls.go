package inbound

import (
	"crypto/tls"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// CertificateFiles is a TLS configuration for STARTTLS from a certificate
// and key in PEM files (a chain, leaf first). The pair is loaded now, so a
// bad file stops the start with its error; it is loaded again, for the next
// connection, when either file changes, so a renewed certificate is taken
// without a restart. A renewal caught half-written keeps the pair loaded
// before it.
func CertificateFiles(certFile, keyFile string) (*tls.Config, error) {
	r := &certReloader{certFile: certFile, keyFile: keyFile, checked: time.Now()}
	if err := r.reload(); err != nil {
		return nil, err
	}
	return &tls.Config{
		MinVersion:     tls.VersionTLS12,
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return r.current(), nil },
	}, nil
}

// certReloader holds the pair last loaded and when its files were written.
type certReloader struct {
	certFile, keyFile string

	mu              sync.Mutex
	cert            *tls.Certificate
	certMod, keyMod time.Time
	checked         time.Time
}

// recheck is how often the files' times are looked at, at most, in
// nanoseconds (10 s; tests set it).
var recheck atomic.Int64

func init() { recheck.Store(int64(10 * time.Second)) }

// current is the pair to serve, loaded again first if its files changed
// (a pair that does not load keeps the one before).
func (r *certReloader) current() *tls.Certificate {
	r.mu.Lock()
	defer r.mu.Unlock()
	if time.Since(r.checked) >= time.Duration(recheck.Load()) {
		r.checked = time.Now()
		_ = r.reload()
	}
	return r.cert
}

// reload loads the pair when its files changed since it was loaded (or was
// never loaded); r.mu is held, or r not yet shared.
func (r *certReloader) reload() error {
	ci, err := os.Stat(r.certFile)
	if err != nil {
		return fmt.Errorf("inbound TLS certificate: %w", err)
	}
	ki, err := os.Stat(r.keyFile)
	if err != nil {
		return fmt.Errorf("inbound TLS key: %w", err)
	}
	if r.cert != nil && ci.ModTime().Equal(r.certMod) && ki.ModTime().Equal(r.keyMod) {
		return nil
	}
	cert, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return fmt.Errorf("inbound TLS: %w", err)
	}
	r.cert, r.certMod, r.keyMod = &cert, ci.ModTime(), ki.ModTime()
	return nil
}
