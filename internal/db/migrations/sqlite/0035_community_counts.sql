-- The numbers a community's tabs show on every one of its pages (its
-- library's entries past draft, its talk's threads), kept by triggers instead
-- of counted per page: counting read every thread's index row, most of a
-- thread page's time in a talk of 50,000 threads. They live in a table of
-- their own so that keeping them never waits on, or holds, the lock on the
-- community's row.
CREATE TABLE community_counts (
    community_id INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    entries      INTEGER NOT NULL DEFAULT 0,
    threads      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO community_counts (community_id, entries, threads)
SELECT c.id, (SELECT COUNT(*) FROM entries e WHERE e.community_id = c.id AND e.maturity <> 'draft'),
    (SELECT COUNT(*) FROM threads t WHERE t.community_id = c.id)
FROM communities c;

CREATE TRIGGER community_counts_community AFTER INSERT ON communities
BEGIN INSERT INTO community_counts (community_id) VALUES (NEW.id); END;

CREATE TRIGGER community_counts_entry_insert AFTER INSERT ON entries
WHEN NEW.maturity <> 'draft'
BEGIN UPDATE community_counts SET entries = entries + 1 WHERE community_id = NEW.community_id; END;
CREATE TRIGGER community_counts_entry_delete AFTER DELETE ON entries
WHEN OLD.maturity <> 'draft'
BEGIN UPDATE community_counts SET entries = entries - 1 WHERE community_id = OLD.community_id; END;
CREATE TRIGGER community_counts_entry_update AFTER UPDATE OF maturity, community_id ON entries
WHEN (OLD.maturity <> 'draft') IS NOT (NEW.maturity <> 'draft') OR OLD.community_id IS NOT NEW.community_id
BEGIN
    UPDATE community_counts SET entries = entries - 1 WHERE community_id = OLD.community_id AND OLD.maturity <> 'draft';
    UPDATE community_counts SET entries = entries + 1 WHERE community_id = NEW.community_id AND NEW.maturity <> 'draft';
END;

CREATE TRIGGER community_counts_thread_insert AFTER INSERT ON threads
BEGIN UPDATE community_counts SET threads = threads + 1 WHERE community_id = NEW.community_id; END;
CREATE TRIGGER community_counts_thread_delete AFTER DELETE ON threads
BEGIN UPDATE community_counts SET threads = threads - 1 WHERE community_id = OLD.community_id; END;
CREATE TRIGGER community_counts_thread_move AFTER UPDATE OF community_id ON threads
WHEN OLD.community_id IS NOT NEW.community_id
BEGIN
    UPDATE community_counts SET threads = threads - 1 WHERE community_id = OLD.community_id;
    UPDATE community_counts SET threads = threads + 1 WHERE community_id = NEW.community_id;
END;
