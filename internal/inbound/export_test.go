package inbound

import "time"

// RecheckCertificatesEvery sets how often the certificate's files are looked
// at, for a test, until it ends.
func RecheckCertificatesEvery(d time.Duration) (restore func()) {
	old := recheck.Swap(int64(d))
	return func() { recheck.Store(old) }
}
