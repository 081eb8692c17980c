package search

import (
	"context"
	"net/url"
	"strings"

	"hearth/internal/db"
)

// Communities are found by name (the title), tags, purpose (the summary)
// and the rest of their charter (the body); each belongs to itself, so the
// community filter keeps it. Who may find one is community.View.CanSee.

func init() {
	Register(Kind{Name: KindCommunity, Code: 2, Load: loadCommunities, After: afterIDs("communities"),
		Visible: func(r reader) string {
			return "EXISTS (SELECT 1 FROM communities vc WHERE vc.id = s.subject_id AND " + canSee("vc", r) + ")"
		},
		Filter: func(f *filter, q Query) (string, bool) {
			return "", onlyKind(q.Kind, KindCommunity) && q.Maturity == "" && q.Tag == "" && q.Author == ""
		},
		Show: showCommunities})
}

func loadCommunities(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, c.purpose, c.scope, c.key_questions, c.who_should_join
		FROM communities c WHERE c.id IN (`+in+`) ORDER BY c.id`, args...)
	if err != nil {
		return nil, err
	}
	var docs []Document
	for rows.Next() {
		var doc Document
		var scope, questions, who string
		if err := rows.Scan(&doc.ID, &doc.Title, &doc.Summary, &scope, &questions, &who); err != nil {
			rows.Close()
			return nil, err
		}
		doc.CommunityID = doc.ID
		doc.Body = strings.Join([]string{scope, questions, who}, "\n")
		docs = append(docs, doc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tags, err := tagsOf(ctx, q, "SELECT community_id, tag FROM community_tags WHERE community_id IN ("+in+") ORDER BY community_id, tag", args)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].Tags = strings.Join(tags[docs[i].ID], ", ")
	}
	return docs, nil
}

func showCommunities(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, "SELECT id, slug, name, updated_at FROM communities WHERE id IN ("+in+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var h Hit
		var id int64
		if err := rows.Scan(&id, &h.CommunitySlug, &h.Name, &h.UpdatedAt); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.CommunitySlug, hit.CommunityName, hit.Name, hit.UpdatedAt = h.CommunitySlug, h.Name, h.Name, h.UpdatedAt
			hit.URL = "/c/" + url.PathEscape(h.CommunitySlug)
		}
	}
	return rows.Err()
}
