package community

import (
	"net/mail"
	"strings"

	"hearth/internal/auth"
)

// maxRecipients bounds one invitation form: more is a mailing list, not
// an invitation.
const maxRecipients = 50

// Recipient is one person named in an invitation form: a handle, or an
// e-mail address with the name it was written with ("Ada <ada@example.org>").
type Recipient struct {
	Text   string // as typed, to give back when it fails
	Handle string
	Email  string
	Name   string
	at     int // its place in the form, to give failures back in order
}

// splitRecipients cuts what a steward typed into the people it names:
// separated by new lines, commas or semicolons, except inside quotes or
// angle brackets ("Lovelace, Ada" <ada@example.org> is one).
func splitRecipients(text string) []string {
	var out []string
	var cur strings.Builder
	quoted, angled := false, false
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	for _, r := range text {
		switch {
		case r == '"' && !angled:
			quoted = !quoted
		case r == '<' && !quoted:
			angled = true
		case r == '>' && !quoted:
			angled = false
		case (r == ',' || r == ';' || r == '\n' || r == '\r') && !quoted && !angled:
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}

// parseRecipient reads one item: "@ada" or "ada" (a handle), an address, or
// "Name <address>". It returns a message for a person when it is neither.
func parseRecipient(text string) (Recipient, string) {
	r := Recipient{Text: text}
	if len(text) > 320 {
		return r, "This is too long for a handle or an e-mail address."
	}
	if !strings.ContainsAny(text, "<>\" ") && !strings.Contains(strings.TrimPrefix(text, "@"), "@") {
		h := strings.ToLower(strings.TrimPrefix(text, "@"))
		if !handleLike(h) {
			return r, "Not a handle (such as @ada) or an e-mail address."
		}
		r.Handle = h
		return r, ""
	}
	a, err := mail.ParseAddress(text)
	if err != nil {
		return r, "Not an e-mail address: write it as name@example.org or Name <name@example.org>."
	}
	r.Email, r.Name = auth.NormalizeEmail(a.Address), strings.TrimSpace(a.Name)
	if !auth.ValidEmail(r.Email) {
		return r, "Not an e-mail address: write it as name@example.org or Name <name@example.org>."
	}
	if len([]rune(r.Name)) > 100 {
		return r, "Keep the name to 100 characters."
	}
	return r, ""
}

// handleLike reports whether h could be a handle (auth's rule).
func handleLike(h string) bool {
	if h == "" || len(h) > 32 || h[0] == '-' || h[len(h)-1] == '-' {
		return false
	}
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
