-- An entry page shows the community's threads on its tags
-- (conversation.OnTags). As for entries (0077), a tag's list of threads held
-- every community's, and each was looked up to test its community: an entry
-- in a community with no thread on its tags read the whole list. Each tag
-- now carries its thread's community, moved with the thread.
ALTER TABLE thread_tags ADD COLUMN community_id BIGINT NOT NULL DEFAULT 0;
UPDATE thread_tags SET community_id = (SELECT t.community_id FROM threads t WHERE t.id = thread_tags.thread_id);
CREATE INDEX thread_tags_community_tag ON thread_tags(community_id, tag, thread_id);
