-- One store for replies to anything: comments on entries now, replies and
-- answers in conversations and comments on gatherings as they come. A post
-- belongs to a subject (kind and id); the capability that owns the subject
-- decides who may see, write and moderate. Editing keeps a history (the
-- revisions of subject 'post'); a post its author deletes keeps its place
-- as a "removed" placeholder. The comments of entries move here, ids kept
-- (their permalinks and search documents keep working).
CREATE TABLE posts (
    id             INTEGER PRIMARY KEY,
    subject_kind   TEXT NOT NULL,
    subject_id     INTEGER NOT NULL,
    community_id   INTEGER REFERENCES communities(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'reply', 'answer')),
    reply_to       INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    author_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    body           TEXT NOT NULL,
    body_html      TEXT NOT NULL DEFAULT '',
    body_text      TEXT NOT NULL DEFAULT '',
    render_version INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    edited_at      TIMESTAMP,
    hidden_at      TIMESTAMP,
    hidden_by      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    deleted_at     TIMESTAMP,
    accepted_at    TIMESTAMP,
    accepted_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    score          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO posts (id, subject_kind, subject_id, community_id, kind, author_id, body, body_html, body_text, render_version,
    created_at, updated_at, edited_at, hidden_at, hidden_by)
SELECT c.id, 'entry', c.entry_id, e.community_id, 'comment', c.author_id, c.body, c.body_html, c.body_text, c.render_version,
    c.created_at, c.updated_at, CASE WHEN c.updated_at > c.created_at THEN c.updated_at END, c.hidden_at, c.hidden_by
FROM comments c JOIN entries e ON e.id = c.entry_id;
DROP TABLE comments;
-- A subject's posts are read a page at a time, in order of (created_at, id).
CREATE INDEX posts_subject ON posts(subject_kind, subject_id, created_at, id);
CREATE INDEX posts_author ON posts(author_id);
CREATE INDEX posts_render_version ON posts(render_version, id);

-- Provenance between things: an entry that came from a thread, an answer, a
-- gathering's notes. Shown on both ends.
CREATE TABLE links (
    from_kind  TEXT NOT NULL,
    from_id    INTEGER NOT NULL,
    to_kind    TEXT NOT NULL,
    to_id      INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (from_kind, from_id, to_kind, to_id, kind)
);
CREATE INDEX links_to ON links(to_kind, to_id);
