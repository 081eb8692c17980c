-- The images wider than the display width (practice.DisplayWidth, 1600) that
-- have no resized copy: those attached before copies were made. Hearth looks
-- for them at every start (practice.ResizeMissingProgress); on this index
-- that reads nothing once they have their copies, where a scan of
-- attachments would read every stored file.
CREATE INDEX attachments_unresized ON attachments (id) WHERE resized IS NULL AND width > 1600;
