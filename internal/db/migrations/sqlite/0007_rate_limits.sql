-- Rate limits shared by every instance: one counter row per key (an action and
-- who does it), counting the events of a fixed window that opens with the
-- first event and ends at expires_at. A single INSERT ... ON CONFLICT DO
-- UPDATE ... RETURNING counts and records at once, so concurrent requests
-- cannot all slip under the limit. Expired rows are pruned by expires_at.
CREATE TABLE rate_limits (
    key        TEXT PRIMARY KEY,
    hits       INTEGER NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limits_expires ON rate_limits(expires_at);

-- Sign-in throttling moved to rate_limits; the old table's pruning by time
-- scanned it whole.
CREATE INDEX throttle_events_attempted ON throttle_events(attempted_at);
