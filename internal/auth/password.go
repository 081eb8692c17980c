package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password rules follow NIST SP 800-63B: a minimum length, a generous maximum,
// no composition rules, and a blocklist of passwords attackers try first.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// argon2id parameters: OWASP's recommended baseline (19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// PasswordCost is the work of hashing a new password with argon2id. Hearth
// hashes at DefaultPasswordCost; only the test harness lowers it, to sign up
// thousands of people quickly. A hash keeps its parameters, so a password is
// always checked at the cost it was hashed with.
type PasswordCost struct {
	MemoryKiB uint32
	Passes    uint32
}

// DefaultPasswordCost is OWASP's baseline for argon2id.
var DefaultPasswordCost = PasswordCost{MemoryKiB: argonMemory, Passes: argonTime}

// CheckPassword returns a message for a person when pw is not acceptable, or "".
func CheckPassword(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return fmt.Sprintf("Use at least %d characters.", MinPasswordLen)
	case n > MaxPasswordLen:
		return fmt.Sprintf("Use at most %d characters.", MaxPasswordLen)
	case isCommonPassword(pw):
		return "This password is among the most common ones attackers try first. Please choose another."
	}
	return ""
}

// HashPassword returns pw hashed with argon2id at DefaultPasswordCost as a PHC string.
func HashPassword(pw string) (string, error) { return hashPasswordAt(DefaultPasswordCost, pw) }

func hashPasswordAt(c PasswordCost, pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, c.Passes, c.MemoryKiB, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, c.MemoryKiB, c.Passes, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the PHC string hash, using the
// parameters stored in the hash so they can be raised later.
func VerifyPassword(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("unknown password hash format")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("unsupported argon2 version")
	}
	m, t, p, err := argonParams(parts[3])
	if err != nil {
		return false, err
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, err
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// argonParams reads "m=…,t=…,p=…", a PHC string's parameters.
func argonParams(s string) (memoryKiB, passes uint32, lanes uint8, err error) {
	if _, err := fmt.Sscanf(s, "m=%d,t=%d,p=%d", &memoryKiB, &passes, &lanes); err != nil {
		return 0, 0, 0, fmt.Errorf("argon2 parameters: %w", err)
	}
	return memoryKiB, passes, lanes, nil
}

// hashMemoryKiB is the memory checking against hash takes (Hearth's own cost
// for a hash it cannot read: checking it will fail anyway).
func hashMemoryKiB(hash string) uint32 {
	if parts := strings.Split(hash, "$"); len(parts) == 6 {
		if m, _, _, err := argonParams(parts[3]); err == nil {
			return m
		}
	}
	return argonMemory
}
