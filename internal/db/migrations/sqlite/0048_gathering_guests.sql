-- Visitors who sign up to attend a public community's gathering (issue 11,
-- point 1), when its stewards or hosts open it to them. A guest gives a name
-- and an e-mail address and confirms their place from the link mailed to
-- it; only then does the place count (occurrences.going), so nobody can
-- fill a gathering with addresses that are not theirs. The link (its
-- SHA-256 kept, never the token) also lets the guest give the place back.
ALTER TABLE gatherings ADD COLUMN guests_open BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE gathering_guests (
    id            INTEGER PRIMARY KEY,
    occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'going', 'cancelled')),
    created_at    TIMESTAMP NOT NULL,
    confirmed_at  TIMESTAMP,
    UNIQUE (occurrence_id, email)
);
CREATE INDEX gathering_guests_going ON gathering_guests(occurrence_id, status, name, id);
