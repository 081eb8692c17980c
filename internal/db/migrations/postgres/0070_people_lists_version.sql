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

CREATE TABLE topic_holders_versions (
    tag     TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE topic_scores_versions (
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

-- topic_holders_bump and topic_scores_bump bump the topics of the rows a
-- statement added, removed or changed (a row updated to what it was
-- changes nothing): a topic's holders for person_expertise (column tag) and
-- person_interests (column interest), its scores for expertise_scores.
CREATE FUNCTION topic_holders_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'person_interests' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO topic_holders_versions (tag, version) SELECT DISTINCT interest, 1 FROM n ORDER BY 1
                ON CONFLICT (tag) DO UPDATE SET version = topic_holders_versions.version + 1;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO topic_holders_versions (tag, version) SELECT DISTINCT interest, 1 FROM o ORDER BY 1
                ON CONFLICT (tag) DO UPDATE SET version = topic_holders_versions.version + 1;
        ELSE
            INSERT INTO topic_holders_versions (tag, version)
                SELECT interest, 1 FROM ((SELECT * FROM n EXCEPT SELECT * FROM o) UNION ALL (SELECT * FROM o EXCEPT SELECT * FROM n)) changed
                GROUP BY interest ORDER BY 1
                ON CONFLICT (tag) DO UPDATE SET version = topic_holders_versions.version + 1;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO topic_holders_versions (tag, version) SELECT DISTINCT tag, 1 FROM n ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET version = topic_holders_versions.version + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO topic_holders_versions (tag, version) SELECT DISTINCT tag, 1 FROM o ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET version = topic_holders_versions.version + 1;
    ELSE
        INSERT INTO topic_holders_versions (tag, version)
            SELECT tag, 1 FROM ((SELECT * FROM n EXCEPT SELECT * FROM o) UNION ALL (SELECT * FROM o EXCEPT SELECT * FROM n)) changed
            GROUP BY tag ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET version = topic_holders_versions.version + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION topic_scores_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO topic_scores_versions (tag, version) SELECT DISTINCT tag, 1 FROM n ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET version = topic_scores_versions.version + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO topic_scores_versions (tag, version) SELECT DISTINCT tag, 1 FROM o ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET version = topic_scores_versions.version + 1;
    ELSE
        INSERT INTO topic_scores_versions (tag, version)
            SELECT tag, 1 FROM ((SELECT * FROM n EXCEPT SELECT * FROM o) UNION ALL (SELECT * FROM o EXCEPT SELECT * FROM n)) changed
            GROUP BY tag ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET version = topic_scores_versions.version + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER topic_declared_insert AFTER INSERT ON person_expertise REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION topic_holders_bump();
CREATE TRIGGER topic_declared_delete AFTER DELETE ON person_expertise REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION topic_holders_bump();
CREATE TRIGGER topic_declared AFTER UPDATE ON person_expertise REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION topic_holders_bump();
CREATE TRIGGER topic_interest_insert AFTER INSERT ON person_interests REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION topic_holders_bump();
CREATE TRIGGER topic_interest_delete AFTER DELETE ON person_interests REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION topic_holders_bump();
CREATE TRIGGER topic_interest AFTER UPDATE ON person_interests REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION topic_holders_bump();
CREATE TRIGGER topic_scores_insert AFTER INSERT ON expertise_scores REFERENCING NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION topic_scores_bump();
CREATE TRIGGER topic_scores_delete AFTER DELETE ON expertise_scores REFERENCING OLD TABLE AS o
    FOR EACH STATEMENT EXECUTE FUNCTION topic_scores_bump();
CREATE TRIGGER topic_scores AFTER UPDATE ON expertise_scores REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION topic_scores_bump();
