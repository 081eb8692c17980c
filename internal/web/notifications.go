package web

import (
	"net/http"
	"strconv"
	"time"

	"hearth/internal/community"
	"hearth/internal/notify"
)

// notificationsPage is a person's notifications, grouped by day.
type notificationsPage struct {
	Layout
	Days   []notify.Day
	More   bool
	Before int64 // the next page's keyset: older than this id
}

func (s *Server) notifications(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/signin?next=/notifications", http.StatusSeeOther)
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	items, more, err := s.Notifier.Items(r.Context(), a.PersonID, before)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &notificationsPage{Layout: Layout{Title: "Notifications", Crumbs: []Crumb{{Label: "Notifications"}}},
		Days: notify.ByDay(items, time.UTC), More: more}
	if more && len(items) > 0 {
		p.Before = items[len(items)-1].ID
	}
	s.render(w, r, http.StatusOK, "notify/list", p)
}

// openNotification marks a notification read and goes where it points.
func (s *Server) openNotification(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	target, err := s.Notifier.Read(r.Context(), actorOf(r).PersonID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(target), http.StatusSeeOther)
}

func (s *Server) readAllNotifications(w http.ResponseWriter, r *http.Request) {
	if err := s.Notifier.ReadAll(r.Context(), actorOf(r).PersonID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/notifications", "All your notifications are marked read.")
}

// emailChoicesPage is where a person chooses how e-mail reaches them.
type emailChoicesPage struct {
	Layout
	Prefs       notify.Prefs
	Communities []community.Listing
	Choices     []emailChoice
	Reminder    string // when gatherings remind: gathering.RemindDay, RemindHour or RemindNone
}

type emailChoice struct{ Value, Label string }

var emailChoices = []emailChoice{
	{notify.EmailImmediate, "At once"},
	{notify.EmailDaily, "A daily digest"},
	{notify.EmailWeekly, "A weekly digest"},
	{notify.EmailNever, "Never"},
}

func (s *Server) emailChoices(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/signin?next=/account/notifications", http.StatusSeeOther)
		return
	}
	prefs, err := s.Notifier.Prefs(r.Context(), a.PersonID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	mine, err := s.Communities.Mine(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reminder, err := s.Gatherings.ReminderOf(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notify/choices", &emailChoicesPage{
		Layout: Layout{Title: "E-mail and notifications", Crumbs: []Crumb{{Label: "Account", URL: "/account"}, {Label: "E-mail and notifications"}}},
		Prefs:  prefs, Communities: mine, Choices: emailChoices, Reminder: reminder})
}

// saveEmailChoices saves the default choice and each community's.
func (s *Server) saveEmailChoices(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	f := parseForm(w, r)
	if f.Values.Has("reminder") {
		if err := s.Gatherings.SetReminder(r.Context(), a, f.Get("reminder")); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := s.Notifier.SetPref(r.Context(), a.PersonID, 0, f.Get("email")); err != nil {
		s.fail(w, r, err)
		return
	}
	mine, err := s.Communities.Mine(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, c := range mine {
		if err := s.Notifier.SetPref(r.Context(), a.PersonID, c.ID, f.Get("email-"+strconv.FormatInt(c.ID, 10))); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.redirect(w, r, "/account/notifications", "Your e-mail choices are saved.")
}

// unsubscribePage confirms what an unsubscribe link stops; the link works
// without signing in.
type unsubscribePage struct {
	Layout
	U       notify.Unsubscription
	P, C, T string
	Done    bool
}

func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	u, err := s.Notifier.CheckUnsubscribe(r.Context(), q.Get("p"), q.Get("c"), q.Get("t"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notify/unsubscribe", &unsubscribePage{Layout: Layout{Title: "Stop e-mail"},
		U: u, P: q.Get("p"), C: q.Get("c"), T: q.Get("t")})
}

// unsubscribe stops the e-mail: from the page's button, or from a mail
// program's one-click POST (RFC 8058), which carries the link's query.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	p, c, t := f.Get("p"), f.Get("c"), f.Get("t")
	if p == "" {
		q := r.URL.Query()
		p, c, t = q.Get("p"), q.Get("c"), q.Get("t")
	}
	u, err := s.Notifier.Unsubscribe(r.Context(), p, c, t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notify/unsubscribe", &unsubscribePage{Layout: Layout{Title: "E-mail stopped"}, U: u, Done: true})
}

// reasonText says why a person was told of something.
func reasonText(reason string) string {
	switch reason {
	case "mention":
		return "you were mentioned"
	case "steward":
		return "you steward this community"
	case "admin":
		return "you are an administrator"
	case "invited":
		return "you were invited"
	case "author":
		return "you wrote it"
	case "endorsed":
		return "it is about your expertise"
	case notify.ReasonWatching:
		return "you watch it"
	case notify.ReasonCommunity:
		return "you watch this community"
	}
	return "for you"
}
