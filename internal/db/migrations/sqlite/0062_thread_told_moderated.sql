-- A thread's page shows the value stories that tell of it and the
-- moderators' latest actions on it. Looking each up cost a query on every
-- page of every thread, nearly always finding nothing. told says a story's
-- link of kind 'tells' was ever added to the thread; moderated says a
-- moderator's action on it was ever recorded (an activity of one of
-- activity.ModerationVerbs about it). Both are set by trigger, whichever
-- write adds the row, filled from what the database holds when it migrates,
-- and never cleared (a story or log line removed since only costs the
-- lookup, as before).
ALTER TABLE threads ADD COLUMN told INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN moderated INTEGER NOT NULL DEFAULT 0;
UPDATE threads SET told = 1
WHERE EXISTS (SELECT 1 FROM links l WHERE l.kind = 'tells' AND l.to_kind = 'thread' AND l.to_id = threads.id);
UPDATE threads SET moderated = 1
WHERE EXISTS (SELECT 1 FROM activities a WHERE a.subject_kind = 'thread' AND a.subject_id = threads.id
              AND a.verb IN ('thread.pinned', 'thread.unpinned', 'thread.locked', 'thread.unlocked', 'thread.closed',
                             'thread.reopened', 'thread.moved', 'reply.hidden', 'reply.shown'));

CREATE TRIGGER threads_told AFTER INSERT ON links
WHEN NEW.kind = 'tells' AND NEW.to_kind = 'thread'
BEGIN UPDATE threads SET told = 1 WHERE id = NEW.to_id AND told = 0; END;

CREATE TRIGGER threads_moderated AFTER INSERT ON activities
WHEN NEW.subject_kind = 'thread' AND NEW.verb IN ('thread.pinned', 'thread.unpinned', 'thread.locked', 'thread.unlocked',
     'thread.closed', 'thread.reopened', 'thread.moved', 'reply.hidden', 'reply.shown')
BEGIN UPDATE threads SET moderated = 1 WHERE id = NEW.subject_id AND moderated = 0; END;
