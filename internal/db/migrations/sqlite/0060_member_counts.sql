-- A community's active members, shown in its header on every one of its
-- pages, kept by triggers beside its entries and threads (0035) instead of
-- counted per page: counting read each member's row, a quarter of the health
-- page's time in a community of 2,000 members.
ALTER TABLE community_counts ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
UPDATE community_counts SET members = (SELECT COUNT(*) FROM memberships m
    WHERE m.community_id = community_counts.community_id AND m.status = 'active');

CREATE TRIGGER community_counts_member_insert AFTER INSERT ON memberships
WHEN NEW.status = 'active'
BEGIN UPDATE community_counts SET members = members + 1 WHERE community_id = NEW.community_id; END;
CREATE TRIGGER community_counts_member_delete AFTER DELETE ON memberships
WHEN OLD.status = 'active'
BEGIN UPDATE community_counts SET members = members - 1 WHERE community_id = OLD.community_id; END;
CREATE TRIGGER community_counts_member_update AFTER UPDATE OF status, community_id ON memberships
WHEN (OLD.status = 'active') IS NOT (NEW.status = 'active') OR OLD.community_id IS NOT NEW.community_id
BEGIN
    UPDATE community_counts SET members = members - 1 WHERE community_id = OLD.community_id AND OLD.status = 'active';
    UPDATE community_counts SET members = members + 1 WHERE community_id = NEW.community_id AND NEW.status = 'active';
END;
