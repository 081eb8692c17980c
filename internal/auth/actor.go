// Package auth owns accounts: sign-up and e-mail verification, passwords,
// sign-in with throttling, sessions stored in the database (so that several
// instances share them), password reset, e-mail change, and the Actor that
// every service method is given to decide what a person may do.
package auth

// Actor is who is acting: a signed-in person, or the zero value for a visitor.
type Actor struct {
	PersonID int64
	Handle   string
	Name     string
	Admin    bool
	Sponsor  bool   // reads the institution's page without administering (granted by an administrator)
	Verified bool   // the person has confirmed their e-mail address
	TimeZone string // IANA name the person reads times in; "" for the instance's
}

// SignedIn reports whether the actor is a person rather than a visitor.
func (a Actor) SignedIn() bool { return a.PersonID != 0 }
