package gathering

import "testing"

func TestUnpackLive(t *testing.T) {
	got, err := unpackLive("7,3,1,going;9,0,0,;")
	if err != nil || len(got) != 2 || got[0] != (live{7, 3, 1, "going"}) || got[1] != (live{9, 0, 0, ""}) {
		t.Errorf("unpackLive = %+v, %v", got, err)
	}
	for _, bad := range []string{"7,3,1,going", "7,3,going;", "x,3,1,;", "7,3,1,going,more;"} {
		if _, err := unpackLive(bad); err == nil {
			t.Errorf("unpackLive(%q) accepted", bad)
		}
	}
}
