package practice

import (
	"testing"

	"hearth/internal/errs"
)

func TestEditConflictIsAConflict(t *testing.T) {
	var err error = &EditConflict{Current: Entry{Revision: 3}, Theirs: Input{BaseRevision: 2}}
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("KindOf(EditConflict) = %v, want Conflict", errs.KindOf(err))
	}
	if _, ok := AsConflict(err); !ok {
		t.Fatal("AsConflict does not find the conflict")
	}
}
