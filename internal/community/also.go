package community

// Also is what a caller reads in the same statement as the community (see
// GetWith): joins on the community c that keep it one row, columns after
// the community's, their arguments (numbered from $3) and the columns'
// destinations, in order.
type Also struct {
	Joins, Columns string
	Args, Dest     []any
}
