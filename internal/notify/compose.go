package notify

import (
	"bytes"
	"context"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"hearth/internal/db"
)

// mailItem is one notification as an e-mail shows it.
type mailItem struct {
	Line    string // "Ada Lovelace commented on “Knife skills”"
	Excerpt string
	URL     string // absolute
}

// mailGroup is a community's items in an e-mail.
type mailGroup struct {
	Community string
	Items     []mailItem
}

type mailData struct {
	Site        string
	Name        string
	Groups      []mailGroup
	Single      bool
	SettingsURL string
	Unsubscribe string
	Scope       string // what the unsubscribe link stops
	Replyable   string // what replying to the e-mail adds to ("the conversation"); empty: nothing
}

var textMail = texttemplate.Must(texttemplate.New("text").Parse(`Hello {{.Name}},
{{range .Groups}}
{{if .Community}}In {{.Community}}:
{{end}}{{range .Items}}
- {{.Line}}{{if .Excerpt}}
  "{{.Excerpt}}"{{end}}
  {{.URL}}
{{end}}{{end}}{{if .Replyable}}
Reply to this e-mail to add your reply to {{.Replyable}}; write above
the quoted text. Only what you write is posted, as you, from this address.
{{end}}
--
You get this e-mail from {{.Site}} because you take part in, watch, or were
mentioned in these. Choose how often: {{.SettingsURL}}
Stop e-mail {{.Scope}}: {{.Unsubscribe}}
`))

var htmlMail = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Site}}</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #2b2522; max-width: 36em;">
<p>Hello {{.Name}},</p>
{{range .Groups}}{{if .Community}}<h2 style="font-size: 1.1em;">In {{.Community}}</h2>{{end}}
<ul>{{range .Items}}
<li><a href="{{.URL}}">{{.Line}}</a>{{if .Excerpt}}<br><q>{{.Excerpt}}</q>{{end}}</li>{{end}}
</ul>{{end}}
{{if .Replyable}}<p style="font-size: 0.9em; color: #5b524c;">Reply to this e-mail to add your reply to {{.Replyable}}; write above the quoted text.</p>{{end}}
<hr>
<p style="font-size: 0.9em; color: #5b524c;">You get this e-mail from {{.Site}} because you take part in, watch, or were mentioned in these.
<a href="{{.SettingsURL}}">Choose how often</a> · <a href="{{.Unsubscribe}}">Stop e-mail {{.Scope}}</a></p>
</body></html>
`))

// site is the instance's name, for e-mails.
func (n *Notifier) site(ctx context.Context) string {
	if n.siteName == nil {
		return "Hearth"
	}
	return n.siteName(ctx)
}

// compose renders the e-mail of items for r from site: one notification, or
// a digest.
func (n *Notifier) compose(ctx context.Context, site string, r recipient, items []Item) (Mail, error) {
	d := mailData{Site: site, Name: r.name, Single: len(items) == 1, SettingsURL: n.baseURL + "/account/notifications"}
	// One community's items unsubscribe from that community; a digest
	// across communities, from all e-mail.
	communityID := items[0].Activity.CommunityID
	for _, it := range items {
		a := it.Activity
		if a.CommunityID != communityID {
			communityID = 0
		}
		if len(d.Groups) == 0 || d.Groups[len(d.Groups)-1].Community != a.CommunityName {
			d.Groups = append(d.Groups, mailGroup{Community: a.CommunityName})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Items = append(g.Items, mailItem{Line: a.Line(), Excerpt: a.Excerpt, URL: n.baseURL + a.URL})
	}
	d.Scope = "from " + site
	if communityID != 0 {
		d.Scope = "about " + items[0].Activity.CommunityName
	}
	unsub, err := n.UnsubscribeURL(ctx, r.id, communityID)
	if err != nil {
		return Mail{}, err
	}
	d.Unsubscribe = unsub
	replyTo := ""
	if a := items[0].Activity; len(items) == 1 && n.Replyable(a.SubjectKind) {
		if replyTo, err = n.ReplyAddress(ctx, r.id, a.SubjectKind, a.SubjectID, db.Now()); err != nil {
			return Mail{}, err
		}
		d.Replyable = replyScope(a.SubjectKind)
	}
	var text, html bytes.Buffer
	if err := textMail.Execute(&text, d); err != nil {
		return Mail{}, fmt.Errorf("render e-mail: %w", err)
	}
	if err := htmlMail.Execute(&html, d); err != nil {
		return Mail{}, fmt.Errorf("render e-mail: %w", err)
	}
	subject := items[0].Activity.Line()
	if len(items) > 1 {
		subject = fmt.Sprintf("%s: %d new things for you", site, len(items))
	}
	return Mail{To: r.email, Subject: oneLine(subject), Body: text.String(), HTML: html.String(), ReplyTo: replyTo, Unsubscribe: unsub}, nil
}

// replyScope names what a reply by e-mail to news of a subject adds to.
func replyScope(kind string) string {
	if kind == "entry" {
		return "the entry's comments"
	}
	return "the conversation"
}

// oneLine keeps a header on one line whatever a title holds.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
