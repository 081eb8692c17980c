-- A conference's programme is read as pages of its sessions with their
-- speakers (a correlated subquery per session: most of the page's cost).
-- programme_version changes with every write to what the gathering's
-- sessions show, to their speakers, and to the names of its speakers: a
-- page read once is kept, in the process, under the version it was read at
-- (see gathering.Programme), and a change makes a new version, on whichever
-- instance it happened. The counts of places taken and waiting change at
-- every answer and are read afresh with each page, so they do not change
-- the version (nor make answers wait for the gathering's row).
ALTER TABLE gatherings ADD COLUMN programme_version BIGINT NOT NULL DEFAULT 1;

CREATE FUNCTION gatherings_programme_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE gatherings SET programme_version = programme_version + 1 WHERE id = OLD.gathering_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.gathering_id <> OLD.gathering_id) THEN
        UPDATE gatherings SET programme_version = programme_version + 1 WHERE id = NEW.gathering_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER gatherings_programme_session AFTER INSERT OR DELETE OR UPDATE OF title, starts_at, ends_at, room, track, description, description_html, render_version, capacity, updated_at, gathering_id ON gathering_sessions FOR EACH ROW
    EXECUTE FUNCTION gatherings_programme_session();

CREATE FUNCTION gatherings_programme_speaker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE gatherings SET programme_version = programme_version + 1
        WHERE id = (SELECT s.gathering_id FROM gathering_sessions s WHERE s.id = OLD.session_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.session_id <> OLD.session_id) THEN
        UPDATE gatherings SET programme_version = programme_version + 1
        WHERE id = (SELECT s.gathering_id FROM gathering_sessions s WHERE s.id = NEW.session_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER gatherings_programme_speaker AFTER INSERT OR UPDATE OR DELETE ON gathering_session_speakers FOR EACH ROW
    EXECUTE FUNCTION gatherings_programme_speaker();

CREATE FUNCTION gatherings_programme_speaker_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE gatherings SET programme_version = programme_version + 1
    WHERE id IN (SELECT s.gathering_id FROM gathering_session_speakers sp JOIN gathering_sessions s ON s.id = sp.session_id
                 WHERE sp.person_id = NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER gatherings_programme_speaker_name AFTER UPDATE OF name, handle ON people FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.handle IS DISTINCT FROM NEW.handle)
    EXECUTE FUNCTION gatherings_programme_speaker_name();
