// Command hearth runs Hearth, a home for communities of practice.
package main

import (
	"context"
	"os"

	"hearth/internal/app"
)

func main() {
	os.Exit(app.Run(context.Background(), os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}
