-- People and expertise (issue 12): a profile says how to address a person,
-- which languages they speak and what interests them; each person declares
-- topics (the institution's tags, as entries and communities use them) with
-- a self-rated level; others endorse a person's expertise in a topic, once
-- per pair and topic, and the endorsed person may hide an endorsement.
ALTER TABLE people ADD COLUMN pronouns TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN languages TEXT NOT NULL DEFAULT '';

CREATE TABLE person_interests (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    interest  TEXT NOT NULL,
    PRIMARY KEY (person_id, interest)
);
CREATE INDEX person_interests_interest ON person_interests(interest, person_id);

CREATE TABLE person_expertise (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    level     TEXT NOT NULL CHECK (level IN ('learning', 'practising', 'expert')),
    PRIMARY KEY (person_id, tag)
);
CREATE INDEX person_expertise_tag ON person_expertise(tag, level, person_id);

CREATE TABLE endorsements (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    endorser_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    note        TEXT NOT NULL DEFAULT '',
    hidden_at   TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (person_id, tag, endorser_id),
    CHECK (person_id <> endorser_id)
);
CREATE INDEX endorsements_endorser ON endorsements(endorser_id);
CREATE INDEX endorsements_tag ON endorsements(tag, person_id);
