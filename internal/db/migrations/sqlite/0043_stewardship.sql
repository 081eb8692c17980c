-- Stewardship's summary of each community's health, computed by a job
-- (stewardship.Recount) from the other capabilities' tables (activities,
-- participation, threads and posts, attendance), so that the health page
-- reads a few precomputed rows whatever the community's history.
--
-- health_figures: one number per community, window (days) and figure, for
-- the window ending at the count and the one before it (NULL: nothing to
-- measure).
CREATE TABLE health_figures (
    community_id   BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    days           INTEGER NOT NULL,
    figure         TEXT NOT NULL,
    current_value  DOUBLE PRECISION,
    previous_value DOUBLE PRECISION,
    PRIMARY KEY (community_id, days, figure)
);
-- health_weeks: time to first response for the questions asked each week
-- (from Monday, UTC), in hours.
CREATE TABLE health_weeks (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    week_start   TIMESTAMP NOT NULL,
    questions    INTEGER NOT NULL,
    answered     INTEGER NOT NULL,
    within_48h   INTEGER NOT NULL,
    median_hours DOUBLE PRECISION,
    p90_hours    DOUBLE PRECISION,
    PRIMARY KEY (community_id, week_start)
);
-- health_flow: the rings at each month's start and how members moved since
-- the month before (inward, held, outward; joined: not a member then).
CREATE TABLE health_flow (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    month_start  TIMESTAMP NOT NULL,
    core         INTEGER NOT NULL,
    active       INTEGER NOT NULL,
    occasional   INTEGER NOT NULL,
    peripheral   INTEGER NOT NULL,
    inward       INTEGER NOT NULL,
    held         INTEGER NOT NULL,
    outward      INTEGER NOT NULL,
    joined       INTEGER NOT NULL,
    PRIMARY KEY (community_id, month_start)
);
-- health_unanswered: the oldest questions without another person's reply.
CREATE TABLE health_unanswered (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    thread_id    BIGINT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    asked_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, thread_id)
);
CREATE INDEX health_unanswered_age ON health_unanswered(community_id, asked_at, thread_id);
-- health_fading: core and active members with no presence lately.
CREATE TABLE health_fading (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    level        TEXT NOT NULL,
    last_seen_at TIMESTAMP,
    PRIMARY KEY (community_id, person_id)
);
-- health_cohorts: members by the month they joined (the last 12 months):
-- how many made a first contribution within 30 days of joining, a second
-- within 90, and are active or core now; of those who contributed at
-- all, whose first contribution got another person's reply or "this helped
-- me" within 48 hours (welcomed); health_retention: how many of
-- them were present each month since (0: the month they joined).
CREATE TABLE health_cohorts (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    cohort_month TIMESTAMP NOT NULL,
    members      INTEGER NOT NULL,
    first_30     INTEGER NOT NULL,
    second_90    INTEGER NOT NULL,
    active       INTEGER NOT NULL,
    contributed  INTEGER NOT NULL,
    welcomed     INTEGER NOT NULL,
    PRIMARY KEY (community_id, cohort_month)
);
CREATE TABLE health_retention (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    cohort_month TIMESTAMP NOT NULL,
    months_since INTEGER NOT NULL,
    present      INTEGER NOT NULL,
    PRIMARY KEY (community_id, cohort_month, months_since)
);
-- health_runs: when a community was last counted.
CREATE TABLE health_runs (
    community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    counted_at   TIMESTAMP NOT NULL
);
