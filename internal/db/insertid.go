package db

import "context"

// InsertID runs insert (an INSERT of one row into a table whose key is an
// integer id) through q and returns the new row's id. SQLite gives it after
// an ordinary statement: with RETURNING it first gathers the statement's
// output in a temporary table, which made a small insert cost twice as much
// (docs/performance.md, "Checkpoints off the writer"). PostgreSQL returns it.
func InsertID(ctx context.Context, q Q, insert string, args ...any) (int64, error) {
	if dialectOf(q) == Postgres {
		var id int64
		err := q.QueryRowContext(ctx, insert+" RETURNING id", args...).Scan(&id)
		return id, err
	}
	res, err := q.ExecContext(ctx, insert, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}
