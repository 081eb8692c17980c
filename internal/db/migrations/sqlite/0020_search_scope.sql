-- A search candidate's visibility from its own row (internal/search): with
-- its community (already stored), whether it is a draft (an entry, or a
-- comment on one) lets a query check each candidate against the reader's
-- list of communities without reading its entry. The page shown is checked
-- again against the live tables, so a stale flag can hide a hit, never leak one.
ALTER TABLE search_docs ADD COLUMN draft BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE search_docs SET draft = TRUE
WHERE kind = 'entry' AND subject_id IN (SELECT id FROM entries WHERE maturity = 'draft');
UPDATE search_docs SET draft = TRUE
WHERE kind = 'comment' AND subject_id IN (SELECT p.id FROM posts p JOIN entries e ON e.id = p.subject_id
    WHERE p.subject_kind = 'entry' AND e.maturity = 'draft');
