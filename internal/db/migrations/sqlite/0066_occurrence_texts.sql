-- A date's page read its agenda and notes on every view. texts_version is 0
-- while neither was ever written (no query then), and changes with every
-- write to them and every change of the name of who wrote them last: the
-- texts read once are kept under the version they were read at (see
-- gathering.Texts). A save holds the date's row already.
ALTER TABLE gathering_occurrences ADD COLUMN texts_version INTEGER NOT NULL DEFAULT 0;
UPDATE gathering_occurrences SET texts_version = 1
WHERE EXISTS (SELECT 1 FROM gathering_notes n WHERE n.occurrence_id = gathering_occurrences.id);
CREATE TRIGGER gathering_occurrences_texts_insert AFTER INSERT ON gathering_notes
BEGIN UPDATE gathering_occurrences SET texts_version = texts_version + 1 WHERE id = NEW.occurrence_id; END;
CREATE TRIGGER gathering_occurrences_texts_update AFTER UPDATE ON gathering_notes
BEGIN
    UPDATE gathering_occurrences SET texts_version = texts_version + 1 WHERE id IN (OLD.occurrence_id, NEW.occurrence_id);
END;
CREATE TRIGGER gathering_occurrences_texts_delete AFTER DELETE ON gathering_notes
BEGIN UPDATE gathering_occurrences SET texts_version = texts_version + 1 WHERE id = OLD.occurrence_id; END;
CREATE TRIGGER gathering_occurrences_texts_author AFTER UPDATE OF name ON people
WHEN OLD.name IS NOT NEW.name
BEGIN
    UPDATE gathering_occurrences SET texts_version = texts_version + 1
    WHERE id IN (SELECT n.occurrence_id FROM gathering_notes n WHERE n.updated_by = NEW.id);
END;
