-- Ask the experts: the asker of a question invites a few people who know
-- its topics to answer. One row per question and person asked (asked once);
-- a person is asked at most a few times a day across Hearth, and may pause
-- being asked (people.asks_paused).
CREATE TABLE expert_asks (
    thread_id  BIGINT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    person_id  BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    asked_by   BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (thread_id, person_id)
);
CREATE INDEX expert_asks_person ON expert_asks(person_id, created_at);
ALTER TABLE people ADD COLUMN asks_paused BOOLEAN NOT NULL DEFAULT FALSE;
