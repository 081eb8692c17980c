-- A newcomer's path: the steps of the checklist that no other table
-- records (the charter read, the Start here path opened), once each. The
-- other steps are read from what the person did (people.Checklist).
CREATE TABLE newcomer_steps (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    step         TEXT NOT NULL CHECK (step IN ('charter', 'start_here')),
    done_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, person_id, step)
);
