-- The health page keeps its lists (the waiting questions, the fading
-- regulars, the stale entries, the departments, the connectors) for as long
-- as neither the recount job nor a name they show changes. The job's run
-- time versions the rows; this counter versions the names: a rename (or
-- removal) of a person, question, entry or department adds one, in the same
-- transaction, so the lists read before it commits are never taken for
-- those after it. Renames are rare; other writes to these tables do not
-- touch the counter.
CREATE TABLE name_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO name_changes (id, version) VALUES (1, 0);

CREATE TRIGGER name_changes_person AFTER UPDATE OF handle, name, department_id ON people
WHEN OLD.handle IS NOT NEW.handle OR OLD.name IS NOT NEW.name OR OLD.department_id IS NOT NEW.department_id
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER name_changes_person_delete AFTER DELETE ON people
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER name_changes_thread AFTER UPDATE OF title, community_id ON threads
WHEN OLD.title IS NOT NEW.title OR OLD.community_id IS NOT NEW.community_id
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER name_changes_thread_delete AFTER DELETE ON threads
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER name_changes_entry AFTER UPDATE OF slug, title ON entries
WHEN OLD.slug IS NOT NEW.slug OR OLD.title IS NOT NEW.title
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER name_changes_entry_delete AFTER DELETE ON entries
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER name_changes_department AFTER UPDATE OF name ON departments
WHEN OLD.name IS NOT NEW.name
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER name_changes_department_delete AFTER DELETE ON departments
BEGIN UPDATE name_changes SET version = version + 1 WHERE id = 1; END;

-- health_runs.run: how many times the community was counted, the version of
-- the rows the job stored (its time alone would not do: two counts can
-- share one, and clocks move back).
ALTER TABLE health_runs ADD COLUMN run BIGINT NOT NULL DEFAULT 0;
