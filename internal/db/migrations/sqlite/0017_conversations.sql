-- Conversations: threads (discussions and questions) in a community. Their
-- replies and answers are posts of subject ('thread', id). A thread keeps
-- counts and the time of its last activity so the talk list is one indexed
-- query whatever the number of posts.
CREATE TABLE threads (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('discussion', 'question')),
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    body_html        TEXT NOT NULL DEFAULT '',
    body_text        TEXT NOT NULL DEFAULT '',
    render_version   INTEGER NOT NULL DEFAULT 0,
    author_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    last_activity_at TIMESTAMP NOT NULL,
    replies          INTEGER NOT NULL DEFAULT 0,
    answers          INTEGER NOT NULL DEFAULT 0,
    votes            INTEGER NOT NULL DEFAULT 0, -- the votes on its answers
    accepted_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    locked_at        TIMESTAMP,
    locked_by        INTEGER REFERENCES people(id) ON DELETE SET NULL
);
-- The talk list's three orders, keyset by (value, id).
CREATE INDEX threads_activity ON threads(community_id, last_activity_at, id);
CREATE INDEX threads_age ON threads(community_id, created_at, id);
CREATE INDEX threads_votes ON threads(community_id, votes, id);
CREATE INDEX threads_author ON threads(author_id);

CREATE TABLE thread_tags (
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (thread_id, tag)
);
CREATE INDEX thread_tags_tag ON thread_tags(tag);

-- One vote per person per post: the primary key decides under concurrent
-- requests; posts.score is kept equal to the count of its rows.
CREATE TABLE post_votes (
    post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX post_votes_person ON post_votes(person_id);

-- One accepted answer per subject, whatever requests race.
CREATE UNIQUE INDEX posts_one_accepted ON posts(subject_kind, subject_id) WHERE accepted_at IS NOT NULL;
