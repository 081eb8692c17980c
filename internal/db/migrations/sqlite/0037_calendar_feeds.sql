-- A person's own calendar of gatherings, fetched by calendar programs at a
-- secret address (/calendar/{token}.ics) without a session. Only the
-- token's SHA-256 is kept, as for sign-in tokens: a copy of the database
-- does not open anyone's calendar. One feed a person; making a new one
-- replaces (and so revokes) the old.
CREATE TABLE calendar_feeds (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
