package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswords lists passwords of at least MinPasswordLen characters that
// top the published lists of leaked passwords; shorter ones fail the length
// rule anyway.
//
//go:embed common-passwords.txt
var commonPasswords string

var commonPasswordSet = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(commonPasswords, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[strings.ToLower(line)] = true
		}
	}
	return set
})

func isCommonPassword(pw string) bool { return commonPasswordSet()[strings.ToLower(pw)] }
