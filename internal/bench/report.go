package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"
)

// Report is what a run measured.
type Report struct {
	Engine   string    `json:"engine"`
	Entries  int       `json:"entries"`
	Comments int       `json:"comments"`
	Threads  int       `json:"threads"`
	Replies  int       `json:"replies"` // in the thread page's thread
	Clients  int       `json:"clients"`
	Duration float64   `json:"duration_seconds"` // measured per target
	CPUs     int       `json:"cpus"`
	Go       string    `json:"go"`
	Started  time.Time `json:"started"`
	Results  []Result  `json:"results"`
}

// Result is one target's figures.
type Result struct {
	Name       string  `json:"name"`
	Clients    int     `json:"clients"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	FirstError string  `json:"first_error,omitempty"`
	PerSecond  float64 `json:"requests_per_second"`
	P50        float64 `json:"p50_ms"`
	P99        float64 `json:"p99_ms"`
	Ratio      float64 `json:"ratio_to_reference"` // requests per second over the reference page's
}

// ratios sets each result's share of the reference page's throughput (the
// first result).
func (r *Report) ratios() {
	r.CPUs, r.Go = runtime.NumCPU(), runtime.Version()
	if len(r.Results) == 0 || r.Results[0].PerSecond == 0 {
		return
	}
	for i := range r.Results {
		r.Results[i].Ratio = r.Results[i].PerSecond / r.Results[0].PerSecond
	}
}

// WriteTable writes the report for people.
func (r Report) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "\n%s, %d entries, %d comments, %d threads (%d replies in one); %d CPUs, %s; %.0f s a target\n\n",
		r.Engine, r.Entries, r.Comments, r.Threads, r.Replies, r.CPUs, r.Go, r.Duration)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tclients\treq/s\tp50 ms\tp99 ms\tof reference\terrors")
	for _, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.1f\t%.1f\t%.0f%%\t%d\n", res.Name, res.Clients, res.PerSecond, res.P50, res.P99, 100*res.Ratio, res.Errors)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, res := range r.Results {
		if res.FirstError != "" {
			fmt.Fprintf(w, "%s: %d errors, the first: %s\n", res.Name, res.Errors, res.FirstError)
		}
	}
	return nil
}

// WriteJSON writes the report for machines.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
