-- One durable queue for the work that follows a write (e-mail, notifications,
-- search indexing, digests). A job is enqueued in the same transaction as the
-- write it follows; workers claim due jobs, hold them under a lease (a job
-- whose worker died returns to the queue when its lease ends) and retry
-- failures with backoff. dedupe_key, when set, makes a job unique: a scheduled
-- run's period, so that every instance may offer the same run and one is kept.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL DEFAULT '',
    dedupe_key   TEXT UNIQUE,
    status       TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 8,
    run_at       TIMESTAMP NOT NULL,
    lease_until  TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    error        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX jobs_due ON jobs(status, run_at);
CREATE INDEX jobs_finished ON jobs(finished_at);

-- Mail is delivered by a job now; a message may carry an HTML part beside
-- its text, a Reply-To, and a one-click unsubscribe link (RFC 8058).
ALTER TABLE mail_outbox ADD COLUMN html_body TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN unsubscribe_url TEXT NOT NULL DEFAULT '';
