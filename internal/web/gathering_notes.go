package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/practice"
	"hearth/internal/revision"
)

// textFormPage writes a date's agenda or notes; after an edit conflict it
// shows the version saved meanwhile above what the person typed.
type textFormPage struct {
	Layout
	C        community.View
	G        gathering.View
	O        gathering.Occurrence
	Part     string
	Form     Form
	Conflict *gathering.Text
}

// Back is the date's page.
func (p textFormPage) Back() string { return gathering.OccurrenceURL(p.C.Slug, p.G.ID, p.O.ID) }

func partTitle(part string) string {
	if part == gathering.Agenda {
		return "Agenda"
	}
	return "Notes"
}

func (s *Server) renderTextForm(w http.ResponseWriter, r *http.Request, status int, p *textFormPage) {
	p.Layout = communityLayout(p.G.Community, partTitle(p.Part)+": "+p.O.Title, "gatherings")
	p.Community = &p.C
	s.render(w, r, status, "gatherings/text-form", p)
}

// textForm is the form for the agenda or notes (part) of a date.
func (s *Server) textForm(part string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		g, o, t, err := s.Gatherings.ForText(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), occurrenceID(r), part)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f := Form{Values: url.Values{"body": {t.Body}, "base_revision": {strconv.Itoa(t.Revision)}}}
		s.renderTextForm(w, r, http.StatusOK, &textFormPage{C: g.Community, G: g, O: o, Part: part, Form: f})
	}
}

// saveText saves the agenda or notes (part) of a date.
func (s *Server) saveText(part string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := parseEntryForm(w, r)
		slug, id, occ := r.PathValue("slug"), gatheringID(r), occurrenceID(r)
		base, _ := strconv.Atoi(f.Get("base_revision"))
		_, err := s.Gatherings.SaveText(r.Context(), actorOf(r), slug, id, occ, part,
			gathering.TextInput{Body: f.Get("body"), BaseRevision: base, Note: f.Get("note")})
		conflict, isConflict := gathering.AsTextConflict(err)
		if isConflict || errs.Is(err, errs.Invalid) {
			g, o, _, verr := s.Gatherings.ForText(r.Context(), actorOf(r), slug, id, occ, part)
			if verr != nil {
				s.fail(w, r, verr)
				return
			}
			p := &textFormPage{C: g.Community, G: g, O: o, Part: part, Form: f}
			if isConflict {
				// What they typed stays; the form now builds on the version saved meanwhile.
				cur := conflict.Current
				p.Conflict = &cur
				p.Form.Values.Set("base_revision", strconv.Itoa(cur.Revision))
				p.Form.Message = "Someone saved this while you were writing. Their version is shown above; bring what you want to keep into your text and save again."
			} else {
				p.Form.Failed(err)
			}
			s.renderTextForm(w, r, statusOf(err), p)
			return
		}
		msg := "The notes are saved."
		if part == gathering.Agenda {
			msg = "The agenda is saved."
		}
		s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ)+"#"+part+"-h", msg)
	}
}

// textHistoryPage lists the revisions of a date's agenda or notes.
type textHistoryPage struct {
	Layout
	C         community.View
	G         gathering.View
	O         gathering.Occurrence
	Part      string
	Revisions []revision.Revision
}

func (s *Server) textHistory(part string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		g, o, revs, err := s.Gatherings.TextHistory(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), occurrenceID(r), part)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p := &textHistoryPage{C: g.Community, G: g, O: o, Part: part, Revisions: revs}
		p.Layout = communityLayout(g.Community, "History of the "+part+": "+o.Title, "gatherings")
		p.Community = &p.C
		s.render(w, r, http.StatusOK, "gatherings/text-history", p)
	}
}

// capturePage lets a person keep the part of a date's notes that becomes
// an entry (a textarea they trim: no script needed).
type capturePage struct {
	Layout
	C    community.View
	G    gathering.View
	O    gathering.Occurrence
	Form Form
}

func (s *Server) captureForm(w http.ResponseWriter, r *http.Request) {
	g, o, t, err := s.Gatherings.ForCapture(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), occurrenceID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &capturePage{C: g.Community, G: g, O: o, Form: Form{Values: url.Values{"excerpt": {t.Body}}}}
	p.Layout = communityLayout(g.Community, "Capture as an entry", "gatherings")
	p.Community = &p.C
	s.render(w, r, http.StatusOK, "gatherings/capture", p)
}

// captureToEntry opens the new-entry form pre-filled with the kept part.
func (s *Server) captureToEntry(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	g, o, _, err := s.Gatherings.ForCapture(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), occurrenceID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	info, _ := practice.InfoOf(practice.Lesson)
	vals := url.Values{"kind": {string(info.Kind)}, "title": {clipRunes(o.Title, practice.MaxTitle)},
		"body": {f.Get("excerpt") + "\n\n" + info.Template}, "source": {clipRunes(gathering.CaptureSource(g, o), practice.MaxSource)},
		"from_gathering": {strconv.FormatInt(g.ID, 10)}, "from_occurrence": {strconv.FormatInt(o.ID, 10)}}
	s.renderEntryForm(w, r, http.StatusOK, g.Community, nil, Form{Values: vals}, "", nil)
}
