-- Value-creation stories (issue 13, points 13 and 14): a member tells what
-- taking part in a community produced, as a chain of steps, at most one per
-- cycle of Wenger-Trayner's framework (1 immediate, 2 potential, 3 applied,
-- 4 realized, 5 reframing), each hoped-for or realised, with evidence
-- links (one URL a line). The author chooses the audience, never wider than
-- the community's visibility (stewardship.Service checks both). A story's
-- links to entries, threads and gatherings are in links (from 'story').
CREATE TABLE value_stories (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    author_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    audience     TEXT NOT NULL CHECK (audience IN ('community', 'institution', 'public')),
    hidden_at    TIMESTAMP,
    hidden_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX value_stories_community ON value_stories(community_id, created_at);
CREATE INDEX value_stories_author ON value_stories(author_id);

-- nudged_at: when a steward last asked the author how a hoped-for step
-- went; the service nudges a step at most once in 7 days by a conditional
-- update of this column.
CREATE TABLE value_steps (
    id          INTEGER PRIMARY KEY,
    story_id    INTEGER NOT NULL REFERENCES value_stories(id) ON DELETE CASCADE,
    cycle       INTEGER NOT NULL CHECK (cycle BETWEEN 1 AND 5),
    strategic   BOOLEAN NOT NULL DEFAULT FALSE,
    enabling    BOOLEAN NOT NULL DEFAULT FALSE,
    body        TEXT NOT NULL DEFAULT '',
    happened_on TIMESTAMP,
    evidence    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('hoped', 'realised')),
    recorded_at TIMESTAMP NOT NULL,
    nudged_at   TIMESTAMP,
    UNIQUE (story_id, cycle)
);
CREATE INDEX value_steps_hoped ON value_steps(status, recorded_at);
