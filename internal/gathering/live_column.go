package gathering

import (
	"errors"
	"strconv"
	"strings"

	"hearth/internal/db"
)

// The programme's kept page needs, for every request, each session's
// counts of places and the reader's own place (they change at every
// answer). Read in a statement of their own they were a second round trip;
// they now come packed in one column of the statement that reads the
// gathering: "id,going,waiting,state;" per session of the page, in order
// (numbers and the words of gathering_session_places.state only).

// liveColumn is that column for the page of gathering g's sessions after
// the session in placeholder after ("" for the first page), the reader's
// person id in placeholder person.
func liveColumn(d db.Dialect, person, after string) string {
	agg := "group_concat(%s, '' ORDER BY x.starts_at, x.id)"
	if d == db.Postgres {
		agg = "string_agg(%s, '' ORDER BY x.starts_at, x.id)"
	}
	keyset := ""
	if after != "" {
		keyset = ` AND (s.starts_at, s.id) > (SELECT k.starts_at, k.id FROM gathering_sessions k WHERE k.id = ` + after + ` AND k.gathering_id = g.id)`
	}
	row := "CAST(x.id AS TEXT) || ',' || CAST(x.going AS TEXT) || ',' || CAST(x.waiting AS TEXT) || ',' || x.state || ';'"
	return "COALESCE((SELECT " + strings.Replace(agg, "%s", row, 1) + ` FROM (SELECT s.id, s.starts_at, s.going, s.waiting, COALESCE(m.state, '') AS state
		FROM gathering_sessions s LEFT JOIN gathering_session_places m ON m.session_id = s.id AND m.person_id = ` + person + `
		WHERE s.gathering_id = g.id` + keyset + ` ORDER BY s.starts_at, s.id LIMIT ` + strconv.Itoa(ProgrammePage) + `) x), '')`
}

// live is one session's counts and the reader's place.
type live struct {
	id             int64
	going, waiting int
	mine           string
}

var errPackedLive = errors.New("malformed live counts column")

// unpackLive reads what liveColumn wrote.
func unpackLive(packed string) ([]live, error) {
	var out []live
	for packed != "" {
		end := strings.IndexByte(packed, ';')
		if end < 0 {
			return nil, errPackedLive
		}
		f := strings.Split(packed[:end], ",")
		packed = packed[end+1:]
		if len(f) != 4 {
			return nil, errPackedLive
		}
		id, err1 := strconv.ParseInt(f[0], 10, 64)
		going, err2 := strconv.Atoi(f[1])
		waiting, err3 := strconv.Atoi(f[2])
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, errPackedLive
		}
		out = append(out, live{id: id, going: going, waiting: waiting, mine: f[3]})
	}
	return out, nil
}
