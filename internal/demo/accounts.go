package demo

import (
	"fmt"
	"io"
)

// Account is a demo account worth signing in with, to see Hearth from one
// role's point of view.
type Account struct {
	Role      string // "administrator", "sponsor", "steward" or "member"
	Name      string
	Handle    string
	Email     string
	Community string // for a steward, the community they steward (its slug); else ""
}

// SignIns are the accounts Load suggests signing in with.
type SignIns struct {
	Admin   Account // administers the instance
	Sponsor Account // reads the institution's page, administers nothing
	Steward Account // stewards Community
	Member  Account // a plain member of a few communities, steward of none
}

// The handles behind Accounts.
const (
	adminHandle      = "ruth-adeyemi"
	sponsorHandle    = "helen-marsh"
	stewardHandle    = "amara-okafor"
	stewardCommunity = "simulation-in-nursing-education"
	memberHandle     = "daniel-reyes"
)

// Accounts returns the demo administrator, the sponsor, a steward and a
// plain member;
// each signs in with Password.
func Accounts() SignIns {
	return SignIns{
		Admin:   account("administrator", adminHandle, ""),
		Sponsor: account("sponsor", sponsorHandle, ""),
		Steward: account("steward", stewardHandle, stewardCommunity),
		Member:  account("member", memberHandle, ""),
	}
}

func account(role, handle, community string) Account {
	for _, p := range people {
		if p.Handle == handle {
			return Account{Role: role, Name: p.Name, Handle: p.Handle, Email: p.email(), Community: community}
		}
	}
	panic("demo: no person " + handle) // the demo's own data is wrong; the tests catch it
}

// communityName returns the name of the demo community with slug.
func communityName(slug string) string {
	for _, c := range communities {
		if c.Slug == slug {
			return c.Name
		}
	}
	return slug
}

// printSignIn tells the operator what was loaded and how to sign in.
func printSignIn(out io.Writer, l *loaded) error {
	a := Accounts()
	_, err := fmt.Fprintf(out, `Loaded the demo institution %s: %d people in %d departments, %d communities, %d practice entries.
Sign in with any of these accounts (every demo account shares the password %s):
  administrator: %s / %s (%s)
  sponsor: %s / %s (%s, reads the institution's page at /institution)
  steward: %s / %s (%s, steward of %s)
  member: %s / %s (%s)
`, InstanceName, len(l.people), len(l.departments), len(l.communities), len(l.entries), Password,
		a.Admin.Email, Password, a.Admin.Name,
		a.Sponsor.Email, Password, a.Sponsor.Name,
		a.Steward.Email, Password, a.Steward.Name, communityName(a.Steward.Community),
		a.Member.Email, Password, a.Member.Name)
	return err
}
