-- An entry page suggests the community's most recent threads on its tags
-- (conversation.OnTags): the index by tag, then thread, is read backwards
-- from a tag and stops after a few. It serves the talk list's filter by tag
-- as the index by tag alone did, so that one goes.
CREATE INDEX thread_tags_tag_thread ON thread_tags(tag, thread_id);
DROP INDEX thread_tags_tag;
