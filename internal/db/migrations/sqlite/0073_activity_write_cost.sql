-- The cost of a write (docs/performance.md, issue 7): every write people
-- hear of adds an activity in its transaction, and each b-tree it touches is
-- one more page for the commit to write to the log.
--
-- An activity's targets (the mentioned, the stewards asked) are read only
-- with the activity itself: they are kept in its row, as a JSON array of
-- [person id, reason] pairs ordered by person, rather than in a table of
-- their own (a statement, two b-trees and two foreign-key checks a write).
-- activity_targets stays as a view over them, for reading in SQL.
ALTER TABLE activities ADD COLUMN targets TEXT NOT NULL DEFAULT '[]';
UPDATE activities SET targets = (
    SELECT json_group_array(json_array(t.person_id, t.reason))
    FROM (SELECT person_id, reason FROM activity_targets WHERE activity_id = activities.id ORDER BY person_id) t)
WHERE id IN (SELECT activity_id FROM activity_targets);
DROP TABLE activity_targets;
CREATE VIEW activity_targets AS
SELECT a.id AS activity_id, json_extract(t.value, '$[0]') AS person_id, json_extract(t.value, '$[1]') AS reason
FROM activities a, json_each(a.targets) t;

-- No query reads the log by time alone: every one names its community (or
-- the active ones), which activities_community serves on both engines.
DROP INDEX activities_created;

-- Only a thread's activities are looked up by subject (its moderation log,
-- and its move to another community): the others need no entry.
DROP INDEX activities_subject;
CREATE INDEX activities_thread ON activities(subject_id) WHERE subject_kind = 'thread';
