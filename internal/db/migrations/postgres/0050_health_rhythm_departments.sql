-- The health page's rhythm, gathering follow-through and department
-- figures (issue 13, figures 8 to 10), as the health job last counted them.
-- The follow-through's numbers are rows of health_figures; these tables
-- hold the rest.
--
-- health_runs.time_zone: the zone the rhythm was counted in (the zone most
-- of the community's gatherings use, UTC when it has none).
ALTER TABLE health_runs ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
-- health_rhythm: per window, contributions and gatherings starting in each
-- weekday (0: Sunday) and hour of that zone; only cells with either.
CREATE TABLE health_rhythm (
    community_id  BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    days          INTEGER NOT NULL,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    contributions INTEGER NOT NULL,
    gatherings    INTEGER NOT NULL,
    PRIMARY KEY (community_id, days, weekday, hour)
);
-- health_departments: per window, each department's contributions and
-- contributors (this window and the one before) and its people with an
-- exchange in this window; the page shows no department with fewer than
-- five people behind a number.
CREATE TABLE health_departments (
    community_id       BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    days               INTEGER NOT NULL,
    department_id      BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    contributors       INTEGER NOT NULL,
    contributions      INTEGER NOT NULL,
    prev_contributors  INTEGER NOT NULL,
    prev_contributions INTEGER NOT NULL,
    exchangers         INTEGER NOT NULL,
    PRIMARY KEY (community_id, days, department_id)
);
-- health_exchange: per window, the decayed weight of the interactions
-- between two departments (department_a <= department_b; equal: internal).
CREATE TABLE health_exchange (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    days         INTEGER NOT NULL,
    department_a BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    department_b BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    weight       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (community_id, days, department_a, department_b)
);
-- health_exchange_months: the internal and external weights of the
-- default window ending at each month's start, for the E-I index's trend.
CREATE TABLE health_exchange_months (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    month_start  TIMESTAMPTZ NOT NULL,
    internal     DOUBLE PRECISION NOT NULL,
    external     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (community_id, month_start)
);
-- health_connectors: per window, members who exchanged with people of at
-- least three departments other than their own.
CREATE TABLE health_connectors (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    days         INTEGER NOT NULL,
    person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    departments  INTEGER NOT NULL,
    PRIMARY KEY (community_id, days, person_id)
);
