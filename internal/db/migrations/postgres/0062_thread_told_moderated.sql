-- A thread's page shows the value stories that tell of it and the
-- moderators' latest actions on it. Looking each up cost a round trip on
-- every page of every thread, nearly always finding nothing. told says a
-- story's link of kind 'tells' was ever added to the thread; moderated says a
-- moderator's action on it was ever recorded (an activity of one of
-- activity.ModerationVerbs about it). Both are set by trigger, whichever
-- write adds the row, filled from what the database holds when it migrates,
-- and never cleared (a story or log line removed since only costs the
-- lookup, as before). Only the first row updates (and so locks) the
-- thread's row.
ALTER TABLE threads ADD COLUMN told BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE threads ADD COLUMN moderated BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE threads SET told = TRUE
WHERE EXISTS (SELECT 1 FROM links l WHERE l.kind = 'tells' AND l.to_kind = 'thread' AND l.to_id = threads.id);
UPDATE threads SET moderated = TRUE
WHERE EXISTS (SELECT 1 FROM activities a WHERE a.subject_kind = 'thread' AND a.subject_id = threads.id
              AND a.verb IN ('thread.pinned', 'thread.unpinned', 'thread.locked', 'thread.unlocked', 'thread.closed',
                             'thread.reopened', 'thread.moved', 'reply.hidden', 'reply.shown'));

CREATE FUNCTION threads_told() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET told = TRUE WHERE id = NEW.to_id AND NOT told;
    RETURN NULL;
END;
$$;
CREATE TRIGGER threads_told AFTER INSERT ON links FOR EACH ROW
    WHEN (NEW.kind = 'tells' AND NEW.to_kind = 'thread')
    EXECUTE FUNCTION threads_told();

CREATE FUNCTION threads_moderated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE threads SET moderated = TRUE WHERE id = NEW.subject_id AND NOT moderated;
    RETURN NULL;
END;
$$;
CREATE TRIGGER threads_moderated AFTER INSERT ON activities FOR EACH ROW
    WHEN (NEW.subject_kind = 'thread' AND NEW.verb IN ('thread.pinned', 'thread.unpinned', 'thread.locked', 'thread.unlocked',
          'thread.closed', 'thread.reopened', 'thread.moved', 'reply.hidden', 'reply.shown'))
    EXECUTE FUNCTION threads_moderated();
