-- The cost of a write (docs/performance.md, issue 7): every write people
-- hear of adds an activity in its transaction, and each index it touches is
-- one more page to write.
--
-- An activity's targets (the mentioned, the stewards asked) are read only
-- with the activity itself: they are kept in its row, as a JSON array of
-- [person id, reason] pairs ordered by person, rather than in a table of
-- their own (a statement, two more pages and two foreign-key checks a
-- write). activity_targets stays as a view over them, for reading in SQL.
ALTER TABLE activities ADD COLUMN targets TEXT NOT NULL DEFAULT '[]';
UPDATE activities a SET targets = t.list
FROM (SELECT activity_id, json_agg(json_build_array(person_id, reason) ORDER BY person_id)::text AS list
      FROM activity_targets GROUP BY activity_id) t
WHERE t.activity_id = a.id;
DROP TABLE activity_targets;
CREATE VIEW activity_targets AS
SELECT a.id AS activity_id, (t.value->>0)::bigint AS person_id, t.value->>1 AS reason
FROM activities a CROSS JOIN LATERAL jsonb_array_elements(a.targets::jsonb) t;

-- No query reads the log by time alone: every one names its community (or
-- the active ones), which activities_community serves on both engines.
DROP INDEX activities_created;

-- Only a thread's activities are looked up by subject (its moderation log,
-- and its move to another community): the others need no entry.
DROP INDEX activities_subject;
CREATE INDEX activities_thread ON activities(subject_id) WHERE subject_kind = 'thread';
