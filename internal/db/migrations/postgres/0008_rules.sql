-- The directory version moves only when something the directory shows
-- changes (see community/snapshot.go): a listed community's slug, name,
-- purpose, visibility, join policy, stage or status; its tags; who its active
-- members are; an active member's department; a department's name or slug.
-- The triggers are per row, with WHEN clauses (checked without calling the
-- function), so that a statement that changes nothing the directory shows
-- (no rows, the same values, a role, a community's practice settings, a
-- profile saved unchanged) leaves the version, and the lock on its row, alone:
-- the statement-level triggers they replace fired for every such statement,
-- making those writes wait for each other across instances.
DROP TRIGGER directory_communities ON communities;
DROP TRIGGER directory_tags ON community_tags;
DROP TRIGGER directory_memberships ON memberships;
DROP TRIGGER directory_people_department ON people;

CREATE TRIGGER directory_communities_insert AFTER INSERT ON communities
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_communities_update AFTER UPDATE ON communities FOR EACH ROW
    WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name OR OLD.purpose IS DISTINCT FROM NEW.purpose
        OR OLD.visibility IS DISTINCT FROM NEW.visibility OR OLD.join_policy IS DISTINCT FROM NEW.join_policy
        OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_communities_delete AFTER DELETE ON communities
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER directory_tags_insert AFTER INSERT ON community_tags
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_tags_update AFTER UPDATE ON community_tags FOR EACH ROW
    WHEN (OLD.community_id IS DISTINCT FROM NEW.community_id OR OLD.tag IS DISTINCT FROM NEW.tag)
    EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_tags_delete AFTER DELETE ON community_tags
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER directory_memberships_insert AFTER INSERT ON memberships FOR EACH ROW
    WHEN (NEW.status = 'active')
    EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_memberships_update AFTER UPDATE ON memberships FOR EACH ROW
    WHEN ((OLD.status = 'active' OR NEW.status = 'active')
        AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.community_id IS DISTINCT FROM NEW.community_id
            OR OLD.person_id IS DISTINCT FROM NEW.person_id))
    EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_memberships_delete AFTER DELETE ON memberships FOR EACH ROW
    WHEN (OLD.status = 'active')
    EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER directory_people_department AFTER UPDATE OF department_id ON people FOR EACH ROW
    WHEN (OLD.department_id IS DISTINCT FROM NEW.department_id)
    EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER directory_departments_update AFTER UPDATE ON departments FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug)
    EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_departments_delete AFTER DELETE ON departments
    FOR EACH ROW EXECUTE FUNCTION bump_directory_version();

-- Revisions keep every field a person edits besides title, summary and body
-- (an entry's kind, tags, link, source, review-by date), as a JSON object of
-- strings. NULL in revisions saved before: those show and restore only their
-- text.
ALTER TABLE revisions ADD COLUMN fields TEXT;
