-- An entry page suggests the community's most recent entries on its tags
-- (practice.Related): the index by tag, then entry, is read backwards from a
-- tag and stops after a few. It serves the filters by tag as the index by
-- tag alone did, so that one goes.
CREATE INDEX entry_tags_tag_entry ON entry_tags(tag, entry_id);
DROP INDEX entry_tags_tag;
