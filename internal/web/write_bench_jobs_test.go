package web_test

import (
	"context"

	"hearth/internal/apptest"
)

// runDue runs the background jobs that are due (mail, notifications).
func runDue(e *apptest.Env) {
	_, _ = e.Worker.RunDue(context.Background())
}

// runWorkers runs the background workers as serve does until ctx ends.
func runWorkers(ctx context.Context, e *apptest.Env) { e.Worker.Run(ctx) }
