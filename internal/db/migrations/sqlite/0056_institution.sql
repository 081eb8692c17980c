-- The institution's page (issue 13, point 15; stewardship.Service.Institution):
-- figures across the active communities, computed by the recount job after
-- the communities' own (stewardship.RecountInstitution), so that the page
-- reads a few rows whatever the number of communities.
--
-- institution_runs: when the institution was last counted (one row).
CREATE TABLE institution_runs (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    counted_at TIMESTAMP NOT NULL
);
-- institution_figures: one number per figure (NULL: nothing to measure).
CREATE TABLE institution_figures (
    figure TEXT PRIMARY KEY,
    value  DOUBLE PRECISION
);
-- institution_communities: the map, a row per active community as it was
-- at the count (its name, slug and stage are copied, so that the map is
-- the count's alone): its members on each ring and the departments its
-- members come from.
CREATE TABLE institution_communities (
    community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    name         TEXT NOT NULL,
    stage        TEXT NOT NULL,
    core         INTEGER NOT NULL,
    active       INTEGER NOT NULL,
    occasional   INTEGER NOT NULL,
    peripheral   INTEGER NOT NULL,
    departments  INTEGER NOT NULL
);
-- institution_quarters: the exchange between departments in the 90 days
-- before each quarter's start, summed over the communities (decayed
-- weights, as health_exchange_months).
CREATE TABLE institution_quarters (
    quarter_start TIMESTAMP PRIMARY KEY,
    internal      DOUBLE PRECISION NOT NULL,
    external      DOUBLE PRECISION NOT NULL
);
