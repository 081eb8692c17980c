package inbound

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Real-world shapes of replies (Gmail, Outlook, Apple Mail on an iPhone,
// Thunderbird's HTML, format=flowed with a signature): what the person wrote
// comes out, and nothing of the quote or the signature.
func TestRepliesOfMailClients(t *testing.T) {
	for _, tc := range []struct {
		file, from, want string
	}{
		{"gmail.eml", "bea@example.org", "Thanks Eve, that helps a lot — I'll try the whetstone tomorrow.\n\nA second paragraph, with café."},
		{"outlook.eml", "Bea@Example.org", "Yes, we do this every week in the café kitchen.\n\nBest regards,\nBea"},
		{"applemail.eml", "bea@example.org", "Good point – see you on Thursday."},
		{"thunderbird-html.eml", "bea@example.org", "Three things worth trying:\n- a finer stone & water\n- a steady angle\nCafé talk on Friday?\nBéa"},
		{"flowed.eml", "bea@example.org", "I agree with this, and the stone should be soaked for ten minutes before you start.\n\nOnly for the good knives."},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, err := ParseMessage(f)
			if err != nil {
				t.Fatal(err)
			}
			if m.From != tc.from || m.Auto != "" || m.MessageID == "" {
				t.Errorf("from %q, auto %q, message id %q", m.From, m.Auto, m.MessageID)
			}
			if got := StripReply(m.Text); got != tc.want {
				t.Errorf("reply:\n%s\n---- want:\n%s\n---- from text:\n%s", got, tc.want, m.Text)
			}
		})
	}
}

// The HTML part is used when there is no text part.
func TestHTMLOnlyBecomesText(t *testing.T) {
	m, err := ParseMessage(strings.NewReader("From: a@example.org\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		"<p>One<br>two &lt;three&gt;</p><script>alert(1)</script><blockquote>quoted</blockquote><p>four</p>"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Text != "One\ntwo <three>\nfour\n" {
		t.Errorf("text %q", m.Text)
	}
}

// Messages a machine sent are recognised, so that Hearth never answers them.
func TestAutomaticMessages(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "autoreply.eml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ParseMessage(f)
	if err != nil || m.Auto == "" {
		t.Fatalf("auto-reply: %+v (%v)", m, err)
	}
	for _, h := range []string{"Precedence: bulk", "Precedence: auto_reply", "X-Autoreply: yes", "List-Id: <cooks.example.org>",
		"Subject: Out of Office: Sharpening", "Content-Type: multipart/report; report-type=delivery-status; boundary=x"} {
		m, _ := ParseMessage(strings.NewReader("From: a@example.org\r\n" + h + "\r\n\r\nbody\r\n"))
		if m.Auto == "" {
			t.Errorf("%s: not seen as automatic", h)
		}
	}
	m, err = ParseMessage(strings.NewReader("From: a@example.org\r\nAuto-Submitted: no\r\nSubject: Re: Auto-tuning\r\n\r\nbody\r\n"))
	if err != nil || m.Auto != "" {
		t.Errorf("a person's message seen as automatic: %q (%v)", m.Auto, err)
	}
}

func TestStripReply(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"nothing to strip", "Just this.\n\nAnd this.", "Just this.\n\nAnd this."},
		{"original message", "Agreed.\n\n-----Original Message-----\nFrom: Hearth\nHello", "Agreed."},
		{"outlook bold headers", "Agreed.\n\n*From:* Hearth <h@example.org>\n*Sent:* Tuesday\n*To:* Bea\n\nHello", "Agreed."},
		{"signature", "Agreed.\n-- \nBea", "Agreed."},
		{"sent from", "Agreed.\n\nSent from my Galaxy", "Agreed."},
		{"german attribution", "Ja.\n\nAm 03.03.2026 um 09:12 schrieb Hearth <h@example.org>:\n> Hallo", "Ja."},
		{"french attribution", "Oui.\n\nLe mar. 3 mars 2026 à 09:12, Hearth <h@example.org> a écrit :\n> Bonjour", "Oui."},
		{"a sentence that is no attribution", "On reflection, here is what I wrote:\nthe stone matters.", "On reflection, here is what I wrote:\nthe stone matters."},
		{"a from line that is no header block", "From: the kitchen, with love.\nThanks all.", "From: the kitchen, with love.\nThanks all."},
		{"only a quote", "> Hello Bea,\n> how are you?", ""},
		{"crlf and nbsp", "Fine\u00a0 \r\n\r\n\r\nthanks\r\n", "Fine\n\nthanks"},
	} {
		if got := StripReply(tc.in); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A message that is not one, or has nothing to read, says so.
func TestUnreadableMessages(t *testing.T) {
	if _, err := ParseMessage(strings.NewReader("not a message")); err == nil {
		t.Error("a message without headers parsed")
	}
	if _, err := ParseMessage(strings.NewReader("From: a@example.org\r\nContent-Type: image/png\r\n\r\nPNG")); err != ErrNoText {
		t.Errorf("an image alone: %v, want ErrNoText", err)
	}
	deep := "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
	for i := 1; i <= 8; i++ {
		deep += "--b" + string(rune('0'+i-1)) + "\r\nContent-Type: multipart/mixed; boundary=b" + string(rune('0'+i)) + "\r\n\r\n"
	}
	if _, err := ParseMessage(strings.NewReader(deep)); err == nil || err == ErrNoText {
		t.Errorf("multipart nested 8 deep: %v", err)
	}
}
