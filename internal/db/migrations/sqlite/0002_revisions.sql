-- Revisions: the history of any edited text (entries, gathering notes,
-- replies). A subject is named by its type and id, so one table serves every
-- capability; the capability that owns a subject deletes its revisions with it.
CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    subject_type  TEXT NOT NULL,
    subject_id    INTEGER NOT NULL,
    number        INTEGER NOT NULL CHECK (number > 0),
    title         TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    author_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    reverted_from INTEGER CHECK (reverted_from IS NULL OR (reverted_from > 0 AND reverted_from < number)),
    created_at    TIMESTAMP NOT NULL,
    -- Also the index that lists a subject's revisions, newest first.
    UNIQUE (subject_type, subject_id, number)
);
CREATE INDEX revisions_author ON revisions(author_id);
