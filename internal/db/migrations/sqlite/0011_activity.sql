-- The activity log: who did what to which subject, in which community,
-- recorded in the transaction of the write, with what is needed to show it
-- without reading the subject again. audience 'community' is shown in the
-- community's feeds; 'subject' only to those who may see the subject (a
-- draft's comments), through notifications.
CREATE TABLE activities (
    id           INTEGER PRIMARY KEY,
    actor_id     BIGINT REFERENCES people(id) ON DELETE SET NULL,
    verb         TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   BIGINT NOT NULL,
    community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE,
    audience     TEXT NOT NULL DEFAULT 'community' CHECK (audience IN ('community', 'subject')),
    title        TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    excerpt      TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX activities_community ON activities(community_id, created_at DESC, id DESC);
CREATE INDEX activities_subject ON activities(subject_kind, subject_id);
CREATE INDEX activities_created ON activities(created_at DESC, id DESC);

-- People an activity is addressed to whatever they watch: the mentioned, the
-- stewards asked to approve a request.
CREATE TABLE activity_targets (
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    person_id   BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    PRIMARY KEY (activity_id, person_id)
);

-- What a person watches (a community, an entry, later a thread or gathering)
-- or has muted.
CREATE TABLE subscriptions (
    person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL,
    subject_id   BIGINT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('watching', 'muted')),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, subject_kind, subject_id)
);
CREATE INDEX subscriptions_subject ON subscriptions(subject_kind, subject_id, state);

-- A person's notifications: one per activity they were told of.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    read_at     TIMESTAMP,
    emailed_at  TIMESTAMP,
    UNIQUE (person_id, activity_id)
);
CREATE INDEX notifications_person ON notifications(person_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications(person_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications(person_id, created_at) WHERE emailed_at IS NULL;

-- How a person wants e-mail about their notifications, per community
-- (community_id 0: everything else, their default).
CREATE TABLE notification_prefs (
    person_id    BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL DEFAULT 0,
    email        TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'weekly', 'never')),
    PRIMARY KEY (person_id, community_id)
);

-- Keys the instance signs with (the unsubscribe links of e-mails), made once.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
