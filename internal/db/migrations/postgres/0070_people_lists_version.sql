-- The people lists (/people, /experts) are read once per filter and page and
-- kept in memory under two versions that triggers keep in the writing
-- transaction, so that a change shows at once on every instance, even one
-- made by SQL:
--
-- people_lists_version (one row) moves when a column a list shows changes:
-- a person added or removed, or their handle, name, title, department,
-- avatar, administrator, sponsor or disabled flag changed; a department
-- added, renamed or removed (the filters list every department). Such
-- writes are rare (a profile edit that changes one of these, a sign-up);
-- the writes people make all day (posts, joins, sessions, e-mail) do not
-- touch it.
--
-- expertise_topic_versions (a row per topic) moves when a topic's declared
-- expertise or its scores change: a declaration, an endorsement, a recount
-- of that topic. Writes on one topic never wait on another's row.
--
-- The triggers are per statement, over its transition tables: a recount
-- rewrites a topic's thousand score rows in a few statements, and bumps
-- the topic's row once for each (a trigger per row would leave thousands
-- of dead versions of that row in one transaction). Several topics are
-- bumped in the order of their tags, so that two writes cannot deadlock.
CREATE TABLE people_lists_version (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO people_lists_version (id, version) VALUES (1, 0);

CREATE TABLE expertise_topic_versions (
    tag     TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);

CREATE FUNCTION people_lists_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM n) THEN RETURN NULL; END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM o) THEN RETURN NULL; END IF;
    ELSIF TG_TABLE_NAME = 'people' THEN
        IF NOT EXISTS (SELECT 1 FROM o JOIN n ON n.id = o.id
            WHERE (o.handle, o.name, o.title, o.department_id, o.avatar, o.is_admin, o.is_sponsor, o.disabled_at)
                IS DISTINCT FROM (n.handle, n.name, n.title, n.department_id, n.avatar, n.is_admin, n.is_sponsor, n.disabled_at))
        THEN RETURN NULL; END IF;
    ELSE
        IF NOT EXISTS (SELECT 1 FROM o JOIN n ON n.id = o.id WHERE (o.name, o.slug) IS DISTINCT FROM (n.name, n.slug))
        THEN RETURN NULL; END IF;
    END IF;
    UPDATE people_lists_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER people_lists_person_insert AFTER INSERT ON people REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION people_lists_bump();
CREATE TRIGGER people_lists_person_delete AFTER DELETE ON people REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION people_lists_bump();
CREATE TRIGGER people_lists_person AFTER UPDATE ON people REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION people_lists_bump();
CREATE TRIGGER people_lists_department_insert AFTER INSERT ON departments REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION people_lists_bump();
CREATE TRIGGER people_lists_department_delete AFTER DELETE ON departments REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION people_lists_bump();
CREATE TRIGGER people_lists_department AFTER UPDATE ON departments REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION people_lists_bump();

-- expertise_topic_bump bumps the topics of the rows a statement added,
-- removed or changed (a row updated to what it was changes nothing).
CREATE FUNCTION expertise_topic_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO expertise_topic_versions (tag, version)
            SELECT DISTINCT tag, 1 FROM n ORDER BY tag
            ON CONFLICT (tag) DO UPDATE SET version = expertise_topic_versions.version + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO expertise_topic_versions (tag, version)
            SELECT DISTINCT tag, 1 FROM o ORDER BY tag
            ON CONFLICT (tag) DO UPDATE SET version = expertise_topic_versions.version + 1;
    ELSE
        INSERT INTO expertise_topic_versions (tag, version)
            SELECT tag, 1 FROM ((SELECT * FROM n EXCEPT SELECT * FROM o) UNION ALL (SELECT * FROM o EXCEPT SELECT * FROM n)) changed
            GROUP BY tag ORDER BY tag
            ON CONFLICT (tag) DO UPDATE SET version = expertise_topic_versions.version + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER expertise_topic_declared_insert AFTER INSERT ON person_expertise REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION expertise_topic_bump();
CREATE TRIGGER expertise_topic_declared_delete AFTER DELETE ON person_expertise REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION expertise_topic_bump();
CREATE TRIGGER expertise_topic_declared AFTER UPDATE ON person_expertise REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION expertise_topic_bump();
CREATE TRIGGER expertise_topic_scores_insert AFTER INSERT ON expertise_scores REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION expertise_topic_bump();
CREATE TRIGGER expertise_topic_scores_delete AFTER DELETE ON expertise_scores REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION expertise_topic_bump();
CREATE TRIGGER expertise_topic_scores AFTER UPDATE ON expertise_scores REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION expertise_topic_bump();
