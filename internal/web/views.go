package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
)

// viewerOf is who reads an entry, for counting views (practice.WithViewer):
// for a visitor, a hash of their network address and browser, which tells
// them apart without keeping either. It is "" (no new view) when the page is
// the answer to the reader's own action: shown again with a form's errors, or
// reached by the redirect after it, which carries its one-time message.
func viewerOf(r *http.Request, status int) string {
	if status != http.StatusOK || r.Method != http.MethodGet {
		return ""
	}
	if _, err := r.Cookie(flashCookie); err == nil {
		return ""
	}
	sum := sha256.Sum256([]byte(clientIP(r) + "\x00" + r.UserAgent()))
	return hex.EncodeToString(sum[:12])
}
