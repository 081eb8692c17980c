package search

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"hearth/internal/db"
)

// A community's gatherings (internal/gathering): title and description,
// found by whoever may read the community's content (View.CanRead); a
// cancelled gathering is still found, and says so on its page. What was
// said and planned at its dates (agendas and notes, newest first, up to
// gatheringTextCap) and a conference's sessions (titles, rooms, tracks,
// speakers) are found through the gathering too: the gathering's page
// leads to each date's notes and to the programme.

// KindGathering is the gatherings' document kind.
const KindGathering = "gathering"

func init() {
	Register(Kind{Name: KindGathering, Code: 10, Load: loadGatherings, After: afterIDs("gatherings"), Visible: gatheringVisible,
		Scope: communityScope, // gatherings never move between communities
		Filter: func(f *filter, q Query) (string, bool) {
			return "", onlyKind(q.Kind, KindGathering) && q.Maturity == "" && q.Tag == "" && q.Author == ""
		},
		Show: showGatherings})
}

// gatheringTextCap bounds the agendas, notes and sessions a gathering's
// document carries (a weekly series gathers notes for years).
const gatheringTextCap = 32 << 10

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
	if err := rows.Err(); err != nil {
		return nil, err
	}
	more, err := gatheringTexts(ctx, q, args, in)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		if extra := more[docs[i].ID]; extra != nil {
			docs[i].Body += "\n" + extra.String()
		}
	}
	return docs, nil
}

// gatheringTexts reads the sessions, agendas and notes of the gatherings
// whose ids are args (placeholders in), up to gatheringTextCap each.
func gatheringTexts(ctx context.Context, q db.Q, args []any, in string) (map[int64]*strings.Builder, error) {
	rows, err := q.QueryContext(ctx, `SELECT gathering_id, text FROM (
		SELECT s.gathering_id, 0 AS part, s.starts_at AS at, s.id AS n,
			s.title || ' ' || s.room || ' ' || s.track || ' ' || COALESCE((SELECT `+speakerNames+`), '') AS text
		FROM gathering_sessions s WHERE s.gathering_id IN (`+in+`)
		UNION ALL
		SELECT o.gathering_id, 1, o.starts_at, o.id, n.body FROM gathering_notes n JOIN gathering_occurrences o ON o.id = n.occurrence_id
		WHERE o.gathering_id IN (`+in+`) AND n.body <> '') x ORDER BY gathering_id, part, at DESC, n`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]*strings.Builder{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		b := out[id]
		if b == nil {
			b = &strings.Builder{}
			out[id] = b
		}
		if room := gatheringTextCap - b.Len(); room > 0 {
			b.WriteString(clipBytes(text, room))
			b.WriteByte('\n')
		}
	}
	return out, rows.Err()
}

// speakerNames are a session's speakers' names, from its row s, as one text.
const speakerNames = `string_agg(COALESCE(p.name, sp.guest_name), ' ') FROM gathering_session_speakers sp
	LEFT JOIN people p ON p.id = sp.person_id WHERE sp.session_id = s.id`

// clipBytes is s cut to at most n bytes, at a character boundary.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
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
