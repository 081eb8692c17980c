-- The practice library: entries with authors, tags, maturity and freshness;
-- comments, "this helped me" signals, curated collections and attachments.
-- Each community chooses who writes and who improves entries.
ALTER TABLE communities ADD COLUMN practice_writers TEXT NOT NULL DEFAULT 'members' CHECK (practice_writers IN ('members', 'stewards'));
ALTER TABLE communities ADD COLUMN practice_editors TEXT NOT NULL DEFAULT 'members' CHECK (practice_editors IN ('members', 'authors'));
ALTER TABLE communities ADD COLUMN comments_default TEXT NOT NULL DEFAULT 'open' CHECK (comments_default IN ('open', 'closed'));
ALTER TABLE communities ADD COLUMN stale_after_days INTEGER NOT NULL DEFAULT 365;

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    slug          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('story', 'lesson', 'practice', 'resource')),
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    resource_url  TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    maturity      TEXT NOT NULL CHECK (maturity IN ('draft', 'published', 'reviewed', 'endorsed')),
    revision      INTEGER NOT NULL DEFAULT 1,
    comments_open BOOLEAN NOT NULL DEFAULT TRUE,
    review_by     TIMESTAMP,
    verified_at   TIMESTAMP,
    verified_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    reviewed_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    endorsed_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    views         INTEGER NOT NULL DEFAULT 0,
    created_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    published_at  TIMESTAMP,
    UNIQUE (community_id, slug)
);
CREATE INDEX entries_community ON entries(community_id, maturity, updated_at);

CREATE TABLE entry_people (
    entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('author', 'contributor')),
    since     TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, person_id)
);
CREATE INDEX entry_people_person ON entry_people(person_id);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
);
CREATE INDEX entry_tags_tag ON entry_tags(tag);

CREATE TABLE entry_helpful (
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, person_id)
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    hidden_at  TIMESTAMP,
    hidden_by  INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE INDEX comments_entry ON comments(entry_id, created_at);

CREATE TABLE collections (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    start_here   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (community_id, slug)
);

CREATE TABLE collection_entries (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    entry_id      INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (collection_id, entry_id)
);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    entry_id     INTEGER REFERENCES entries(id) ON DELETE CASCADE,
    uploader_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    data         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_entry ON attachments(entry_id);
