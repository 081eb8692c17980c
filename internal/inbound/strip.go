package inbound

import (
	"regexp"
	"strings"
)

// What mail clients put before the message replied to, and signatures.
var (
	// "On Tue, 3 Mar 2026 at 09:12, Hearth <hearth@example.org> wrote:" (in
	// German "Am … schrieb Hearth <…>:"), in a few languages, perhaps wrapped
	// over three lines.
	attribution = regexp.MustCompile(`(?is)^(on|le|am|el|il|op|em|den|w dniu)\s.*((wrote|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał)\s*|schrieb\s.*):$`)
	// "-----Original Message-----" (Outlook), "-------- Original Message --------" (Thunderbird).
	originalMessage = regexp.MustCompile(`(?i)^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}$`)
	// The first line of Outlook's block of the replied-to message's headers.
	headerFrom = regexp.MustCompile(`(?i)^\*?(from|von|de|van|da)\s*:\*?\s`)
	headerNext = regexp.MustCompile(`(?i)^\*?(sent|date|gesendet|envoyé|enviado|verzonden|inviato|to|an|à|para|aan|a|subject|betreff|objet|asunto|onderwerp|oggetto)\s*:\*?\s`)
	// "Sent from my iPhone" and its kin: the rest is a client's signature.
	sentFrom = regexp.MustCompile(`(?i)^(sent from (my |mail for |outlook|yahoo)|get outlook for |sent with proton|envoyé de mon |von meinem .* gesendet|enviado desde mi )`)
	// A line of underscores Outlook puts above the header block.
	underscores = regexp.MustCompile(`^_{10,}$`)
)

// StripReply keeps what a person wrote in a reply: everything from the
// attribution of the quoted message ("On … wrote:", Outlook's "From: …
// Sent: …" block or "Original Message" line) or from the signature ("-- ",
// "Sent from my …") on is cut, and lines quoted with ">" are dropped.
func StripReply(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	text = strings.ReplaceAll(text, "\u00a0", " ")
	lines := strings.Split(text, "\n")
	cut := len(lines)
	for i := range lines {
		if startsQuoteOrSignature(lines, i) {
			cut = i
			break
		}
	}
	var out []string
	for _, l := range lines[:cut] {
		l = strings.TrimRight(l, " \t")
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), ">") {
			continue
		}
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue // no blank line first, nor two in a row
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// startsQuoteOrSignature reports whether line i begins the quoted message or
// the signature.
func startsQuoteOrSignature(lines []string, i int) bool {
	l := strings.TrimSpace(lines[i])
	switch {
	case lines[i] == "-- " || l == "--":
		return true
	case sentFrom.MatchString(l), originalMessage.MatchString(l):
		return true
	case underscores.MatchString(l) && i+1 < len(lines) && headerFrom.MatchString(strings.TrimSpace(lines[i+1])):
		return true
	case headerFrom.MatchString(l):
		// Outlook's block: From, then Sent or Date, To, Subject.
		for j := i + 1; j < len(lines) && j <= i+4; j++ {
			if headerNext.MatchString(strings.TrimSpace(lines[j])) {
				return true
			}
		}
		return false
	}
	// An attribution, on one line or wrapped over up to three.
	joined := l
	for j := i; j < len(lines) && j < i+3; j++ {
		if j > i {
			next := strings.TrimSpace(lines[j])
			if next == "" {
				break
			}
			joined += " " + next
		}
		// An attribution names a date or an address; a sentence that
		// merely starts with "On" and ends "wrote:" has neither.
		if attribution.MatchString(joined) && strings.ContainsAny(joined, "0123456789@") {
			return true
		}
	}
	return false
}
