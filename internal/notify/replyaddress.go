package notify

import (
	"context"
	"crypto/hmac"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"hearth/internal/errs"
)

// Replying by e-mail: a notification about a thread (or an entry) carries
// Reply-To reply+TOKEN@DOMAIN, where TOKEN says who may reply, to what, and
// until when, signed with the instance's key. The inbound listener
// (internal/inbound) checks it before it takes a message.

// ReplyTTL is how long a reply address works after its e-mail was sent.
const ReplyTTL = 30 * 24 * time.Hour

// replyPrefix starts the local part of every reply address.
const replyPrefix = "reply+"

// replyMACSize is the bytes of signature a token keeps: 96 bits, far past
// guessing through a rate-limited SMTP listener, and short enough that the
// longest token (ids of 10 bytes each) fits a 64-character local part.
const replyMACSize = 12

// tokenEncoding is lowercase base32 without padding: letters and digits that
// survive a mail server folding the local part's case.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// ReplyTarget is what a reply address stands for.
type ReplyTarget struct {
	PersonID  int64
	Kind      string // a subject kind of activities: "thread", "entry"
	SubjectID int64
	Expires   time.Time
}

// Errors of a reply address that is not accepted. Both are NotFound: a
// forged address does not exist, an expired one no longer does.
var (
	ErrReplyForged  = errs.NotFoundf("There is no such reply address.")
	ErrReplyExpired = errs.NotFoundf("This reply address has expired: please reply on the site instead.")
)

// SetReplies makes notification e-mail about subjects of these kinds carry a
// reply address at domain (Hearth's inbound listener takes them). Each kind's
// first letter stands for it in the token, so no two may share one.
func (n *Notifier) SetReplies(domain string, kinds ...string) error {
	byLetter := map[byte]string{}
	for _, k := range kinds {
		if k == "" {
			return fmt.Errorf("reply kinds: an empty kind")
		}
		if other, ok := byLetter[k[0]]; ok {
			return fmt.Errorf("reply kinds: %q and %q start with the same letter", other, k)
		}
		byLetter[k[0]] = k
	}
	n.replyDomain = strings.ToLower(domain)
	n.replyKinds = byLetter
	return nil
}

// Replyable reports whether e-mail about a subject of kind carries a reply address.
func (n *Notifier) Replyable(kind string) bool {
	return n.replyDomain != "" && kind != "" && n.replyKinds[kind[0]] == kind
}

// ReplyAddress is the address at which personID's reply to subject (kind,
// id) becomes a post, valid for ReplyTTL from now.
func (n *Notifier) ReplyAddress(ctx context.Context, personID int64, kind string, subjectID int64, now time.Time) (string, error) {
	if !n.Replyable(kind) {
		return "", fmt.Errorf("reply address: %q is not a kind replied to by e-mail", kind)
	}
	payload := binary.AppendUvarint(nil, uint64(personID))
	payload = append(payload, kind[0])
	payload = binary.AppendUvarint(payload, uint64(subjectID))
	payload = binary.BigEndian.AppendUint32(payload, uint32(now.Add(ReplyTTL).Unix()))
	mac, err := n.replyMAC(ctx, payload)
	if err != nil {
		return "", err
	}
	return replyPrefix + tokenEncoding.EncodeToString(append(payload, mac...)) + "@" + n.replyDomain, nil
}

// CheckReplyAddress reads a reply address: ErrReplyForged for one Hearth did
// not sign (or of another domain), ErrReplyExpired for one past its time.
func (n *Notifier) CheckReplyAddress(ctx context.Context, addr string, now time.Time) (ReplyTarget, error) {
	local, domain, ok := strings.Cut(strings.ToLower(strings.TrimSpace(addr)), "@")
	token, prefixed := strings.CutPrefix(local, replyPrefix)
	if !ok || !prefixed || n.replyDomain == "" || domain != n.replyDomain || len(token) > 64 {
		return ReplyTarget{}, ErrReplyForged
	}
	raw, err := tokenEncoding.DecodeString(token)
	// Base32 ignores the unused low bits of a token's last letter, so two
	// letters can decode alike: only the canonical spelling is accepted.
	if err != nil || len(raw) <= replyMACSize || tokenEncoding.EncodeToString(raw) != token {
		return ReplyTarget{}, ErrReplyForged
	}
	payload, mac := raw[:len(raw)-replyMACSize], raw[len(raw)-replyMACSize:]
	want, err := n.replyMAC(ctx, payload)
	if err != nil {
		return ReplyTarget{}, err
	}
	if !hmac.Equal(mac, want) {
		return ReplyTarget{}, ErrReplyForged
	}
	// Signed by us, so well formed; read it carefully all the same.
	person, k := binary.Uvarint(payload)
	if k <= 0 || k >= len(payload) {
		return ReplyTarget{}, ErrReplyForged
	}
	kind, ok := n.replyKinds[payload[k]]
	rest := payload[k+1:]
	subject, k := binary.Uvarint(rest)
	if !ok || k <= 0 || len(rest)-k != 4 {
		return ReplyTarget{}, ErrReplyForged
	}
	t := ReplyTarget{PersonID: int64(person), Kind: kind, SubjectID: int64(subject),
		Expires: time.Unix(int64(binary.BigEndian.Uint32(rest[k:])), 0).UTC()}
	if !now.Before(t.Expires) {
		return t, ErrReplyExpired
	}
	return t, nil
}

// replyMAC is the truncated signature of a reply token's payload.
func (n *Notifier) replyMAC(ctx context.Context, payload []byte) ([]byte, error) {
	mac, err := n.sign(ctx, append([]byte("reply:"), payload...))
	if err != nil {
		return nil, err
	}
	return mac[:replyMACSize], nil
}
