package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"hearth/internal/errs"
)

// describe turns a service error into a message for the command line,
// listing every field problem.
func describe(err error) error {
	fields := errs.FieldsOf(err)
	if len(fields) == 0 {
		return errors.New(errs.MessageOf(err))
	}
	var lines []string
	for f, msg := range fields {
		lines = append(lines, fmt.Sprintf("  --%s: %s", f, msg))
	}
	sort.Strings(lines)
	return errors.New("please correct:\n" + strings.Join(lines, "\n"))
}
