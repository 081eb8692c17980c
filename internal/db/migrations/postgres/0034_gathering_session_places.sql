-- Each attendee's own schedule (issue 11, point 7): a place in a session,
-- or a place in its waitlist past the session's capacity, queued by
-- added_at (then person) and promoted in order when a place frees.
CREATE TABLE gathering_session_places (
    session_id BIGINT NOT NULL REFERENCES gathering_sessions(id) ON DELETE CASCADE,
    person_id  BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    state      TEXT NOT NULL CHECK (state IN ('going', 'waitlist')),
    added_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX gathering_session_places_queue ON gathering_session_places(session_id, state, added_at, person_id);
CREATE INDEX gathering_session_places_person ON gathering_session_places(person_id, session_id);
