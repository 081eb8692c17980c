package demo

import (
	"context"

	"hearth/internal/db"
	"hearth/internal/instance"
)

// loadSettings names the instance and opens it the way a small college
// might: anyone may sign up, and new communities need no approval.
func loadSettings(ctx context.Context, tx *db.Tx, _ *loaded) error {
	return instance.Save(ctx, tx, instance.Settings{
		Name:             InstanceName,
		Signup:           instance.SignupOpen,
		ApprovalRequired: false,
		SetupDone:        true,
	})
}
