package db

import (
	"database/sql"
	"fmt"
	"testing"
)

// A statement held when the cache evicts it stays open until released:
// its holder runs it after the eviction, as a reader does between taking
// a statement from the cache and running it.
func TestEvictionWaitsForTheHolder(t *testing.T) {
	conn, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var c stmtCache
	prepare := func(q string) *sql.Stmt {
		st, err := conn.Prepare(q)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	held := c.keep("SELECT $1 * 2", prepare("SELECT $1 * 2"))
	for i := range maxPrepared {
		q := fmt.Sprintf("SELECT %d", i)
		c.release(c.keep(q, prepare(q)))
	}
	if c.has("SELECT $1 * 2") {
		t.Fatal("the least recently used statement was not evicted")
	}
	var got int
	if err := held.st.QueryRow(21).Scan(&got); err != nil || got != 42 {
		t.Fatalf("the held statement after its eviction: %d, %v", got, err)
	}
	c.release(held)
	if err := held.st.QueryRow(21).Scan(&got); err == nil {
		t.Fatal("the evicted statement is still open after its last release")
	}
	if err := c.close(); err != nil || c.len() != 0 {
		t.Fatalf("close: %v, %d kept", err, c.len())
	}
}
