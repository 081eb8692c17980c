-- A conference's programme is read as pages of its sessions with their
-- speakers (a correlated subquery per session: most of the page's cost).
-- programme_version changes with every write to what the gathering's
-- sessions show, to their speakers, and to the names of its speakers: a
-- page read once is kept, in the process, under the version it was read at
-- (see gathering.Programme), and a change makes a new version, on whichever
-- instance it happened. The counts of places taken and waiting change at
-- every answer and are read afresh with each page, so they do not change
-- the version (nor make answers wait for the gathering's row).
ALTER TABLE gatherings ADD COLUMN programme_version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER gatherings_programme_session_insert AFTER INSERT ON gathering_sessions
BEGIN UPDATE gatherings SET programme_version = programme_version + 1 WHERE id = NEW.gathering_id; END;
CREATE TRIGGER gatherings_programme_session_update AFTER UPDATE OF title, starts_at, ends_at, room, track, description, description_html, render_version, capacity, updated_at, gathering_id ON gathering_sessions
BEGIN
    UPDATE gatherings SET programme_version = programme_version + 1 WHERE id IN (OLD.gathering_id, NEW.gathering_id);
END;
CREATE TRIGGER gatherings_programme_session_delete AFTER DELETE ON gathering_sessions
BEGIN UPDATE gatherings SET programme_version = programme_version + 1 WHERE id = OLD.gathering_id; END;

CREATE TRIGGER gatherings_programme_speaker_insert AFTER INSERT ON gathering_session_speakers
BEGIN
    UPDATE gatherings SET programme_version = programme_version + 1
    WHERE id = (SELECT s.gathering_id FROM gathering_sessions s WHERE s.id = NEW.session_id);
END;
CREATE TRIGGER gatherings_programme_speaker_update AFTER UPDATE ON gathering_session_speakers
BEGIN
    UPDATE gatherings SET programme_version = programme_version + 1
    WHERE id IN (SELECT s.gathering_id FROM gathering_sessions s WHERE s.id IN (OLD.session_id, NEW.session_id));
END;
CREATE TRIGGER gatherings_programme_speaker_delete AFTER DELETE ON gathering_session_speakers
BEGIN
    UPDATE gatherings SET programme_version = programme_version + 1
    WHERE id = (SELECT s.gathering_id FROM gathering_sessions s WHERE s.id = OLD.session_id);
END;

CREATE TRIGGER gatherings_programme_speaker_name AFTER UPDATE OF name, handle ON people
WHEN OLD.name IS NOT NEW.name OR OLD.handle IS NOT NEW.handle
BEGIN
    UPDATE gatherings SET programme_version = programme_version + 1
    WHERE id IN (SELECT s.gathering_id FROM gathering_session_speakers sp JOIN gathering_sessions s ON s.id = sp.session_id
                 WHERE sp.person_id = NEW.id);
END;
