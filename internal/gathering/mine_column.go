package gathering

// mineColumns are the reader's answer for date o and, when waiting, their
// place in line (of gathering_rsvps me, joined by mineJoin), read with the
// date itself: on its own it was one more round trip per page. A visitor
// (person 0) has no row.
const mineColumns = `COALESCE(me.answer, ''), CASE WHEN me.answer = 'waitlist' THEN (SELECT COUNT(*) FROM gathering_rsvps w
	WHERE w.occurrence_id = me.occurrence_id AND w.answer = 'waitlist'
	AND (w.answered_at < me.answered_at OR (w.answered_at = me.answered_at AND w.person_id <= me.person_id))) ELSE 0 END`

// mineJoin joins the reader's answer (person placeholder p) to dates o.
func mineJoin(p string) string {
	return ` LEFT JOIN gathering_rsvps me ON me.occurrence_id = o.id AND me.person_id = ` + p
}

// mineFields are where mineColumns are scanned into o.
func mineFields(o *Occurrence) []any { return []any{&o.Mine.Answer, &o.Mine.Position} }
