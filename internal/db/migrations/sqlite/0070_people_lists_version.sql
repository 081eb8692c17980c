-- The people lists (/people, /experts, people to meet) are read once per
-- filter and page (per reader, for people to meet) and kept in memory under
-- versions that triggers keep in the writing transaction, so that a change
-- shows at once on every instance, even one made by SQL:
--
-- people_lists_version (one row) moves when a column a list shows changes:
-- a person added or removed, or their handle, name, title, department,
-- avatar, administrator, sponsor or disabled flag changed; a department
-- added, renamed or removed (the filters list every department). Such
-- writes are rare (a profile edit that changes one of these, a sign-up);
-- the writes people make all day (posts, joins, sessions, e-mail) do not
-- touch it.
--
-- topic_holders_versions (a row per topic) moves when someone declares the
-- topic, changes its level or drops it, or lists it among their interests
-- or drops it (the directory by topic, people to meet);
-- topic_scores_versions (a row per topic) when the topic's scores change (a
-- declaration, an endorsement, a recount of the topic: the ranking of
-- experts). Writes on one topic never wait on another's rows. The two are
-- apart so that a declaration, which holds its topic's holders row while it
-- then rescores the declarer, never holds the row a recount (which holds
-- every score row of the topic) waits for; a write of several topics bumps
-- them in the order of their tags (people's Service locks them first), so
-- that two such writes cannot deadlock on PostgreSQL.
CREATE TABLE people_lists_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO people_lists_version (id, version) VALUES (1, 0);

CREATE TABLE topic_holders_versions (
    tag     TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE topic_scores_versions (
    tag     TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);

CREATE TRIGGER people_lists_person_insert AFTER INSERT ON people
BEGIN UPDATE people_lists_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_lists_person_delete AFTER DELETE ON people
BEGIN UPDATE people_lists_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_lists_person AFTER UPDATE OF handle, name, title, department_id, avatar, is_admin, is_sponsor, disabled_at ON people
WHEN OLD.handle IS NOT NEW.handle OR OLD.name IS NOT NEW.name OR OLD.title IS NOT NEW.title
    OR OLD.department_id IS NOT NEW.department_id OR OLD.avatar IS NOT NEW.avatar OR OLD.is_admin IS NOT NEW.is_admin
    OR OLD.is_sponsor IS NOT NEW.is_sponsor OR OLD.disabled_at IS NOT NEW.disabled_at
BEGIN UPDATE people_lists_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER people_lists_department_insert AFTER INSERT ON departments
BEGIN UPDATE people_lists_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_lists_department_delete AFTER DELETE ON departments
BEGIN UPDATE people_lists_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER people_lists_department AFTER UPDATE OF name, slug ON departments
WHEN OLD.name IS NOT NEW.name OR OLD.slug IS NOT NEW.slug
BEGIN UPDATE people_lists_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER topic_declared_insert AFTER INSERT ON person_expertise
BEGIN
    INSERT INTO topic_holders_versions (tag, version) VALUES (NEW.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER topic_declared_delete AFTER DELETE ON person_expertise
BEGIN
    INSERT INTO topic_holders_versions (tag, version) VALUES (OLD.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER topic_declared AFTER UPDATE ON person_expertise
WHEN OLD.tag IS NOT NEW.tag OR OLD.level IS NOT NEW.level OR OLD.person_id IS NOT NEW.person_id
BEGIN
    INSERT INTO topic_holders_versions (tag, version) VALUES (OLD.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
    INSERT INTO topic_holders_versions (tag, version) SELECT NEW.tag, 1 WHERE NEW.tag IS NOT OLD.tag
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER topic_interest_insert AFTER INSERT ON person_interests
BEGIN
    INSERT INTO topic_holders_versions (tag, version) VALUES (NEW.interest, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER topic_interest_delete AFTER DELETE ON person_interests
BEGIN
    INSERT INTO topic_holders_versions (tag, version) VALUES (OLD.interest, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER topic_interest AFTER UPDATE ON person_interests
WHEN OLD.interest IS NOT NEW.interest OR OLD.person_id IS NOT NEW.person_id
BEGIN
    INSERT INTO topic_holders_versions (tag, version) VALUES (OLD.interest, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
    INSERT INTO topic_holders_versions (tag, version) SELECT NEW.interest, 1 WHERE NEW.interest IS NOT OLD.interest
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER topic_scores_insert AFTER INSERT ON expertise_scores
BEGIN
    INSERT INTO topic_scores_versions (tag, version) VALUES (NEW.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER topic_scores_delete AFTER DELETE ON expertise_scores
BEGIN
    INSERT INTO topic_scores_versions (tag, version) VALUES (OLD.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER topic_scores AFTER UPDATE ON expertise_scores
WHEN OLD.tag IS NOT NEW.tag OR OLD.person_id IS NOT NEW.person_id OR OLD.level IS NOT NEW.level
    OR OLD.endorsements IS NOT NEW.endorsements OR OLD.answers IS NOT NEW.answers OR OLD.entries IS NOT NEW.entries
    OR OLD.helped IS NOT NEW.helped OR OLD.hosted IS NOT NEW.hosted OR OLD.score IS NOT NEW.score
    OR OLD.department_id IS NOT NEW.department_id
BEGIN
    INSERT INTO topic_scores_versions (tag, version) VALUES (OLD.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
    INSERT INTO topic_scores_versions (tag, version) SELECT NEW.tag, 1 WHERE NEW.tag IS NOT OLD.tag
        ON CONFLICT (tag) DO UPDATE SET version = version + 1;
END;
