-- Stage prompts on the health page (issue 13, point 12): the typical tasks
-- of each lifecycle stage are listed in stewardship.StageTasks; a row here
-- is one a steward ticked as done in a community. Ticking again changes
-- nothing (the primary key).
CREATE TABLE stage_tasks (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    task         TEXT NOT NULL,
    done_by      BIGINT REFERENCES people(id) ON DELETE SET NULL,
    done_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, stage, task)
);
