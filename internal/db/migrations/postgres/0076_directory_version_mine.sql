-- The directory version also keys each reader's communities (Mine, the
-- people pages' community filter, community/mine_kept.go), so it now moves
-- with everything a listing of Mine carries or CanSee decides by: every
-- column of a community but updated_at (a save's time, which a charter saved
-- unchanged moves and no list of Mine shows), and any membership's arrival,
-- departure, status or role (an invitation, a request, a steward named), not
-- only active ones. These writes are rare (stewards' and administrators');
-- the directory's snapshots are read again after them.
DROP TRIGGER directory_communities_update ON communities;
CREATE TRIGGER directory_communities_update AFTER UPDATE ON communities FOR EACH ROW
    WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.purpose IS DISTINCT FROM NEW.purpose OR OLD.scope IS DISTINCT FROM NEW.scope
        OR OLD.key_questions IS DISTINCT FROM NEW.key_questions OR OLD.who_should_join IS DISTINCT FROM NEW.who_should_join
        OR OLD.visibility IS DISTINCT FROM NEW.visibility OR OLD.join_policy IS DISTINCT FROM NEW.join_policy
        OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.created_by IS DISTINCT FROM NEW.created_by OR OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.archived_at IS DISTINCT FROM NEW.archived_at OR OLD.practice_writers IS DISTINCT FROM NEW.practice_writers
        OR OLD.practice_editors IS DISTINCT FROM NEW.practice_editors OR OLD.comments_default IS DISTINCT FROM NEW.comments_default
        OR OLD.stale_after_days IS DISTINCT FROM NEW.stale_after_days OR OLD.review_after_days IS DISTINCT FROM NEW.review_after_days
        OR OLD.gathering_schedulers IS DISTINCT FROM NEW.gathering_schedulers)
    EXECUTE FUNCTION bump_directory_version();

DROP TRIGGER directory_memberships_insert ON memberships;
DROP TRIGGER directory_memberships_update ON memberships;
DROP TRIGGER directory_memberships_delete ON memberships;
CREATE TRIGGER directory_memberships_insert AFTER INSERT ON memberships
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_memberships_update AFTER UPDATE ON memberships FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.community_id IS DISTINCT FROM NEW.community_id OR OLD.person_id IS DISTINCT FROM NEW.person_id)
    EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_memberships_delete AFTER DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();
