-- Shareable invitation links: a steward's link that lets whoever holds it
-- join the community (by its join policy) until it expires, is revoked or
-- has been used max_uses times (NULL: no limit). The token is kept as it is,
-- not hashed: the link is made to be passed around, so its stewards can copy
-- it again; it grants no account, only the way in, and can be revoked.
CREATE TABLE invite_links (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    token        TEXT NOT NULL UNIQUE,
    created_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    max_uses     INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses         INTEGER NOT NULL DEFAULT 0,
    revoked_at   TIMESTAMP
);
CREATE INDEX invite_links_community ON invite_links(community_id, expires_at);

-- Who may review entries: members of at least this many days (stewards and
-- members who have published an entry in the community always may).
ALTER TABLE communities ADD COLUMN review_after_days INTEGER NOT NULL DEFAULT 7;

-- A reader's views of an entry, one row per reader per day, so that repeated
-- views count once; rows older than a couple of days are pruned.
CREATE TABLE entry_views (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    viewer   TEXT NOT NULL,
    day      TEXT NOT NULL,
    PRIMARY KEY (entry_id, viewer, day)
);
CREATE INDEX entry_views_day ON entry_views(day);
