//go:build unix

package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"hearth/internal/app"
	"hearth/internal/benchdata"
	"hearth/internal/config"
)

// BenchmarkTalkPages renders a thread's page (500 replies, the newest 50
// shown) and the talk list (5,000 threads) in full through the real handler
// of app.Build, in parallel on every core, for a visitor (as `hearth bench`
// reads them) and for a signed-in member; on SQLite, and on PostgreSQL when
// HEARTH_TEST_POSTGRES is set. It reports cpu-ns/op and queries/op (see
// BenchmarkPages). Run:
//
//	GOGC=400 go test -run '^$' -bench TalkPages ./internal/web/
func BenchmarkTalkPages(b *testing.B) {
	for _, engine := range benchEngines {
		b.Run(engine.name, func(b *testing.B) {
			d := engine.open(b)
			ctx := context.Background()
			if err := benchdata.LoadRows(ctx, d, 200, 200); err != nil {
				b.Fatal(err)
			}
			if err := benchdata.LoadTalk(ctx, d, 5000, 500, nil); err != nil {
				b.Fatal(err)
			}
			h, _, err := app.Build(config.Defaults(), d, slog.New(slog.DiscardHandler))
			if err != nil {
				b.Fatalf("build app: %v", err)
			}
			member := benchSession(b, d, benchdata.Reader)
			talk := "/c/" + benchdata.CommunitySlug(benchdata.ReaderPublic) + "/talk"
			for _, page := range []struct {
				name, path, want string
				cookie           *http.Cookie
			}{
				{"thread/visitor", fmt.Sprintf("%s/%d", talk, benchdata.BigThread), "500 replies", nil},
				{"thread/member", fmt.Sprintf("%s/%d", talk, benchdata.BigThread), "Sign out", member},
				{"list/visitor", talk, "More conversations", nil},
			} {
				b.Run(page.name, func(b *testing.B) { benchPage(b, d, h, page.path, page.cookie, page.want) })
			}
		})
	}
}
