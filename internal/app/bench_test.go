package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hearth/internal/bench"
)

// TestBenchEndToEnd runs `hearth bench` on a tiny library: it loads it with
// progress (plain lines, not on a terminal), measures every target over
// HTTP without an error, and prints JSON, then a table when reusing the
// same data folder.
func TestBenchEndToEnd(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	tiny := []string{"bench", "--data", data, "--entries", "150", "--threads", "40", "--replies", "60", "--clients", "4", "--warmup", "50ms", "--duration", "250ms"}
	code, out, errOut := run(t, ctx, "", append(tiny, "--json")...)
	if code != 0 {
		t.Fatalf("bench = %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "writing entries and comments: started") || !strings.Contains(errOut, "indexing for search: done") ||
		!strings.Contains(errOut, "writing threads: done") ||
		strings.Contains(errOut, "\r") {
		t.Errorf("progress on stderr = %q", errOut)
	}
	var rep bench.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json printed %q: %v", out, err)
	}
	want := []string{"reference page", "entry page", "library list", "community home", "directory", "search mix",
		"thread page (60 replies)", "talk list (40 threads)", "gathering page (200 going)", "conference programme (40 sessions)",
		"comment (sequential writes)", "reply (sequential writes)"}
	if rep.Engine != "sqlite" || rep.Entries != 150 || rep.Comments != 450 || rep.Threads != 40 || rep.Replies != 60 || len(rep.Results) != len(want) {
		t.Fatalf("report = %+v", rep)
	}
	for i, r := range rep.Results {
		if r.Name != want[i] || r.Requests == 0 || r.Errors != 0 || r.PerSecond <= 0 || r.P99 < r.P50 || r.Ratio <= 0 {
			t.Errorf("result %d = %+v", i, r)
		}
	}
	if rep.Results[0].Ratio != 1 || rep.Results[10].Clients != 1 || rep.Results[11].Clients != 1 || rep.Results[1].Clients != 4 {
		t.Errorf("ratios and clients = %+v", rep.Results)
	}

	// The same folder again: refused unless reused, then a table.
	if code, _, errOut := run(t, ctx, "", tiny...); code != 1 || !strings.Contains(errOut, "not empty") {
		t.Fatalf("bench over a loaded folder = %d %q", code, errOut)
	}
	code, out, errOut = run(t, ctx, "", append(tiny, "--reuse")...)
	if code != 0 || !strings.Contains(errOut, "Reusing the benchmark library") {
		t.Fatalf("bench --reuse = %d\n%s", code, errOut)
	}
	for _, s := range append(want, "req/s", "p50 ms", "p99 ms", "of reference", "sqlite, 150 entries, 450 comments, 40 threads (60 replies in one)") {
		if !strings.Contains(out, s) {
			t.Errorf("the table lacks %q:\n%s", s, out)
		}
	}

	// Only some targets, with a CPU profile of the run.
	profile := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, errOut = run(t, ctx, "", append(tiny, "--reuse", "--json", "--only", "search mix", "--cpuprofile", profile)...)
	if code != 0 {
		t.Fatalf("bench --only = %d\n%s", code, errOut)
	}
	rep = bench.Report{}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json printed %q: %v", out, err)
	}
	if len(rep.Results) != 2 || rep.Results[0].Name != "reference page" || rep.Results[1].Name != "search mix" {
		t.Errorf("--only \"search mix\" measured %+v", rep.Results)
	}
	if st, err := os.Stat(profile); err != nil || st.Size() == 0 {
		t.Errorf("--cpuprofile wrote nothing: %v", err)
	}
}
