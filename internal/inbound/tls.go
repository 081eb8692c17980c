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
	r := &certReloader{certFile: certFile, keyFile: keyFile}
	if _, err := r.load(); err != nil {
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

func (r *certReloader) current() *tls.Certificate {
	r.mu.Lock()
	defer r.mu.Unlock()
	if time.Since(r.checked) < time.Duration(recheck.Load()) {
		return r.cert
	}
	r.checked = time.Now()
	certMod, keyMod, err := r.modTimes()
	if err != nil || (certMod.Equal(r.certMod) && keyMod.Equal(r.keyMod)) {
		return r.cert
	}
	if cert, err := tls.LoadX509KeyPair(r.certFile, r.keyFile); err == nil {
		r.cert, r.certMod, r.keyMod = &cert, certMod, keyMod
	}
	return r.cert
}

func (r *certReloader) load() (*tls.Certificate, error) {
	certMod, keyMod, err := r.modTimes()
	if err != nil {
		return nil, err
	}
	cert, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return nil, fmt.Errorf("inbound TLS: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cert, r.certMod, r.keyMod, r.checked = &cert, certMod, keyMod, time.Now()
	return r.cert, nil
}

func (r *certReloader) modTimes() (cert, key time.Time, err error) {
	ci, err := os.Stat(r.certFile)
	if err != nil {
		return cert, key, fmt.Errorf("inbound TLS certificate: %w", err)
	}
	ki, err := os.Stat(r.keyFile)
	if err != nil {
		return cert, key, fmt.Errorf("inbound TLS key: %w", err)
	}
	return ci.ModTime(), ki.ModTime(), nil
}
