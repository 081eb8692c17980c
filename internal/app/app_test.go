package app

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func run(t *testing.T, ctx context.Context, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(ctx, append([]string{"hearth"}, args...), func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCommandsShareOneDatabase(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	if code, out, _ := run(t, ctx, "", "version"); code != 0 || !strings.HasPrefix(out, "hearth ") {
		t.Fatalf("version = %d %q", code, out)
	}
	if code, _, errOut := run(t, ctx, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command = %d %q", code, errOut)
	}
	if code, out, errOut := run(t, ctx, "", "migrate", "--data", data); code != 0 || !strings.Contains(out, "migrated") {
		t.Fatalf("migrate = %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(data, "hearth.db")); err != nil {
		t.Fatalf("migrate made no database: %v", err)
	}
	// The password comes from standard input when not given as a flag.
	code, out, errOut := run(t, ctx, "a long enough password\n", "admin", "create", "--data", data, "--name", "Ada", "--handle", "ada", "--email", "ada@example.org")
	if code != 0 || !strings.Contains(out, "@ada") {
		t.Fatalf("admin create = %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, ctx, "", "admin", "create", "--data", data, "--name", "", "--handle", "Bad Handle", "--email", "nope", "--password", "short"); code != 1 ||
		!strings.Contains(errOut, "--handle") || !strings.Contains(errOut, "--email") || !strings.Contains(errOut, "--password") {
		t.Fatalf("bad admin create = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, ctx, "", "demo", "--data", data); code != 1 || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("demo on a database with people = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, ctx, "", "--addr", "nonsense", "--data", data); code != 1 || !strings.Contains(errOut, "addr") {
		t.Fatalf("bad address = %d %q", code, errOut)
	}
}

func TestServeAnswersAndStopsGracefully(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"hearth", "serve", "--data", data, "--addr", "127.0.0.1:0", "--log-level", "warn"},
			func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	}()
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		url = addr.FindString(out.String())
	}
	if url == "" {
		cancel()
		t.Fatalf("serve printed no address; stderr: %s", errOut.String())
	}
	res, err := http.Get(url + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d after shutdown; stderr: %s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}
