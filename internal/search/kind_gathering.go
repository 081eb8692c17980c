package search

import (
	"context"
	"net/url"
	"strconv"

	"hearth/internal/db"
)

// A community's gatherings (internal/gathering): title and description,
// found by whoever may read the community's content (View.CanRead); a
// cancelled gathering is still found, and says so on its page.

// KindGathering is the gatherings' document kind.
const KindGathering = "gathering"

func init() {
	Register(Kind{Name: KindGathering, Code: 10, Load: loadGatherings, After: afterIDs("gatherings"), Visible: gatheringVisible,
		Filter: func(f *filter, q Query) (string, bool) {
			return "", onlyKind(q.Kind, KindGathering) && q.Maturity == "" && q.Tag == "" && q.Author == ""
		},
		Show: showGatherings})
}

func loadGatherings(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, "SELECT id, community_id, title, place, description_text FROM gatherings WHERE id IN ("+in+") ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var doc Document
		if err := rows.Scan(&doc.ID, &doc.CommunityID, &doc.Title, &doc.Summary, &doc.Body); err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	return docs, rows.Err()
}

// A gathering: its community's content readable (View.CanRead).
func gatheringVisible(r reader) string {
	return `EXISTS (SELECT 1 FROM gatherings vg JOIN communities c ON c.id = vg.community_id
		WHERE vg.id = s.subject_id AND ` + canRead("c", r) + `)`
}

func showGatherings(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, `SELECT g.id, g.updated_at, g.cancelled_at IS NOT NULL, c.slug, c.name
		FROM gatherings g JOIN communities c ON c.id = g.community_id WHERE g.id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var id int64
		var h Hit
		if err := rows.Scan(&id, &h.UpdatedAt, &h.Cancelled, &h.CommunitySlug, &h.CommunityName); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.UpdatedAt, hit.Cancelled, hit.CommunitySlug, hit.CommunityName = h.UpdatedAt, h.Cancelled, h.CommunitySlug, h.CommunityName
			hit.URL = "/c/" + url.PathEscape(h.CommunitySlug) + "/gatherings/" + strconv.FormatInt(id, 10)
		}
	}
	return rows.Err()
}
