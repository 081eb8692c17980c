-- An entry page suggests the community's newest entries on its tags
-- (practice.Related). Read by tag alone, a tag's list held every community's
-- entries, and each was looked up to test its community: with 20
-- communities, some 600 entries read for 30 found, about 3.5 ms of the 4.5 ms
-- of CPU an entry page cost at 1,000,000 entries. Each tag now carries its
-- entry's community (entries never change community), and the walk reads
-- the community's list of the tag only.
ALTER TABLE entry_tags ADD COLUMN community_id INTEGER NOT NULL DEFAULT 0;
UPDATE entry_tags SET community_id = (SELECT e.community_id FROM entries e WHERE e.id = entry_tags.entry_id);
CREATE INDEX entry_tags_community_tag ON entry_tags(community_id, tag, entry_id);
