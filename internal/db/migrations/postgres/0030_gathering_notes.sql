-- Gatherings, second pass (issue 11): each date's agenda (before) and notes
-- (after), written together in Markdown. The text lives here; every save is
-- also a revision (subject "gathering-agenda" / "gathering-notes", id the
-- occurrence), and `revision` is the number a form's base must match.
CREATE TABLE gathering_notes (
    occurrence_id  BIGINT NOT NULL REFERENCES gathering_occurrences(id) ON DELETE CASCADE,
    part           TEXT NOT NULL CHECK (part IN ('agenda', 'notes')),
    body           TEXT NOT NULL DEFAULT '',
    body_html      TEXT NOT NULL DEFAULT '',
    render_version INTEGER NOT NULL DEFAULT 0,
    revision       INTEGER NOT NULL DEFAULT 0,
    updated_by     BIGINT REFERENCES people(id) ON DELETE SET NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (occurrence_id, part)
);

-- When each person is reminded of the gatherings they go to (or might):
-- 'day' or 'hour' before, or 'none'. A reminder is a job due at that time,
-- which checks at run time that its date still starts when it was set for.
ALTER TABLE people ADD COLUMN gathering_reminder TEXT NOT NULL DEFAULT 'day'
    CHECK (gathering_reminder IN ('none', 'hour', 'day'));
