-- Who knows a topic, precomputed (issue 12): one row per person and topic
-- with the parts of the ranking on /experts: the declared level (0 none,
-- 1 learning, 2 practising, 3 expert) and the visible endorsements, kept
-- in step by the writes that change them; the demonstrated contributions
-- (accepted answers, reviewed or endorsed entries, "this helped me" marks
-- received, gatherings hosted), refreshed by a job; and the score they
-- blend to (people.ScoreSQL). /experts walks the index by topic and score.
CREATE TABLE expertise_scores (
    tag          TEXT NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    level        INTEGER NOT NULL DEFAULT 0,
    endorsements INTEGER NOT NULL DEFAULT 0,
    answers      INTEGER NOT NULL DEFAULT 0,
    entries      INTEGER NOT NULL DEFAULT 0,
    helped       INTEGER NOT NULL DEFAULT 0,
    hosted       INTEGER NOT NULL DEFAULT 0,
    score        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tag, person_id)
);
CREATE INDEX expertise_scores_rank ON expertise_scores(tag, score DESC, person_id);
CREATE INDEX expertise_scores_person ON expertise_scores(person_id);
