-- Members list: a sort rank kept by the database (requests, then invitations,
-- then members; stewards, moderators, members within each), so that a page of
-- a community's members walks an index from its cursor instead of sorting.
ALTER TABLE memberships ADD COLUMN list_rank SMALLINT GENERATED ALWAYS AS (
    (CASE status WHEN 'pending' THEN 0 WHEN 'invited' THEN 3 ELSE 6 END) +
    (CASE role WHEN 'steward' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END)) STORED;
CREATE INDEX memberships_list ON memberships(community_id, list_rank, person_id);
