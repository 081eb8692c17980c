-- The health job's fading regulars look up each core or active member's
-- latest activity in the community and whether they did anything since a
-- date: through the community's time index that walked the whole log once
-- per member (1.3 to 2.7 s at 100,000 contributions and 2,000 members).
CREATE INDEX activities_community_actor ON activities(community_id, actor_id, created_at DESC, id DESC);

-- The health page lists the first ListShown fading regulars and connectors
-- (the CSV has them all): in the order of these indexes, not by sorting a
-- few thousand rows on each request.
CREATE INDEX health_fading_order ON health_fading(community_id, (last_seen_at IS NOT NULL), last_seen_at, person_id);
CREATE INDEX health_connectors_order ON health_connectors(community_id, days, departments DESC, person_id);
