package web

import (
	"bytes"
	"encoding/csv"
	"hash/maphash"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/stewardship"
)

// institutionPage is the sponsor's view across the communities.
type institutionPage struct {
	Layout
	In                stewardship.Institution
	Lines             []stewardship.InstitutionLine
	Stages, Value, EI stewardship.Chart
	Tables            map[string]stewardship.Table
	MinCell           int
	Body              template.HTML // the above rendered, from the fragment cache
}

// institution shows the institution's page: administrators only (the
// service refuses everyone else).
func (s *Server) institution(w http.ResponseWriter, r *http.Request) {
	in, err := s.Stewardship.Institution(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &institutionPage{Layout: Layout{Title: "The institution", Crumbs: []Crumb{{"Communities", "/communities"}, {"The institution", ""}}},
		In: in, MinCell: stewardship.MinCell}
	var buf bytes.Buffer
	p.Body, err = s.fragments.fragment(s.fragments.institutionKey(p), &buf, func(w io.Writer) error {
		// The lines, charts and tables (the map of hundreds of
		// communities) only when the body is rendered.
		p.Lines, p.Stages, p.Value, p.EI = in.Lines(), in.StagesChart(), in.ValueChart(), in.EIChart()
		p.Tables = map[string]stewardship.Table{}
		for _, name := range stewardship.InstitutionTables {
			p.Tables[name], _ = in.Table(name)
		}
		return s.pages.sets["institution"].ExecuteTemplate(w, "institution-body", p)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "institution", p)
}

// institutionKey hashes what the page's body shows: the count, which
// decides everything on it but the value matrix (read live) and how long
// ago it was counted (in words), the matrix and those words. The map of
// hundreds of communities is most of the page's work to render.
func (c *fragmentCache) institutionKey(p *institutionPage) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(p.In.CountedAt.Format(time.RFC3339Nano))
	h.WriteString(" " + ago(p.In.CountedAt))
	for _, v := range p.In.Value {
		h.WriteString(" " + strconv.Itoa(int(v.Cycle)) + ":" + strconv.Itoa(v.Stories) + ":" + strconv.Itoa(v.WithEvidence))
	}
	return h.Sum64()
}

// institutionCSV downloads one of the institution's tables as CSV.
func (s *Server) institutionCSV(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	in, err := s.Stewardship.Institution(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, known := in.Table(name)
	if !ok || !known {
		s.fail(w, r, errs.NotFoundf("There is no such figure."))
		return
	}
	s.sendTable(w, r, "institution-"+t.Name+".csv", t)
}

// sendTable downloads t as CSV; a cell a spreadsheet would read as a
// formula is prefixed with a quote.
func (s *Server) sendTable(w http.ResponseWriter, r *http.Request, file string, t stewardship.Table) {
	s.sendDownload(w, r, file, "text/csv; charset=utf-8", func(dw io.Writer) error {
		cw := csv.NewWriter(dw)
		if err := cw.Write(t.Head); err != nil {
			return err
		}
		for _, row := range t.Rows {
			safe := make([]string, len(row))
			for i, c := range row {
				safe[i] = gathering.CSVCell(c)
			}
			if err := cw.Write(safe); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}
