-- Gatherings (issue 11, the core): one-off and recurring events of a
-- community. A gathering holds what its occurrences share (a series from an
-- RFC 5545 rule, expanded in its own time zone when saved, bounded); each
-- occurrence is a row, so upcoming lists are one indexed walk, RSVPs lock
-- one row, and a changed or cancelled occurrence keeps its own values.

-- Each person's time zone (IANA name; '' is the instance's).
ALTER TABLE people ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
-- Who schedules a community's gatherings: its stewards, or every member.
ALTER TABLE communities ADD COLUMN gathering_schedulers TEXT NOT NULL DEFAULT 'stewards'
    CHECK (gathering_schedulers IN ('stewards', 'members'));

CREATE TABLE gatherings (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    description_text TEXT NOT NULL DEFAULT '',
    render_version   INTEGER NOT NULL DEFAULT 0,
    time_zone        TEXT NOT NULL,
    starts_at        TIMESTAMP NOT NULL,       -- the first occurrence, in UTC
    minutes          INTEGER NOT NULL CHECK (minutes > 0),
    rrule            TEXT NOT NULL DEFAULT '', -- RRULE value without DTSTART; '' for a one-off
    online_url       TEXT NOT NULL DEFAULT '',
    place            TEXT NOT NULL DEFAULT '',
    capacity         INTEGER CHECK (capacity IS NULL OR capacity > 0),
    split_from       INTEGER REFERENCES gatherings(id) ON DELETE SET NULL, -- "this and following" made it
    created_by       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    sequence         INTEGER NOT NULL DEFAULT 0, -- iCalendar SEQUENCE: bumped by each change
    cancelled_at     TIMESTAMP
);
CREATE INDEX gatherings_community ON gatherings(community_id, id);

CREATE TABLE gathering_hosts (
    gathering_id INTEGER NOT NULL REFERENCES gatherings(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (gathering_id, person_id)
);
CREATE INDEX gathering_hosts_person ON gathering_hosts(person_id);

CREATE TABLE gathering_occurrences (
    id             INTEGER PRIMARY KEY,
    gathering_id   INTEGER NOT NULL REFERENCES gatherings(id) ON DELETE CASCADE,
    community_id   INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    original_start TIMESTAMP NOT NULL, -- where the rule puts it (iCalendar RECURRENCE-ID)
    starts_at      TIMESTAMP NOT NULL,
    ends_at        TIMESTAMP NOT NULL,
    title          TEXT,               -- NULL: the gathering's (an override otherwise)
    online_url     TEXT,
    place          TEXT,
    changed_at     TIMESTAMP,          -- changed on its own ("this occurrence")
    cancelled_at   TIMESTAMP,
    going          INTEGER NOT NULL DEFAULT 0 CHECK (going >= 0),
    waiting        INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0),
    CHECK (ends_at > starts_at),
    UNIQUE (gathering_id, original_start)
);
-- Upcoming and past lists: keyset by (starts_at, id) within a community.
CREATE INDEX gathering_occurrences_community ON gathering_occurrences(community_id, starts_at, id);
CREATE INDEX gathering_occurrences_gathering ON gathering_occurrences(gathering_id, starts_at);

-- One answer per person per occurrence. "waitlist" is a going answer past
-- the capacity, queued by answered_at (then person) and promoted in order.
CREATE TABLE gathering_rsvps (
    occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences(id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    answer        TEXT NOT NULL CHECK (answer IN ('going', 'waitlist', 'maybe', 'no')),
    answered_at   TIMESTAMP NOT NULL,
    attended      BOOLEAN, -- recorded by a host afterwards; NULL: not recorded
    PRIMARY KEY (occurrence_id, person_id)
);
CREATE INDEX gathering_rsvps_answer ON gathering_rsvps(occurrence_id, answer, answered_at, person_id);
CREATE INDEX gathering_rsvps_person ON gathering_rsvps(person_id);
