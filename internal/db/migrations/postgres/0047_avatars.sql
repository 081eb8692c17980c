-- Avatars: a person's picture, cropped square and re-encoded at 256 pixels
-- a side when uploaded (so no metadata of the original survives), kept out
-- of the people table so that lists never read its bytes. people.avatar
-- counts the uploads: 0 means initials, and it versions the picture's URL,
-- which browsers may then cache for good.
CREATE TABLE avatars (
    person_id    BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    image        BYTEA NOT NULL,
    content_type TEXT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
ALTER TABLE people ADD COLUMN avatar INTEGER NOT NULL DEFAULT 0;
