package progress

import (
	"bytes"
	"strings"
	"testing"
)

// Off a terminal, progress is plain lines: a start, one line per tenth
// reached, and an end; no carriage returns.
func TestPlainLinesOffTerminal(t *testing.T) {
	var out bytes.Buffer
	b := New(&out, "load", 1000)
	for i := 1; i <= 1000; i++ {
		b.Set(i)
	}
	b.Done()
	text := out.String()
	if strings.Contains(text, "\r") {
		t.Errorf("a redrawn bar in plain output: %q", text)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 11 || lines[0] != "load: started" || lines[1] != "load: 10% (100 of 1,000)" ||
		lines[9] != "load: 90% (900 of 1,000)" || !strings.HasPrefix(lines[10], "load: done, 1,000 in ") {
		t.Errorf("lines = %q", lines)
	}
}

// Steps that jump over several tenths write one line, not one per tenth.
func TestPlainLinesSkipTenths(t *testing.T) {
	var out bytes.Buffer
	b := New(&out, "index", 100)
	b.Set(35)
	b.Set(100)
	b.Done()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || lines[1] != "index: 30% (35 of 100)" || lines[2] != "index: 90% (100 of 100)" {
		t.Errorf("lines = %q", lines)
	}
}

// On a terminal, the bar is redrawn in place and ends with a newline.
func TestBarOnTerminal(t *testing.T) {
	var out bytes.Buffer
	b := start(&out, "index", 200, true)
	b.Set(100)
	b.Done()
	text := out.String()
	if !strings.Contains(text, "\rindex [###############...............]  50% 100/200") ||
		!strings.Contains(text, "\rindex [") || !strings.HasSuffix(text, "\n") || strings.Count(text, "\n") != 1 {
		t.Errorf("output = %q", text)
	}
}

// A nil bar reports nothing and does not fail, so progress is optional.
func TestNilBar(t *testing.T) {
	var b *Bar
	b.Set(3)
	b.Add(1)
	b.Done()
}

// A buffer is not a terminal.
func TestIsTerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
}

// A Later prints nothing when never told of progress, and reports as a Bar
// once it is.
func TestLaterPrintsOnlyWhenThereIsWork(t *testing.T) {
	var out bytes.Buffer
	idle := NewLater(&out, "render", 0)
	idle.Done()
	if out.Len() != 0 {
		t.Errorf("an idle task printed %q", out.String())
	}
	busy := NewLater(&out, "render", 0)
	busy.Set(100)
	busy.Set(200)
	busy.Done()
	if text := out.String(); !strings.HasPrefix(text, "render: started\n") || !strings.Contains(text, "render: done, 200 in ") {
		t.Errorf("a busy task printed %q", text)
	}
}

// Stages print nothing when never told of progress; off a terminal, a new
// stage ends the previous stage's report and starts its own, with the
// total given by its reports or, when they do not know it, by SetTotal.
func TestStagesPlainLines(t *testing.T) {
	var out bytes.Buffer
	idle := NewStages(&out)
	idle.Done()
	if out.Len() != 0 {
		t.Errorf("an idle task printed %q", out.String())
	}
	s := NewStages(&out)
	s.SetTotal("index", 100)
	s.Set("index", 50, 0)
	s.Set("index", 100, 0)
	s.Set("write", 0, 10)
	s.Set("write", 10, 10)
	s.Set("merge", 0, 0)
	s.Done()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{"index: started", "index: 50% (50 of 100)", "index: 90% (100 of 100)", "index: done, 100 in ",
		"write: started", "write: 90% (10 of 10)", "write: done, 10 in ", "merge: started", "merge: done in "}
	if len(lines) != len(want) {
		t.Fatalf("lines = %q", lines)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want %q…", i, lines[i], w)
		}
	}
}
