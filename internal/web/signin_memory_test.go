package web_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// signinBurst is how many people sign in at the same moment, each from an
// address of its own (so that no rate limit steps in) with an address that has
// no account (so that each costs a full password hash).
const signinBurst = 150

// maxBurstMemory is what the burst may add to the memory the process holds.
const maxBurstMemory = 300 << 20

// TestSigninMemory fires signinBurst simultaneous sign-ins at the real app
// from as many loopback addresses and measures the memory the Go runtime
// holds from the system (mapped, less what it gave back) at its peak during
// the burst, against before. Every argon2id hash takes about 19 MiB, so
// without a bound on the hashes in flight this was gigabytes. The collector
// runs as "hearth serve" sets it (GOGC=400), the worst case for the peak.
//
// go test ./internal/web -run TestSigninMemory -v prints the figure.
func TestSigninMemory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		port := e.Server.Listener.Addr().(*net.TCPAddr).Port
		signin := func(i int) (*http.Response, error) {
			return burstClient(i).PostForm(fmt.Sprintf("http://127.0.0.1:%d/signin", port), url.Values{
				"email": {fmt.Sprintf("nobody%d@example.org", i)}, "password": {"not anyone's password"}})
		}
		if res, err := signin(0); err == nil { // the first sign-in makes the hash for unknown addresses once
			res.Body.Close()
		}

		debug.FreeOSMemory() // collects, and returns to the system what the tests before left
		before := heldMemory()
		peak := newPeak()
		stop := peak.sample()

		start := make(chan struct{})
		statuses := make(chan string, signinBurst)
		var wg sync.WaitGroup
		for i := 1; i <= signinBurst; i++ {
			wg.Go(func() {
				<-start
				res, err := signin(i)
				if err != nil {
					statuses <- "error: " + err.Error()
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				s := fmt.Sprint(res.StatusCode)
				if res.StatusCode == http.StatusServiceUnavailable && res.Header.Get("Retry-After") == "" {
					s += " without Retry-After"
				}
				statuses <- s
			})
		}
		close(start)
		wg.Wait()
		close(statuses)
		held, objects := stop()

		counts := map[string]int{}
		for s := range statuses {
			counts[s]++
		}
		added := held - before
		t.Logf("%d simultaneous sign-ins from %d addresses: peak memory held +%.0f MiB (heap objects at most %.0f MiB; before %.0f MiB); answers %v",
			signinBurst, signinBurst, mib(added), mib(objects), mib(before), counts)
		for s, n := range counts {
			if s != "422" && s != "503" {
				t.Errorf("%d answers %s, want only 422 (refused) or 503 with Retry-After (busy)", n, s)
			}
		}
		if added >= maxBurstMemory {
			t.Errorf("the burst added %.0f MiB, want less than %.0f MiB", mib(added), mib(maxBurstMemory))
		}
	})
}

// burstClient returns a client whose connections come from 127.0.0.(10+i):
// Linux's loopback answers every 127.0.0.0/8 address, so each is a client
// address of its own to the server.
func burstClient(i int) *http.Client {
	local := &net.TCPAddr{IP: net.IPv4(127, 0, byte(i/200), byte(10+i%200))}
	dialer := &net.Dialer{LocalAddr: local, Timeout: 10 * time.Second}
	return &http.Client{Timeout: time.Minute, Transport: &originTransport{&http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}}}
}

// originTransport marks requests as a same-origin browser form would, for
// the server's cross-origin protection.
type originTransport struct{ http.RoundTripper }

func (o *originTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Origin", "http://"+r.URL.Host)
	return o.RoundTripper.RoundTrip(r)
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

var memorySamples = []string{"/memory/classes/total:bytes", "/memory/classes/heap/released:bytes", "/memory/classes/heap/objects:bytes"}

// heldMemory is the memory the runtime holds from the system: all it mapped,
// less the heap it released.
func heldMemory() uint64 {
	held, _ := readMemory()
	return held
}

func readMemory() (held, objects uint64) {
	s := make([]metrics.Sample, len(memorySamples))
	for i, name := range memorySamples {
		s[i].Name = name
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64(), s[2].Value.Uint64()
}

// peak keeps the highest held memory and heap seen.
type peak struct {
	mu            sync.Mutex
	held, objects uint64
}

func newPeak() *peak { return &peak{} }

// sample reads the memory every millisecond until the returned stop is
// called, which returns the peaks.
func (p *peak) sample() (stop func() (held, objects uint64)) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			held, objects := readMemory()
			p.mu.Lock()
			p.held, p.objects = max(p.held, held), max(p.objects, objects)
			p.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() (uint64, uint64) {
		cancel()
		<-done
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.held, p.objects
	}
}
