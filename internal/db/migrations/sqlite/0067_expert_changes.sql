-- The health page's waiting questions show who might answer each
-- (people.ExpertsForQuestions: their scores on the question's tags, less the
-- asker, the disabled, those who paused asks and, in a private community,
-- those not members). They were read on every request; they are now kept
-- in the process under this counter with name_changes (the names they
-- show) and the health run (which questions wait). A trigger adds one, in
-- the writer's transaction, on every write they depend on: a score, a
-- pause, a disabled account, a membership, a thread's author, a tag added to
-- a question that waits (the app writes tags only when a thread starts, and
-- a new thread waits for nobody yet, so starting one does not touch the
-- counter).
CREATE TABLE expert_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO expert_changes (id, version) VALUES (1, 0);

CREATE TRIGGER expert_changes_scores_insert AFTER INSERT ON expertise_scores
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER expert_changes_scores_delete AFTER DELETE ON expertise_scores
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER expert_changes_scores_update AFTER UPDATE OF score, tag, person_id ON expertise_scores
WHEN OLD.score IS NOT NEW.score OR OLD.tag IS NOT NEW.tag OR OLD.person_id IS NOT NEW.person_id
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER expert_changes_person AFTER UPDATE OF asks_paused, disabled_at ON people
WHEN OLD.asks_paused IS NOT NEW.asks_paused OR OLD.disabled_at IS NOT NEW.disabled_at
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER expert_changes_membership_insert AFTER INSERT ON memberships
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER expert_changes_membership_delete AFTER DELETE ON memberships
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER expert_changes_membership_update AFTER UPDATE OF status, community_id, person_id ON memberships
WHEN OLD.status IS NOT NEW.status OR OLD.community_id IS NOT NEW.community_id OR OLD.person_id IS NOT NEW.person_id
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER expert_changes_author AFTER UPDATE OF author_id ON threads
WHEN OLD.author_id IS NOT NEW.author_id
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER expert_changes_tags_delete AFTER DELETE ON thread_tags
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER expert_changes_tags_update AFTER UPDATE ON thread_tags
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER expert_changes_tag_added AFTER INSERT ON thread_tags
WHEN EXISTS (SELECT 1 FROM health_unanswered u JOIN threads t ON t.community_id = u.community_id
    WHERE t.id = NEW.thread_id AND u.thread_id = NEW.thread_id)
BEGIN UPDATE expert_changes SET version = version + 1 WHERE id = 1; END;
