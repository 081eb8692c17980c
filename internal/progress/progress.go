// Package progress tells how far a long task is (loading a benchmark
// library, the demo, a slow migration step): a bar redrawn in place on a
// terminal, and plain lines when the output is a file or a pipe, where a
// redrawn bar would be noise in a log.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Bar reports one task's progress. A nil *Bar reports nothing, so callers
// can take one optionally. Its methods are safe for concurrent use.
type Bar struct {
	mu       sync.Mutex
	w        io.Writer
	label    string
	total    int
	tty      bool
	start    time.Time
	drawn    time.Time // when the bar was last drawn (terminal)
	nextLine int       // the next tenth a plain line is written at
	done     int
	ended    bool
}

// How often a terminal's bar is redrawn, and how wide it is.
const (
	redraw = 100 * time.Millisecond
	width  = 30
)

// New starts reporting a task of total steps (0 when unknown) on w: a bar on
// a terminal, plain lines otherwise.
func New(w io.Writer, label string, total int) *Bar {
	return start(w, label, total, IsTerminal(w))
}

func start(w io.Writer, label string, total int, tty bool) *Bar {
	b := &Bar{w: w, label: label, total: total, tty: tty, start: time.Now(), nextLine: 1}
	if !tty {
		fmt.Fprintf(w, "%s: started\n", label)
	}
	return b
}

// IsTerminal reports whether w is a terminal (a character device).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Set records that done steps are done.
func (b *Bar) Set(done int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ended {
		return
	}
	b.done = done
	if b.tty {
		if time.Since(b.drawn) >= redraw {
			b.draw()
		}
		return
	}
	// Plain lines: one when a further tenth of a known total is reached.
	if b.total > 0 {
		if tenth := min(9, done*10/b.total); tenth >= b.nextLine {
			fmt.Fprintf(b.w, "%s: %d%% (%s of %s)\n", b.label, tenth*10, count(done), count(b.total))
			b.nextLine = tenth + 1
		}
	}
}

// Add records n more steps done.
func (b *Bar) Add(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	done := b.done + n
	b.mu.Unlock()
	b.Set(done)
}

// Done ends the report with how long the task took.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ended {
		return
	}
	b.ended = true
	took := time.Since(b.start).Round(100 * time.Millisecond)
	if b.tty {
		b.draw()
		fmt.Fprintf(b.w, " %v\n", took)
		return
	}
	if b.total <= 0 && b.done == 0 {
		// A step with no count (merging an index) tells only its time.
		fmt.Fprintf(b.w, "%s: done in %v\n", b.label, took)
		return
	}
	fmt.Fprintf(b.w, "%s: done, %s in %v\n", b.label, count(b.done), took)
}

// draw writes the bar over the line it is on.
func (b *Bar) draw() {
	b.drawn = time.Now()
	if b.total <= 0 && b.done == 0 {
		fmt.Fprintf(b.w, "\r%s", b.label)
		return
	}
	if b.total <= 0 {
		fmt.Fprintf(b.w, "\r%s: %s", b.label, count(b.done))
		return
	}
	filled := min(width, b.done*width/b.total)
	fmt.Fprintf(b.w, "\r%s [%s%s] %3d%% %s/%s", b.label, strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		min(100, b.done*100/b.total), count(b.done), count(b.total))
}

// count writes n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Later is a Bar started at its first report, so that a task that turns
// out to have nothing to do (a start-up step, usually) prints nothing.
type Later struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	total int
	bar   *Bar
}

// NewLater returns a Later that reports on w when first told of progress.
func NewLater(w io.Writer, label string, total int) *Later {
	return &Later{w: w, label: label, total: total}
}

// Set records that done steps are done, starting the bar if need be.
func (l *Later) Set(done int) {
	l.mu.Lock()
	if l.bar == nil {
		l.bar = New(l.w, l.label, l.total)
	}
	b := l.bar
	l.mu.Unlock()
	b.Set(done)
}

// Done ends the report, if one was started.
func (l *Later) Done() {
	l.mu.Lock()
	b := l.bar
	l.mu.Unlock()
	b.Done()
}

// Stages reports a task done in stages, one Bar a stage: a report of a new
// stage ends the previous stage's bar and starts the next one. Like a
// Later, it prints nothing until first told of progress.
type Stages struct {
	mu     sync.Mutex
	w      io.Writer
	totals map[string]int
	stage  string
	bar    *Bar
}

// NewStages returns a Stages that reports on w.
func NewStages(w io.Writer) *Stages {
	return &Stages{w: w, totals: map[string]int{}}
}

// SetTotal gives the total of a stage whose reports do not know it (the
// caller may know better than the task, as a benchmark knows how many
// documents it wrote).
func (s *Stages) SetTotal(stage string, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.totals[stage] = total
}

// Set records that done of total steps (0 when unknown) of stage are
// done, ending the previous stage if this one is new.
func (s *Stages) Set(stage string, done, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bar == nil || stage != s.stage {
		s.bar.Done()
		if total <= 0 {
			total = s.totals[stage]
		}
		s.stage, s.bar = stage, New(s.w, stage, total)
	}
	s.bar.Set(done)
}

// Done ends the last stage's report, if one was started.
func (s *Stages) Done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bar.Done()
}
