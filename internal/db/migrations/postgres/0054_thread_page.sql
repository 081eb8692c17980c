-- A thread's page shows what the thread and its posts became in the library
-- (links of kind 'became' out of them). Looking that up cost two queries on
-- every page of every thread, nearly always finding nothing. promoted says
-- whether such a link was ever added out of the thread or one of its posts:
-- set by trigger, whichever write adds the link, and never cleared (a link
-- removed since only costs the lookup, as before). Only the first link
-- updates (and so locks) the thread's row.
ALTER TABLE threads ADD COLUMN promoted BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE threads SET promoted = TRUE
WHERE EXISTS (SELECT 1 FROM links l WHERE l.kind = 'became' AND l.from_kind = 'thread' AND l.from_id = threads.id)
   OR EXISTS (SELECT 1 FROM links l JOIN posts p ON p.id = l.from_id
              WHERE l.kind = 'became' AND l.from_kind = 'post' AND p.subject_kind = 'thread' AND p.subject_id = threads.id);

CREATE FUNCTION threads_promoted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.from_kind = 'thread' THEN
        UPDATE threads SET promoted = TRUE WHERE id = NEW.from_id AND NOT promoted;
    ELSE
        UPDATE threads SET promoted = TRUE
        WHERE NOT promoted AND id = (SELECT p.subject_id FROM posts p WHERE p.id = NEW.from_id AND p.subject_kind = 'thread');
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER threads_promoted AFTER INSERT ON links FOR EACH ROW
    WHEN (NEW.kind = 'became' AND NEW.from_kind IN ('thread', 'post'))
    EXECUTE FUNCTION threads_promoted();

-- posts_version changes with every write to the thread's posts (a reply, an
-- edit, a hiding, a removal, a vote, an acceptance, a new rendering) and
-- every change of their authors' names: a page of its posts read once is
-- kept, in the process, under the version it was read at (see
-- conversation.Replies), and a change makes a new version, on whichever
-- instance it happened. The writes of a thread's posts hold the lock on its
-- row already (they take it first, to serialise replies, votes and
-- acceptance).
ALTER TABLE threads ADD COLUMN posts_version BIGINT NOT NULL DEFAULT 1; -- 0: not read (see Thread.PostsVersion)
CREATE FUNCTION threads_posts_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.subject_kind = 'thread' THEN
        UPDATE threads SET posts_version = posts_version + 1 WHERE id = OLD.subject_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.subject_kind = 'thread'
       AND (TG_OP = 'INSERT' OR OLD.subject_kind <> 'thread' OR OLD.subject_id <> NEW.subject_id) THEN
        UPDATE threads SET posts_version = posts_version + 1 WHERE id = NEW.subject_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER threads_posts_version AFTER INSERT OR UPDATE OR DELETE ON posts FOR EACH ROW
    EXECUTE FUNCTION threads_posts_version();
CREATE FUNCTION threads_posts_version_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET posts_version = posts_version + 1
    WHERE id IN (SELECT p.subject_id FROM posts p WHERE p.author_id = NEW.id AND p.subject_kind = 'thread');
    RETURN NULL;
END;
$$;
CREATE TRIGGER threads_posts_version_author AFTER UPDATE OF name, handle ON people FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.handle IS DISTINCT FROM NEW.handle)
    EXECUTE FUNCTION threads_posts_version_author();
