package config

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"hearth/internal/ratelimit"
)

// Settable limits: each has a flag --limit-NAME and a variable
// HEARTH_LIMIT_NAME, written as "COUNT/WINDOW" (for example 20/1h).
var settableLimits = []struct {
	action ratelimit.Action
	usage  string
}{
	{ratelimit.SignUp, "sign-ups per client address and per e-mail address"},
	{ratelimit.SignIn, "failed sign-ins per client address and per account"},
	{ratelimit.Reset, "password-reset requests per client address and per e-mail address"},
	{ratelimit.Invite, "invitations a person sends"},
	{ratelimit.Entry, "practice entries a person starts"},
	{ratelimit.Comment, "comments a person posts"},
	{ratelimit.Upload, "attachments a person uploads"},
	{ratelimit.Search, "searches per person (per client address for visitors)"},
	{ratelimit.Inbound, "replies by e-mail a person sends"},
	{ratelimit.Endorse, "endorsements a person gives"},
}

// Bounds of a limit's window: shorter does not stop a flood, longer than a
// day is a ban rather than a rate.
const (
	minLimitWindow = time.Second
	maxLimitWindow = 24 * time.Hour
	maxLimitCount  = 1_000_000
)

// defaultLimits are ratelimit's defaults: one list of numbers for the
// services and the configuration.
func defaultLimits() map[ratelimit.Action]ratelimit.Rule { return ratelimit.Defaults() }

// ParseLimit reads "COUNT/WINDOW", such as 6/1m or 20/1h.
func ParseLimit(s string) (ratelimit.Rule, error) {
	count, window, ok := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if !ok || err != nil {
		return ratelimit.Rule{}, fmt.Errorf("%q is not COUNT/WINDOW, such as 20/1h", s)
	}
	d, err := time.ParseDuration(strings.TrimSpace(window))
	if err != nil {
		return ratelimit.Rule{}, fmt.Errorf("%q is not COUNT/WINDOW, such as 20/1h (the window is a duration: 30s, 10m, 1h)", s)
	}
	return ratelimit.Rule{Max: n, Window: d}, nil
}

// FormatLimit writes r as ParseLimit reads it.
func FormatLimit(r ratelimit.Rule) string {
	w := r.Window.String() // 1h0m0s, 10m0s, 1m30s, 45s
	if strings.HasSuffix(w, "m0s") {
		w = strings.TrimSuffix(w, "0s")
	}
	if strings.HasSuffix(w, "h0m") {
		w = strings.TrimSuffix(w, "0m")
	}
	return strconv.Itoa(r.Max) + "/" + w
}

// limitValue is the flag.Value of one limit in a Config.
type limitValue struct {
	limits map[ratelimit.Action]ratelimit.Rule
	action ratelimit.Action
}

func (v limitValue) String() string {
	if v.limits == nil {
		return ""
	}
	return FormatLimit(v.limits[v.action])
}

func (v limitValue) Set(s string) error {
	r, err := ParseLimit(s)
	if err == nil {
		v.limits[v.action] = r
	}
	return err
}

// limitFlags registers a flag per settable limit of c, after reading its
// variable through getenv; a variable that does not parse is added to errs.
func limitFlags(fs *flag.FlagSet, c *Config, getenv func(string) string, errs *[]error) {
	c.Limits = maps.Clone(c.Limits)
	for _, l := range settableLimits {
		env := "HEARTH_LIMIT_" + strings.ToUpper(string(l.action))
		v := limitValue{limits: c.Limits, action: l.action}
		if s := getenv(env); s != "" {
			if err := v.Set(s); err != nil {
				*errs = append(*errs, fmt.Errorf("%s: %w", env, err))
			}
		}
		fs.Var(v, "limit-"+string(l.action), "at most this many "+l.usage+" per window, as COUNT/WINDOW ($"+env+")")
	}
}

// validateLimits reports each limit out of bounds.
func (c Config) validateLimits() error {
	var errs []error
	for _, l := range settableLimits {
		r := c.Limits[l.action]
		if r.Max < 1 || r.Max > maxLimitCount || r.Window < minLimitWindow || r.Window > maxLimitWindow {
			errs = append(errs, fmt.Errorf("limit-%s: %s is not 1 to %d per a window of 1s to 24h", l.action, FormatLimit(r), maxLimitCount))
		}
	}
	return errors.Join(errs...)
}
