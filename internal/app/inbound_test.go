package app

import (
	"bufio"
	"context"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// With an inbound address, serve also listens for replies by e-mail (an SMTP
// greeting in the reply domain's name), and stops it on shutdown.
func TestServeTakesRepliesByEmail(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"hearth", "serve", "--data", data, "--addr", "127.0.0.1:0",
			"--inbound-domain", "reply.hearth.test", "--inbound-addr", "127.0.0.1:0"},
			func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	}()
	listening := regexp.MustCompile(`taking replies by e-mail" addr=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(30 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := listening.FindStringSubmatch(errOut.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("serve logged no inbound address; stderr: %s", errOut.String())
	}
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	greeting, err := bufio.NewReader(c).ReadString('\n')
	c.Close()
	if err != nil || !strings.HasPrefix(greeting, "220 reply.hearth.test") {
		t.Fatalf("greeting %q (%v)", greeting, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d; stderr: %s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("the listener still takes connections after shutdown")
	}
}
