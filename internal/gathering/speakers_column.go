package gathering

import (
	"errors"
	"strconv"
	"strings"

	"hearth/internal/db"
)

// A list of sessions reads each session's speakers in its own query, as one
// column: that query, a second statement for every programme page, was a
// quarter of the page's time. Each speaker is written as four fields (id,
// handle, name, guest's name), each a byte length, ":" and the bytes, so any
// text (separators included) comes back exactly as stored.

// speakersColumn is the column of session s's packed speakers, in order.
func speakersColumn(d db.Dialect) string {
	field, agg := "length(CAST(%s AS BLOB))", "group_concat(%s, '' ORDER BY sp.position)"
	if d == db.Postgres {
		field, agg = "octet_length(%s)", "string_agg(%s, '' ORDER BY sp.position)"
	}
	parts := make([]string, 0, 4)
	for _, v := range []string{"CAST(COALESCE(p.id, 0) AS TEXT)", "COALESCE(p.handle, '')", "COALESCE(p.name, '')", "COALESCE(sp.guest_name, '')"} {
		parts = append(parts, "CAST("+strings.Replace(field, "%s", v, 1)+" AS TEXT) || ':' || "+v)
	}
	return "COALESCE((SELECT " + strings.Replace(agg, "%s", strings.Join(parts, " || "), 1) +
		" FROM gathering_session_speakers sp LEFT JOIN people p ON p.id = sp.person_id WHERE sp.session_id = s.id), '')"
}

var errPackedSpeakers = errors.New("malformed speakers column")

// unpackSpeakers reads what speakersColumn wrote.
func unpackSpeakers(packed string) ([]Speaker, error) {
	var out []Speaker
	for packed != "" {
		var f [4]string
		for i := range f {
			colon := strings.IndexByte(packed, ':')
			if colon < 0 {
				return nil, errPackedSpeakers
			}
			n, err := strconv.Atoi(packed[:colon])
			if err != nil || n < 0 || colon+1+n > len(packed) {
				return nil, errPackedSpeakers
			}
			f[i], packed = packed[colon+1:colon+1+n], packed[colon+1+n:]
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, errPackedSpeakers
		}
		sp := Speaker{Guest: f[3]}
		sp.ID, sp.Handle, sp.Name = id, f[1], f[2]
		out = append(out, sp)
	}
	return out, nil
}
