-- The directory version also keys each reader's communities (Mine, the
-- people pages' community filter, community/mine_kept.go), so it now moves
-- with everything a listing of Mine carries or CanSee decides by: every
-- column of a community but updated_at (a save's time, which a charter saved
-- unchanged moves and no list of Mine shows), and any membership's arrival,
-- departure, status or role (an invitation, a request, a steward named), not
-- only active ones. These writes are rare (stewards' and administrators');
-- the directory's snapshots are read again after them.
DROP TRIGGER directory_communities_update;
CREATE TRIGGER directory_communities_update AFTER UPDATE ON communities
WHEN OLD.slug IS NOT NEW.slug OR OLD.name IS NOT NEW.name OR OLD.purpose IS NOT NEW.purpose
  OR OLD.scope IS NOT NEW.scope OR OLD.key_questions IS NOT NEW.key_questions OR OLD.who_should_join IS NOT NEW.who_should_join
  OR OLD.visibility IS NOT NEW.visibility OR OLD.join_policy IS NOT NEW.join_policy OR OLD.stage IS NOT NEW.stage
  OR OLD.status IS NOT NEW.status OR OLD.created_by IS NOT NEW.created_by OR OLD.created_at IS NOT NEW.created_at
  OR OLD.archived_at IS NOT NEW.archived_at OR OLD.practice_writers IS NOT NEW.practice_writers OR OLD.practice_editors IS NOT NEW.practice_editors
  OR OLD.comments_default IS NOT NEW.comments_default OR OLD.stale_after_days IS NOT NEW.stale_after_days OR OLD.review_after_days IS NOT NEW.review_after_days
  OR OLD.gathering_schedulers IS NOT NEW.gathering_schedulers
BEGIN UPDATE directory_version SET version = version + 1; END;

DROP TRIGGER directory_memberships_insert;
DROP TRIGGER directory_memberships_update;
DROP TRIGGER directory_memberships_delete;
CREATE TRIGGER directory_memberships_insert AFTER INSERT ON memberships
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_update AFTER UPDATE ON memberships
WHEN OLD.status IS NOT NEW.status OR OLD.role IS NOT NEW.role
  OR OLD.community_id IS NOT NEW.community_id OR OLD.person_id IS NOT NEW.person_id
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_delete AFTER DELETE ON memberships
BEGIN UPDATE directory_version SET version = version + 1; END;
