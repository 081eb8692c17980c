-- A resized copy of each image wider than an entry page shows (made once,
-- when it is attached), which pages show in place of the original: its
-- bytes (NULL when there is none), type and size.
ALTER TABLE attachments ADD COLUMN resized BYTEA;
ALTER TABLE attachments ADD COLUMN resized_type TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN resized_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attachments ADD COLUMN resized_height INTEGER NOT NULL DEFAULT 0;
