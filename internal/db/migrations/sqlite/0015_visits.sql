-- When a person last came home, so that their home page can say what is new
-- since then: a visit is a run of home views less than half an hour apart;
-- previous_at is when the visit before the current one began.
CREATE TABLE home_visits (
    person_id   INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    current_at  TIMESTAMP NOT NULL,
    previous_at TIMESTAMP
);
