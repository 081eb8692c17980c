package app

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/demo"
)

func adminCreate(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var n auth.NewAccount
	var instanceName string
	cfg, d, log, err := open(ctx, "hearth admin create", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&n.Name, "name", "", "the administrator's name")
		fs.StringVar(&n.Handle, "handle", "", "the administrator's handle")
		fs.StringVar(&n.Email, "email", "", "the administrator's e-mail address")
		fs.StringVar(&n.Password, "password", "", "the password (read from standard input when empty)")
		fs.StringVar(&instanceName, "instance-name", "", "name the instance (on first set-up)")
	})
	if err != nil {
		return err
	}
	defer d.Close()
	if n.Password == "" {
		fmt.Fprint(stderr, "Password: ")
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		n.Password = strings.TrimRight(line, "\r\n")
	}
	accounts := auth.NewService(d, auth.Options{BaseURL: cfg.BaseURL, Logger: log})
	if _, err := accounts.CreateAdmin(ctx, instanceName, n); err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Administrator @%s (%s) is created. Sign in at %s/signin\n", strings.ToLower(n.Handle), n.Email, cfg.BaseURL)
	return nil
}

func loadDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, d, _, err := open(ctx, "hearth demo", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := demo.LoadProgress(ctx, d, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nStart Hearth with the same settings (for example: go run ./cmd/hearth) and open %s\n", cfg.BaseURL)
	return nil
}
