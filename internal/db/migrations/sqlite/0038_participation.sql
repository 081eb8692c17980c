-- Participation levels: each active member's part in a community over the
-- last 90 days (contributions, replies, gatherings attended), counted by a
-- job (people.RecountParticipation) from the activity log and attendance,
-- so that no page aggregates the log. participation_runs says when a
-- community was last counted: the job recounts those with activity since.
CREATE TABLE participation (
    community_id  BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id     BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    contributions INTEGER NOT NULL DEFAULT 0,
    replies       INTEGER NOT NULL DEFAULT 0,
    attended      INTEGER NOT NULL DEFAULT 0,
    score         INTEGER NOT NULL DEFAULT 0,
    level         TEXT NOT NULL CHECK (level IN ('core', 'active', 'occasional', 'peripheral')),
    PRIMARY KEY (community_id, person_id)
);
CREATE INDEX participation_rank ON participation(community_id, score DESC, person_id);
CREATE TABLE participation_runs (
    community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    counted_at   TIMESTAMP NOT NULL
);
