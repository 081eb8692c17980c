package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// server is a handler served over HTTP on a loopback port of its own.
type server struct {
	url string
	srv *http.Server
}

func listen(h http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String(), srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}}
	go s.srv.Serve(ln) //nolint:errcheck // ends with ErrServerClosed at close
	return s, nil
}

func (s *server) close() { s.srv.Close() }

// request makes the i-th request of a target.
type request func(i int) (*http.Request, error)

// target is one thing to measure: its requests, how many clients send
// them at once, and the status a right answer has.
type target struct {
	name    string
	clients int
	want    int // the expected status
	next    request
	client  *http.Client
}

// run sends the target's requests from its clients, each waiting for its
// answer before the next, for o.Warmup and then o.Duration, and measures
// the requests that started after the warm-up. When no request was measured
// by the end (one slower than the window: a short window on a slow
// machine), the clients go on until one is, and the rate is over the time
// that took.
func (t target) run(ctx context.Context, o Options) (Result, error) {
	var (
		seq       atomic.Int64
		measured  atomic.Int64
		stretched atomic.Bool // a client went on past the end, waiting for a first answer
		mu        sync.Mutex
		lat       []time.Duration
		errors    int
		firstEr   error
	)
	start := time.Now()
	measureFrom, end := start.Add(o.Warmup), start.Add(o.Warmup+o.Duration)
	var wg sync.WaitGroup
	for range t.clients {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			var badErr error
			for ctx.Err() == nil {
				t0 := time.Now()
				if !t0.Before(end) {
					if measured.Load() > 0 {
						break
					}
					stretched.Store(true)
				}
				err := t.do(ctx, int(seq.Add(1)-1))
				took := time.Since(t0)
				if t0.Before(measureFrom) {
					continue
				}
				measured.Add(1) // an answer, right or wrong
				if err != nil {
					bad++
					if badErr == nil {
						badErr = err
					}
					continue
				}
				mine = append(mine, took)
			}
			mu.Lock()
			lat = append(lat, mine...)
			errors += bad
			if firstEr == nil {
				firstEr = badErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	window := o.Duration
	if stretched.Load() {
		window = time.Since(measureFrom)
	}
	r := summarize(t.name, t.clients, lat, errors, window)
	if firstEr != nil {
		r.FirstError = firstEr.Error()
	}
	return r, nil
}

// do sends request i and reads its answer to the end.
func (t target) do(ctx context.Context, i int) error {
	req, err := t.next(i)
	if err != nil {
		return err
	}
	res, err := t.client.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != t.want {
		return fmt.Errorf("%s %s: status %d, want %d", req.Method, req.URL.RequestURI(), res.StatusCode, t.want)
	}
	return nil
}

// newClient is an HTTP client that keeps one connection per concurrent
// client alive and does not follow redirects (a write answers 303).
func newClient(clients int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, IdleConnTimeout: time.Minute,
			DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       time.Minute,
	}
}

func summarize(name string, clients int, lat []time.Duration, errors int, window time.Duration) Result {
	slices.Sort(lat)
	return Result{Name: name, Clients: clients, Requests: len(lat), Errors: errors,
		PerSecond: float64(len(lat)) / window.Seconds(), P50: ms(percentile(lat, 50)), P99: ms(percentile(lat, 99))}
}

// percentile is the p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
