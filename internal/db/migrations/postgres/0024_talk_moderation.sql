-- Moderation of conversations: a moderator pins a thread (pinned threads
-- come first in the talk list, a few per community) and closes one as a
-- duplicate of another (the original is a link of kind 'duplicate' from the
-- thread to it; a closed thread takes no new replies until reopened).
ALTER TABLE threads ADD COLUMN pinned_at TIMESTAMPTZ;
ALTER TABLE threads ADD COLUMN pinned_by BIGINT REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE threads ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE threads ADD COLUMN closed_by BIGINT REFERENCES people(id) ON DELETE SET NULL;
CREATE INDEX threads_pinned ON threads(community_id, pinned_at) WHERE pinned_at IS NOT NULL;
