-- A gathering's page looked up the entries captured from its date (links
-- out of the occurrence) on every view, nearly always finding none.
-- captured says whether such a link was ever added: set by trigger,
-- whichever write adds the link, and never cleared (a link removed since
-- only costs the lookup, as before).
ALTER TABLE gathering_occurrences ADD COLUMN captured BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE gathering_occurrences SET captured = TRUE
WHERE EXISTS (SELECT 1 FROM links l WHERE l.from_kind = 'occurrence' AND l.from_id = gathering_occurrences.id);
CREATE FUNCTION gathering_occurrences_captured() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE gathering_occurrences SET captured = TRUE WHERE id = NEW.from_id AND NOT captured;
    RETURN NULL;
END;
$$;
CREATE TRIGGER gathering_occurrences_captured AFTER INSERT ON links FOR EACH ROW
    WHEN (NEW.from_kind = 'occurrence') EXECUTE FUNCTION gathering_occurrences_captured();

-- posts_version changes with every write to the gathering's comments and
-- every change of their authors' names, as threads' (migration 0054): the
-- newest page of comments read once is kept under the version it was read
-- at (see gathering.Comments).
ALTER TABLE gatherings ADD COLUMN posts_version BIGINT NOT NULL DEFAULT 1;
CREATE FUNCTION gatherings_posts_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.subject_kind = 'gathering' THEN
        UPDATE gatherings SET posts_version = posts_version + 1 WHERE id = OLD.subject_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.subject_kind = 'gathering'
       AND (TG_OP = 'INSERT' OR OLD.subject_kind <> 'gathering' OR OLD.subject_id <> NEW.subject_id) THEN
        UPDATE gatherings SET posts_version = posts_version + 1 WHERE id = NEW.subject_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER gatherings_posts_version AFTER INSERT OR UPDATE OR DELETE ON posts FOR EACH ROW
    EXECUTE FUNCTION gatherings_posts_version();
CREATE FUNCTION gatherings_posts_version_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE gatherings SET posts_version = posts_version + 1
    WHERE id IN (SELECT p.subject_id FROM posts p WHERE p.author_id = NEW.id AND p.subject_kind = 'gathering');
    RETURN NULL;
END;
$$;
CREATE TRIGGER gatherings_posts_version_author AFTER UPDATE OF name, handle ON people FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.handle IS DISTINCT FROM NEW.handle)
    EXECUTE FUNCTION gatherings_posts_version_author();
