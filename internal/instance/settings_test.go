package instance_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/instance"
)

func TestCacheServesTheSavedSettingsAfterForget(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := instance.NewCache(d, time.Hour)
		if st, err := c.Get(ctx); err != nil || st.Name != "Hearth" {
			t.Fatalf("first Get = %+v, %v", st, err)
		}
		if err := instance.Update(ctx, d, true, instance.Settings{Name: "Northfield", Signup: instance.SignupInvite}); err != nil {
			t.Fatal(err)
		}
		if st, _ := c.Get(ctx); st.Name != "Hearth" {
			t.Fatalf("before Forget the cache served %q, want the cached name", st.Name)
		}
		// Requests and forgets at once, for the race detector.
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i%2 == 0 {
					c.Forget()
				}
				if _, err := c.Get(ctx); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		c.Forget()
		if st, err := c.Get(ctx); err != nil || st.Name != "Northfield" || st.Signup != instance.SignupInvite {
			t.Fatalf("after Forget = %+v, %v", st, err)
		}
	})
}

// The cache never keeps what a transaction has not committed.
func TestCacheReadsOutsideTheCallersTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := instance.NewCache(d, time.Hour)
		err := d.WithTxCtx(context.Background(), func(ctx context.Context, tx *db.Tx) error {
			if err := instance.Save(ctx, tx, instance.Settings{Name: "Uncommitted", Signup: instance.SignupOpen}); err != nil {
				return err
			}
			st, err := c.Get(ctx)
			if err == nil && st.Name == "Uncommitted" {
				t.Error("the cache read the transaction's uncommitted settings")
			}
			return errs.Conflictf("roll back")
		})
		if !errs.Is(err, errs.Conflict) {
			t.Fatal(err)
		}
	})
}

func TestSimultaneousSettingsUpdatesAllSave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		got := dbtest.Together(8, func(i int) error {
			return instance.Update(context.Background(), d, true, instance.Settings{Name: "Name " + string(rune('A'+i)), Signup: instance.SignupOpen})
		})
		for i, err := range got {
			if err != nil {
				t.Errorf("update %d: %v", i, err)
			}
		}
	})
}
