-- Replies by e-mail already posted, by a digest of (person, subject,
-- Message-ID): a sending server that retries a message whose answer it did
-- not hear (a dropped connection after DATA) does not post it twice. Rows
-- older than a reply address's life are pruned by received_at.
CREATE TABLE inbound_messages (
    key         TEXT PRIMARY KEY,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX inbound_messages_received ON inbound_messages(received_at);
