package db

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// SQLite appends each commit to its write-ahead log, and a checkpoint copies
// the log back into the database file. By default the connection whose
// commit takes the log past 1,000 pages runs the checkpoint before its
// commit returns: the writer, inside somebody's request, writing back every
// page changed since the last one and waiting for two fsyncs. With a write
// touching tens of pages (a document's search postings, the activity log),
// that was a checkpoint every few dozen writes, each paid by one request
// (docs/performance.md, "The cost of a write").
//
// The checkpointer does it instead, on a connection of its own, at most
// every checkpointEvery while writes go on: a page rewritten many times in
// that while is written back once, and no request waits for it. SQLite lets
// a checkpoint run beside the writer and the readers (PASSIVE: it copies
// what no reader still needs, and waits for nobody). The writer's own
// checkpoint stays as a backstop, for a log grown to backstopPages.
type checkpointer struct {
	conn *sql.DB
	wake chan struct{} // a commit happened (buffered: one pending wake)
	stop chan struct{}
	done sync.WaitGroup
}

const (
	checkpointEvery = 250 * time.Millisecond
	backstopPages   = 10000 // 40 MB of 4 KB pages
)

func startCheckpointer(conn *sql.DB) *checkpointer {
	conn.SetMaxOpenConns(1)
	conn.SetConnMaxIdleTime(0)
	conn.SetConnMaxLifetime(0)
	c := &checkpointer{conn: conn, wake: make(chan struct{}, 1), stop: make(chan struct{})}
	c.done.Add(1)
	go c.run()
	return c
}

// wrote tells the checkpointer, if any, that the log has grown.
func (d *DB) wrote() {
	if d.ckpt == nil {
		return
	}
	select {
	case d.ckpt.wake <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer c.done.Done()
	for {
		select {
		case <-c.stop:
			return
		case <-c.wake:
		}
		// Let the writes of the next while gather first.
		select {
		case <-c.stop:
			return
		case <-time.After(checkpointEvery):
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		// An error (the disk full, say) leaves the work to the next round
		// and to the writer's backstop; the next write reports it.
		_, _ = c.conn.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
		cancel()
	}
}

// close stops the checkpointer; the last connection to close checkpoints
// what is left.
func (c *checkpointer) close() error {
	close(c.stop)
	c.done.Wait()
	return c.conn.Close()
}

// StopCheckpointer stops SQLite's background checkpoints (the writer's
// backstop remains), for a test that reads the write-ahead log itself.
func (d *DB) StopCheckpointer() {
	d.ckptOnce.Do(func() {
		if d.ckpt != nil {
			_ = d.ckpt.close()
		}
	})
}
