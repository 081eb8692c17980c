package inbound_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"hearth/internal/apptest"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/inbound"
)

// writeCertificate writes a self-signed certificate for 127.0.0.1 with this
// serial number, and its key, as PEM files, and returns it.
func writeCertificate(t *testing.T, certFile, keyFile string, serial int64) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "reply.hearth.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	// Written under other names and renamed, as a renewal does, so the
	// listener never reads half a file.
	for _, f := range []struct {
		name, kind string
		der        []byte
	}{{certFile, "CERTIFICATE", der}, {keyFile, "EC PRIVATE KEY", keyDER}} {
		if err := os.WriteFile(f.name+".new", pem.EncodeToMemory(&pem.Block{Type: f.kind, Bytes: f.der}), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(f.name+".new", f.name); err != nil {
			t.Fatal(err)
		}
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// With a certificate configured, the listener offers STARTTLS, and a reply
// sent over it is posted; a renewed certificate is served to the next
// connection without a restart. Without one, STARTTLS is not offered.
func TestStartTLS(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		defer inbound.RecheckCertificatesEvery(0)()
		dir := t.TempDir()
		certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		first := writeCertificate(t, certFile, keyFile, 1)
		w := newWorldWith(t, d, func(c *config.Config) {
			apptest.RoomyLimits(c)
			c.InboundTLSCert, c.InboundTLSKey = certFile, keyFile
		})
		dial := func(trusted *x509.Certificate) *smtp.Client {
			t.Helper()
			roots := x509.NewCertPool()
			roots.AddCert(trusted)
			c, err := smtp.DialStartTLS(w.addr, &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"})
			if err != nil {
				t.Fatalf("STARTTLS: %v", err)
			}
			if err := c.Hello("mx.example.org"); err != nil { // over TLS: the handshake is done
				t.Fatalf("EHLO over TLS: %v", err)
			}
			return c
		}
		c := dial(first)
		if state, ok := c.TLSConnectionState(); !ok || state.PeerCertificates[0].SerialNumber.Int64() != 1 {
			t.Fatalf("after STARTTLS: TLS %v, certificate %v", ok, state.PeerCertificates)
		}
		body := "Thanks, the stone works (sent over TLS)."
		if err := c.SendMail("bea@example.org", []string{w.replyTo}, strings.NewReader(reply("bea@example.org", w.replyTo, "tls-1@example.org", body))); err != nil {
			t.Fatalf("send over TLS: %v", err)
		}
		c.Close()
		if got := w.posts(); !strings.HasSuffix(got[len(got)-1], body) {
			t.Errorf("posts after a reply over TLS: %q", got)
		}

		// Renewed: the next connection gets the new certificate.
		time.Sleep(10 * time.Millisecond) // a later modification time, on file systems that keep coarse ones
		renewed := writeCertificate(t, certFile, keyFile, 2)
		c = dial(renewed)
		if state, _ := c.TLSConnectionState(); state.PeerCertificates[0].SerialNumber.Int64() != 2 {
			t.Errorf("after renewal the listener serves serial %v", state.PeerCertificates[0].SerialNumber)
		}
		c.Close()

		// Half written (a key that is not the certificate's): the pair
		// loaded before is kept.
		if err := os.WriteFile(keyFile, []byte("not a key"), 0o600); err != nil {
			t.Fatal(err)
		}
		c = dial(renewed)
		if state, _ := c.TLSConnectionState(); state.PeerCertificates[0].SerialNumber.Int64() != 2 {
			t.Errorf("with a broken key file the listener serves serial %v", state.PeerCertificates[0].SerialNumber)
		}
		c.Close()
	})
}

func TestNoStartTLSWithoutCertificate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		c, err := smtp.Dial(w.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Hello("mx.example.org"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := c.Extension("STARTTLS"); ok {
			t.Error("STARTTLS offered without a certificate")
		}
	})
}

// A certificate that cannot be read, or a key that is not its own, is named
// when the listener is made, so Hearth does not start with it.
func TestCertificateFilesRefused(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if _, err := inbound.CertificateFiles(certFile, keyFile); err == nil || !strings.Contains(err.Error(), "inbound TLS certificate") {
		t.Errorf("missing files: %v", err)
	}
	writeCertificate(t, certFile, keyFile, 1)
	other := filepath.Join(dir, "other.pem")
	writeCertificate(t, filepath.Join(dir, "other-cert.pem"), other, 2)
	if _, err := inbound.CertificateFiles(certFile, other); err == nil || !strings.Contains(err.Error(), "inbound TLS") {
		t.Errorf("a key of another certificate: %v", err)
	}
	if _, err := inbound.CertificateFiles(certFile, keyFile); err != nil {
		t.Errorf("a good pair: %v", err)
	}
}
