-- A date's page read its agenda and notes on every view. texts_version is 0
-- while neither was ever written (no query then), and changes with every
-- write to them and every change of the name of who wrote them last: the
-- texts read once are kept under the version they were read at (see
-- gathering.Texts). A save holds the date's row already.
ALTER TABLE gathering_occurrences ADD COLUMN texts_version BIGINT NOT NULL DEFAULT 0;
UPDATE gathering_occurrences SET texts_version = 1
WHERE EXISTS (SELECT 1 FROM gathering_notes n WHERE n.occurrence_id = gathering_occurrences.id);
CREATE FUNCTION gathering_occurrences_texts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE gathering_occurrences SET texts_version = texts_version + 1 WHERE id = OLD.occurrence_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.occurrence_id <> OLD.occurrence_id) THEN
        UPDATE gathering_occurrences SET texts_version = texts_version + 1 WHERE id = NEW.occurrence_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER gathering_occurrences_texts AFTER INSERT OR UPDATE OR DELETE ON gathering_notes FOR EACH ROW
    EXECUTE FUNCTION gathering_occurrences_texts();
CREATE FUNCTION gathering_occurrences_texts_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE gathering_occurrences SET texts_version = texts_version + 1
    WHERE id IN (SELECT n.occurrence_id FROM gathering_notes n WHERE n.updated_by = NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER gathering_occurrences_texts_author AFTER UPDATE OF name ON people FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION gathering_occurrences_texts_author();
