-- A conference's programme (issue 11, point 7): sessions of a one-off
-- gathering, with their times (within the gathering), a room and a track,
-- a description (Markdown, rendered when saved), an optional capacity and
-- the counts of those who took a place or wait; and their speakers, in
-- order, each a person of Hearth or a guest named in words.
CREATE TABLE gathering_sessions (
    id               INTEGER PRIMARY KEY,
    gathering_id     INTEGER NOT NULL REFERENCES gatherings(id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    starts_at        TIMESTAMP NOT NULL,
    ends_at          TIMESTAMP NOT NULL,
    room             TEXT NOT NULL DEFAULT '',
    track            TEXT NOT NULL DEFAULT '',
    description      TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    render_version   INTEGER NOT NULL DEFAULT 0,
    capacity         INTEGER CHECK (capacity IS NULL OR capacity > 0),
    going            INTEGER NOT NULL DEFAULT 0 CHECK (going >= 0),
    waiting          INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0),
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
-- The programme in order: keyset by (starts_at, id) within a gathering.
CREATE INDEX gathering_sessions_programme ON gathering_sessions(gathering_id, starts_at, id);

CREATE TABLE gathering_session_speakers (
    session_id INTEGER NOT NULL REFERENCES gathering_sessions(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    person_id  INTEGER REFERENCES people(id) ON DELETE CASCADE, -- a person of Hearth, or
    guest_name TEXT,                                             -- a guest's name
    PRIMARY KEY (session_id, position),
    CHECK ((person_id IS NULL) <> (guest_name IS NULL))
);
CREATE INDEX gathering_session_speakers_person ON gathering_session_speakers(person_id);
