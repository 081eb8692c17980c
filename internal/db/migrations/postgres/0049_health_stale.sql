-- Stale knowledge on the health page (issue 13, figure 11): a community's
-- entries past review (practice.StaleCondition), the most viewed first, as
-- the health job last found them; the page joins the entries for their
-- current title.
CREATE TABLE health_stale (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    entry_id     BIGINT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    views        INTEGER NOT NULL,
    review_by    TIMESTAMPTZ,
    PRIMARY KEY (community_id, entry_id)
);
