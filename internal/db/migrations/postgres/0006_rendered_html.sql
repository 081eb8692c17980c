-- Markdown is rendered when it is saved, not each time it is read: entries
-- and comments keep their body's HTML (for pages and feeds), its plain text
-- (for the search index) and the markup.Version that rendered them. Rows
-- that an earlier version rendered, or none (0), are rendered again at
-- start-up, in Go (practice.RenderMissing), found through the index on
-- (render_version, id).
ALTER TABLE entries ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entries_render_version ON entries(render_version, id);

ALTER TABLE comments ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_render_version ON comments(render_version, id);

-- An entry's comments are read a page at a time, in order of (created_at, id).
DROP INDEX comments_entry;
CREATE INDEX comments_entry ON comments(entry_id, created_at, id);
