package practice_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"runtime"
	"sync"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// BenchmarkSixImageUploadsAtOnce attaches six images at once, as the review
// did, and reports the most heap in use above where it started (sampled
// every 5 ms; garbage not yet collected included): for the 400 KB 16-bit
// poster of 10,000 × 4,000 pixels, refused from its header, and for a 40
// megapixel JPEG, the largest kind accepted, decoded and resized two at a
// time.
//
//	go test ./internal/practice/ -run '^$' -bench SixImageUploadsAtOnce -benchtime 1x
func BenchmarkSixImageUploadsAtOnce(b *testing.B) {
	photo := image.NewYCbCr(image.Rect(0, 0, 10_000, 4_000), image.YCbCrSubsampleRatio420)
	for i := range photo.Y {
		photo.Y[i] = uint8(i % 251) // busy enough that the file is large, under the 10 MiB limit
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, photo, &jpeg.Options{Quality: 60}); err != nil {
		b.Fatal(err)
	}
	photo = nil
	f := newAttFixture(b, dbtest.SQLite(b), community.Public)
	for _, c := range []struct {
		name     string
		data     []byte
		accepted bool
	}{{"poster-16bit-10000x4000-png", deepPNG(b, 10_000, 4_000), false}, {"photo-40MP-jpeg", jpg.Bytes(), true}} {
		b.Run(c.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapInuse
				stop, sampled := make(chan struct{}), make(chan uint64)
				go func() {
					top := base
					for {
						select {
						case <-stop:
							sampled <- top - base
							return
						case <-time.After(5 * time.Millisecond):
						}
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						top = max(top, m.HeapInuse)
					}
				}()
				var wg sync.WaitGroup
				results := make([]error, 6)
				for i := range results {
					wg.Go(func() { _, results[i] = f.attach(f.member, f.published, "picture", c.data) })
				}
				wg.Wait()
				close(stop)
				peak = max(peak, <-sampled)
				for _, err := range results {
					if (err == nil) != c.accepted {
						b.Fatalf("accepted %v, error %v", c.accepted, err)
					}
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
