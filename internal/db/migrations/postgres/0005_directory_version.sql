-- A counter that every change shown by the community directory bumps (a
-- community, its tags, a membership, a person's department), by trigger, so
-- that each instance knows at the cost of one tiny read whether its snapshot
-- of the directory is still current, whoever made the change and however.
CREATE TABLE directory_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);

CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER directory_communities AFTER INSERT OR UPDATE OR DELETE ON communities
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_tags AFTER INSERT OR UPDATE OR DELETE ON community_tags
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_memberships AFTER INSERT OR UPDATE OR DELETE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
CREATE TRIGGER directory_people_department AFTER UPDATE OF department_id ON people
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();
