-- The directory version moves only when something the directory shows
-- changes (see community/snapshot.go): a listed community's slug, name,
-- purpose, visibility, join policy, stage or status; its tags; who its active
-- members are; an active member's department; a department's name or slug.
-- The triggers are per row, with WHEN clauses, so that a statement that
-- changes nothing the directory shows (no rows, the same values, a role, a
-- community's practice settings, a profile saved unchanged) leaves the
-- version, and the lock on its row, alone.
DROP TRIGGER directory_communities_update;
DROP TRIGGER directory_memberships_insert;
DROP TRIGGER directory_memberships_update;
DROP TRIGGER directory_memberships_delete;
DROP TRIGGER directory_people_department;

CREATE TRIGGER directory_communities_update AFTER UPDATE ON communities
WHEN OLD.slug IS NOT NEW.slug OR OLD.name IS NOT NEW.name OR OLD.purpose IS NOT NEW.purpose
  OR OLD.visibility IS NOT NEW.visibility OR OLD.join_policy IS NOT NEW.join_policy
  OR OLD.stage IS NOT NEW.stage OR OLD.status IS NOT NEW.status
BEGIN UPDATE directory_version SET version = version + 1; END;

CREATE TRIGGER directory_tags_update AFTER UPDATE ON community_tags
WHEN OLD.community_id IS NOT NEW.community_id OR OLD.tag IS NOT NEW.tag
BEGIN UPDATE directory_version SET version = version + 1; END;

CREATE TRIGGER directory_memberships_insert AFTER INSERT ON memberships
WHEN NEW.status = 'active'
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_update AFTER UPDATE ON memberships
WHEN (OLD.status = 'active' OR NEW.status = 'active')
  AND (OLD.status IS NOT NEW.status OR OLD.community_id IS NOT NEW.community_id OR OLD.person_id IS NOT NEW.person_id)
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_delete AFTER DELETE ON memberships
WHEN OLD.status = 'active'
BEGIN UPDATE directory_version SET version = version + 1; END;

CREATE TRIGGER directory_people_department AFTER UPDATE OF department_id ON people
WHEN OLD.department_id IS NOT NEW.department_id
BEGIN UPDATE directory_version SET version = version + 1; END;

CREATE TRIGGER directory_departments_update AFTER UPDATE ON departments
WHEN OLD.name IS NOT NEW.name OR OLD.slug IS NOT NEW.slug
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_departments_delete AFTER DELETE ON departments
BEGIN UPDATE directory_version SET version = version + 1; END;

-- Revisions keep every field a person edits besides title, summary and body
-- (an entry's kind, tags, link, source, review-by date), as a JSON object of
-- strings. NULL in revisions saved before: those show and restore only their
-- text.
ALTER TABLE revisions ADD COLUMN fields TEXT;
