//go:build !linux

package search_test

import "time"

// threadCPU is unknown here; the benchmark then reports wall time only.
func threadCPU() time.Duration  { return 0 }
func processCPU() time.Duration { return 0 }
