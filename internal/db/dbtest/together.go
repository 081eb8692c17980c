package dbtest

import "sync"

// Together runs fn(0) … fn(n-1) in n goroutines released at the same moment,
// as n simultaneous requests would arrive, and returns their errors by index.
// Tests of rules that must hold under concurrency (a row lock, a constraint)
// run it on both engines; the PostgreSQL run is the one that can interleave.
func Together(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var ready, done sync.WaitGroup
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return errs
}
