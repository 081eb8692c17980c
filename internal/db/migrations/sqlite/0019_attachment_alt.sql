-- The description of an image its uploader writes, shown as its alt text
-- (empty: the page falls back to the file name).
ALTER TABLE attachments ADD COLUMN alt TEXT NOT NULL DEFAULT '';
