-- Foundation: instance settings, people and accounts, sessions, tokens,
-- departments, communities and memberships, and the mail outbox.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE departments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    handle            TEXT NOT NULL UNIQUE,
    email             TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    password_hash     TEXT NOT NULL,
    is_admin          BOOLEAN NOT NULL DEFAULT FALSE,
    is_demo           BOOLEAN NOT NULL DEFAULT FALSE,
    email_verified_at TIMESTAMP,
    disabled_at       TIMESTAMP,
    department_id     INTEGER REFERENCES departments(id) ON DELETE SET NULL,
    title             TEXT NOT NULL DEFAULT '',
    bio               TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX people_department ON people(department_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    person_id  INTEGER REFERENCES people(id) ON DELETE CASCADE,
    email      TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX tokens_person ON tokens(person_id, purpose);

CREATE TABLE throttle_events (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL,
    attempted_at TIMESTAMP NOT NULL
);
CREATE INDEX throttle_events_key ON throttle_events(key, attempted_at);

CREATE TABLE communities (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    purpose         TEXT NOT NULL DEFAULT '',
    scope           TEXT NOT NULL DEFAULT '',
    key_questions   TEXT NOT NULL DEFAULT '',
    who_should_join TEXT NOT NULL DEFAULT '',
    visibility      TEXT NOT NULL CHECK (visibility IN ('public', 'institution', 'private')),
    join_policy     TEXT NOT NULL CHECK (join_policy IN ('open', 'request', 'invite')),
    stage           TEXT NOT NULL CHECK (stage IN ('potential', 'coalescing', 'maturing', 'stewardship', 'transformation')),
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'archived', 'declined')),
    created_by      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    archived_at     TIMESTAMP
);
CREATE INDEX communities_status ON communities(status, visibility);

CREATE TABLE community_tags (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    PRIMARY KEY (community_id, tag)
);
CREATE INDEX community_tags_tag ON community_tags(tag);

CREATE TABLE memberships (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('steward', 'moderator', 'member')),
    status       TEXT NOT NULL CHECK (status IN ('active', 'pending', 'invited')),
    message      TEXT NOT NULL DEFAULT '',
    invited_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, person_id)
);
CREATE INDEX memberships_person ON memberships(person_id, status);

CREATE TABLE mail_outbox (
    id         INTEGER PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP,
    status     TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'logged')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_try_at TIMESTAMP NOT NULL,
    error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_try_at);
