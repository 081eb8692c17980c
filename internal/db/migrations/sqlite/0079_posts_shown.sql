-- A card of an entry (a library page, a search hit) shows how many of its
-- comments readers see: neither removed nor hidden. Counted on
-- posts_subject, each comment's wide row (its text three times: source,
-- HTML and plain) was read to test those two columns: 0.6 ms for a page of
-- 20 entries at 100,000 entries, against 0.16 ms on this index, which holds
-- only the comments shown, so the count reads nothing else (the two columns,
-- always null here, are in it so that both engines see it covers the count).
CREATE INDEX posts_shown ON posts(subject_kind, subject_id, deleted_at, hidden_at) WHERE deleted_at IS NULL AND hidden_at IS NULL;
