package app

import (
	"context"
	"crypto/tls"
	"log/slog"

	"hearth/internal/auth"
	"hearth/internal/config"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/inbound"
	"hearth/internal/notify"
	"hearth/internal/practice"
	"hearth/internal/ratelimit"
)

// replyable are the subject kinds whose notification e-mail can be answered
// by e-mail: a reply to a thread, a comment on an entry.
var replyable = []string{subjectThread, subjectEntry}

// newInbound is the listener for replies by e-mail: each kind's reply is
// posted by the same service call as the web's form for it.
func newInbound(cfg config.Config, d *db.DB, notifier *notify.Notifier, accounts *auth.Service, limits *ratelimit.Limiter,
	library *practice.Service, talk *conversation.Service, log *slog.Logger) (*inbound.Server, error) {
	var tlsConfig *tls.Config
	if cfg.InboundTLSCert != "" {
		var err error
		if tlsConfig, err = inbound.CertificateFiles(cfg.InboundTLSCert, cfg.InboundTLSKey); err != nil {
			return nil, err
		}
	}
	return inbound.New(inbound.Deps{DB: d, Domain: cfg.InboundDomain, Addresses: notifier, People: accounts, Limits: limits, Log: log, TLS: tlsConfig,
		Posters: map[string]inbound.Poster{
			subjectThread: func(ctx context.Context, a auth.Actor, id int64, body string) error {
				_, err := talk.ReplyByID(ctx, a, id, body)
				return err
			},
			subjectEntry: func(ctx context.Context, a auth.Actor, id int64, body string) error {
				_, err := library.CommentByID(ctx, a, id, body)
				return err
			},
		}}), nil
}
