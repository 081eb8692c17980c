package inbound

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// Message is what Hearth reads of an e-mail: who sent it, whether a machine
// did, and its text.
type Message struct {
	From      string // the From header's address, as written
	MessageID string
	Auto      string // why it is machine-made (an auto-reply, a bounce, a list), or ""
	Text      string // the body as text: the text/plain part, else the HTML part made text
}

// Bounds on a message's structure (its size is bounded by the listener).
const (
	maxDepth = 5  // multipart inside multipart
	maxParts = 50 // parts looked at in all
)

// ErrNoText is a message with neither a text nor an HTML part.
var ErrNoText = errors.New("the message has no text")

// decoder reads headers' encoded words in any charset Go's text package knows.
var decoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("charset %q: %w", charset, err)
	}
	return enc.NewDecoder().Reader(r), nil
}

// ParseMessage reads an RFC 5322 message: its sender, whether it is an
// automatic one, and its text (decoded from its transfer encoding and
// charset; text/plain preferred to text/html, which is made text).
func ParseMessage(r io.Reader) (Message, error) {
	m, err := mail.ReadMessage(r)
	if err != nil {
		return Message{}, fmt.Errorf("read message: %w", err)
	}
	var msg Message
	from, err := (&mail.AddressParser{WordDecoder: decoder}).Parse(m.Header.Get("From"))
	if err != nil {
		return Message{}, fmt.Errorf("from %q: %w", m.Header.Get("From"), err)
	}
	msg.From = from.Address
	msg.MessageID = strings.TrimSpace(m.Header.Get("Message-Id"))
	subject, err := decoder.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		subject = m.Header.Get("Subject")
	}
	msg.Auto = automatic(m.Header, subject)
	var w walk
	if err := w.part(m.Header, m.Body, 0); err != nil {
		return msg, err
	}
	switch {
	case w.plain != nil:
		msg.Text = *w.plain
	case w.html != nil:
		msg.Text = htmlText(*w.html)
	default:
		return msg, ErrNoText
	}
	return msg, nil
}

// header is a message's or a part's headers.
type header interface{ Get(string) string }

// walk finds the first text/plain and the first text/html part that are not
// attachments.
type walk struct {
	plain, html *string
	parts       int
}

func (w *walk) part(h header, body io.Reader, depth int) error {
	w.parts++
	if w.parts > maxParts || depth > maxDepth {
		return errors.New("the message has too many parts")
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		mediaType, params = "text/plain", map[string]string{} // RFC 2045's default for what does not parse
	}
	if disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp == "attachment" {
		return nil
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("read part: %w", err)
			}
			if err := w.part(p.Header, p, depth+1); err != nil {
				return err
			}
		}
	}
	if mediaType != "text/plain" && mediaType != "text/html" {
		return nil
	}
	if (mediaType == "text/plain" && w.plain != nil) || (mediaType == "text/html" && w.html != nil) {
		return nil
	}
	text, err := decodeBody(body, h.Get("Content-Transfer-Encoding"), params["charset"])
	if err != nil {
		return err
	}
	if mediaType == "text/html" {
		w.html = &text
		return nil
	}
	if strings.EqualFold(params["format"], "flowed") {
		text = unflow(text, strings.EqualFold(params["delsp"], "yes"))
	}
	w.plain = &text
	return nil
}

// decodeBody undoes a part's transfer encoding and charset. A charset Go does
// not know is read as UTF-8, bad bytes replaced.
func decodeBody(body io.Reader, transfer, charset string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(transfer)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("decode body: %w", err)
	}
	if charset != "" && !strings.EqualFold(charset, "utf-8") && !strings.EqualFold(charset, "us-ascii") {
		if enc, err := htmlindex.Get(charset); err == nil {
			if out, err := enc.NewDecoder().Bytes(raw); err == nil {
				raw = out
			}
		}
	}
	if !utf8.Valid(raw) {
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	return string(raw), nil
}

// unflow joins the soft line breaks of format=flowed text (RFC 3676): a line
// ending in a space goes on in the next.
func unflow(text string, delsp bool) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimPrefix(l, " ") // space-stuffed
		soft := strings.HasSuffix(l, " ") && l != "-- " && i < len(lines)-1
		if soft && delsp {
			l = l[:len(l)-1]
		}
		b.WriteString(l)
		if !soft {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// automatic says why a message was sent by a machine (answering it could
// start a loop of mail between two machines), or "" for a person's.
func automatic(h mail.Header, subject string) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "Auto-Submitted: " + v
	}
	switch v := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); v {
	case "bulk", "junk", "list", "auto_reply":
		return "Precedence: " + v
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Autogenerated", "List-Id"} {
		if h.Get(k) != "" {
			return k
		}
	}
	if mt, _, _ := mime.ParseMediaType(h.Get("Content-Type")); mt == "multipart/report" {
		return "a delivery report"
	}
	s := strings.ToLower(subject)
	for _, p := range []string{"out of office", "automatic reply", "auto-reply", "autoreply", "auto:"} {
		if strings.HasPrefix(s, p) {
			return "the subject " + subject
		}
	}
	return ""
}
