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
-- counter). Most of these writes are rare; the expertise job's bulk writes
-- add one a statement.
CREATE TABLE expert_changes (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO expert_changes (id, version) VALUES (1, 0);

CREATE FUNCTION expert_changes_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE expert_changes SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER expert_changes_scores AFTER INSERT OR DELETE OR UPDATE OF score, tag, person_id ON expertise_scores
    FOR EACH STATEMENT EXECUTE FUNCTION expert_changes_bump();

CREATE TRIGGER expert_changes_person AFTER UPDATE OF asks_paused, disabled_at ON people FOR EACH ROW
    WHEN (OLD.asks_paused IS DISTINCT FROM NEW.asks_paused OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
    EXECUTE FUNCTION expert_changes_bump();

CREATE TRIGGER expert_changes_membership AFTER INSERT OR DELETE OR UPDATE OF status, community_id, person_id ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION expert_changes_bump();

CREATE TRIGGER expert_changes_author AFTER UPDATE OF author_id ON threads FOR EACH ROW
    WHEN (OLD.author_id IS DISTINCT FROM NEW.author_id)
    EXECUTE FUNCTION expert_changes_bump();

CREATE TRIGGER expert_changes_tags_changed AFTER DELETE OR UPDATE ON thread_tags
    FOR EACH STATEMENT EXECUTE FUNCTION expert_changes_bump();

CREATE FUNCTION expert_changes_tag_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM health_unanswered u JOIN threads t ON t.community_id = u.community_id
            WHERE t.id = NEW.thread_id AND u.thread_id = NEW.thread_id) THEN
        UPDATE expert_changes SET version = version + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER expert_changes_tag_added AFTER INSERT ON thread_tags FOR EACH ROW
    EXECUTE FUNCTION expert_changes_tag_added();
