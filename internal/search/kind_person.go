package search

import (
	"context"
	"net/url"

	"hearth/internal/db"
)

// People are found by name (the title), department (tags) and job title
// (the summary); expertise will join them when profiles hold it. As their
// profiles (people.Service.Profile), they are for signed-in readers, and a
// disabled person for administrators only.

func init() {
	Register(Kind{Name: KindPerson, Code: 3, Load: loadPeople, After: afterIDs("people"),
		Visible: func(r reader) string {
			return "(" + r.signedIn + " AND EXISTS (SELECT 1 FROM people vp WHERE vp.id = s.subject_id AND (vp.disabled_at IS NULL OR " + r.admin + " OR vp.id = " + r.person + ")))"
		},
		Filter: func(f *filter, q Query) (string, bool) {
			return "", onlyKind(q.Kind, KindPerson) && q.Community == "" && q.Maturity == "" && q.Tag == "" && q.Author == ""
		},
		Show: showPeople})
}

func loadPeople(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(d.name, ''), p.title FROM people p
		LEFT JOIN departments d ON d.id = p.department_id WHERE p.id IN (`+in+`) ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var doc Document
		if err := rows.Scan(&doc.ID, &doc.Title, &doc.Tags, &doc.Summary); err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	return docs, rows.Err()
}

func showPeople(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, "SELECT id, handle, name, created_at FROM people WHERE id IN ("+in+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var h Hit
		var id int64
		if err := rows.Scan(&id, &h.Handle, &h.Name, &h.UpdatedAt); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.Handle, hit.Name, hit.UpdatedAt = h.Handle, h.Name, h.UpdatedAt
			hit.URL = "/people/" + url.PathEscape(h.Handle)
		}
	}
	return rows.Err()
}
