-- A counter that every change shown by the community directory bumps (a
-- community, its tags, a membership, a person's department), by trigger, so
-- that each instance knows at the cost of one tiny read whether its snapshot
-- of the directory is still current, whoever made the change and however.
CREATE TABLE directory_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);

CREATE TRIGGER directory_communities_insert AFTER INSERT ON communities BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_communities_update AFTER UPDATE ON communities BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_communities_delete AFTER DELETE ON communities BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_tags_insert AFTER INSERT ON community_tags BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_tags_delete AFTER DELETE ON community_tags BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_insert AFTER INSERT ON memberships BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_update AFTER UPDATE ON memberships BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_memberships_delete AFTER DELETE ON memberships BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER directory_people_department AFTER UPDATE OF department_id ON people BEGIN UPDATE directory_version SET version = version + 1; END;
