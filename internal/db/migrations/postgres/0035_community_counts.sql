-- The numbers a community's tabs show on every one of its pages (its
-- library's entries past draft, its talk's threads), kept by triggers instead
-- of counted per page: counting read every thread's index row, most of a
-- thread page's time in a talk of 50,000 threads. They live in a table of
-- their own so that keeping them never waits on, or holds, the lock on the
-- community's row. A write holds the lock on its community's counts until it
-- commits; a move changes two communities' counts, the lower id first, so
-- that two moves in opposite directions cannot deadlock.
CREATE TABLE community_counts (
    community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    entries      BIGINT NOT NULL DEFAULT 0,
    threads      BIGINT NOT NULL DEFAULT 0
);
INSERT INTO community_counts (community_id, entries, threads)
SELECT c.id, (SELECT COUNT(*) FROM entries e WHERE e.community_id = c.id AND e.maturity <> 'draft'),
    (SELECT COUNT(*) FROM threads t WHERE t.community_id = c.id)
FROM communities c;

CREATE FUNCTION community_counts_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO community_counts (community_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER community_counts_community AFTER INSERT ON communities
    FOR EACH ROW EXECUTE FUNCTION community_counts_community();

-- community_counts_add adds (entries, threads) to community c's counts.
CREATE FUNCTION community_counts_add(c BIGINT, entries_by BIGINT, threads_by BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE community_counts SET entries = entries + entries_by, threads = threads + threads_by WHERE community_id = c;
$$;

CREATE FUNCTION community_counts_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was BIGINT := 0;
    counts BIGINT := 0;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.maturity <> 'draft' THEN was := 1; END IF;
    IF TG_OP <> 'DELETE' AND NEW.maturity <> 'draft' THEN counts := 1; END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM community_counts_add(NEW.community_id, counts, 0);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM community_counts_add(OLD.community_id, -was, 0);
    ELSIF OLD.community_id = NEW.community_id THEN
        PERFORM community_counts_add(NEW.community_id, counts - was, 0);
    ELSIF OLD.community_id < NEW.community_id THEN
        PERFORM community_counts_add(OLD.community_id, -was, 0);
        PERFORM community_counts_add(NEW.community_id, counts, 0);
    ELSE
        PERFORM community_counts_add(NEW.community_id, counts, 0);
        PERFORM community_counts_add(OLD.community_id, -was, 0);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER community_counts_entry_insert AFTER INSERT ON entries FOR EACH ROW
    WHEN (NEW.maturity <> 'draft')
    EXECUTE FUNCTION community_counts_entry();
CREATE TRIGGER community_counts_entry_delete AFTER DELETE ON entries FOR EACH ROW
    WHEN (OLD.maturity <> 'draft')
    EXECUTE FUNCTION community_counts_entry();
CREATE TRIGGER community_counts_entry_update AFTER UPDATE OF maturity, community_id ON entries FOR EACH ROW
    WHEN ((OLD.maturity <> 'draft') IS DISTINCT FROM (NEW.maturity <> 'draft') OR OLD.community_id IS DISTINCT FROM NEW.community_id)
    EXECUTE FUNCTION community_counts_entry();

CREATE FUNCTION community_counts_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM community_counts_add(NEW.community_id, 0, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM community_counts_add(OLD.community_id, 0, -1);
    ELSIF OLD.community_id < NEW.community_id THEN
        PERFORM community_counts_add(OLD.community_id, 0, -1);
        PERFORM community_counts_add(NEW.community_id, 0, 1);
    ELSE
        PERFORM community_counts_add(NEW.community_id, 0, 1);
        PERFORM community_counts_add(OLD.community_id, 0, -1);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER community_counts_thread_insert AFTER INSERT ON threads
    FOR EACH ROW EXECUTE FUNCTION community_counts_thread();
CREATE TRIGGER community_counts_thread_delete AFTER DELETE ON threads
    FOR EACH ROW EXECUTE FUNCTION community_counts_thread();
CREATE TRIGGER community_counts_thread_move AFTER UPDATE OF community_id ON threads FOR EACH ROW
    WHEN (OLD.community_id IS DISTINCT FROM NEW.community_id)
    EXECUTE FUNCTION community_counts_thread();
