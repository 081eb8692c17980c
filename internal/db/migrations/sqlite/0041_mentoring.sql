-- Mentoring (issue 12): in a community, a member offers to mentor in some
-- topics (the institution's tags) at a level, for a few mentees at once;
-- a member asks for a mentor (topics and what they want to learn); the
-- asker (or a steward) proposes a mentorship to a suggested mentor, who
-- accepts or declines. A mentorship has goals, dated check-ins and an end
-- with a reflection by each of the pair. Only the pair and the community's
-- stewards see a mentorship (people.Service).
CREATE TABLE mentor_offers (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    level        TEXT NOT NULL CHECK (level IN ('practising', 'expert')),
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 5),
    note         TEXT NOT NULL DEFAULT '',
    paused       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, person_id)
);

CREATE TABLE mentor_offer_topics (
    community_id INTEGER NOT NULL,
    person_id    INTEGER NOT NULL,
    tag          TEXT NOT NULL,
    PRIMARY KEY (community_id, person_id, tag),
    FOREIGN KEY (community_id, person_id) REFERENCES mentor_offers(community_id, person_id) ON DELETE CASCADE
);
CREATE INDEX mentor_offer_topics_tag ON mentor_offer_topics(community_id, tag, person_id);

CREATE TABLE mentor_requests (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    topics       TEXT NOT NULL,
    goal         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'withdrawn')),
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX mentor_requests_person ON mentor_requests(community_id, person_id, status);

CREATE TABLE mentorships (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    mentor_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentee_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    request_id        INTEGER REFERENCES mentor_requests(id) ON DELETE SET NULL,
    proposed_by       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    topics            TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'declined', 'cancelled', 'ended')),
    goals             TEXT NOT NULL DEFAULT '',
    mentor_reflection TEXT NOT NULL DEFAULT '',
    mentee_reflection TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    started_at        TIMESTAMP,
    ended_at          TIMESTAMP,
    CHECK (mentor_id <> mentee_id)
);
CREATE INDEX mentorships_community ON mentorships(community_id, id);
CREATE INDEX mentorships_mentor ON mentorships(mentor_id, status);
CREATE INDEX mentorships_mentee ON mentorships(mentee_id, status);
CREATE INDEX mentorships_request ON mentorships(request_id);

CREATE TABLE mentorship_checkins (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships(id) ON DELETE CASCADE,
    author_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    met_on        TIMESTAMP NOT NULL,
    note          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX mentorship_checkins_mentorship ON mentorship_checkins(mentorship_id, met_on);
