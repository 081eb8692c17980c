-- A community's active members, shown in its header on every one of its
-- pages, kept by triggers beside its entries and threads (0035) instead of
-- counted per page: counting read each member's row, a quarter of the health
-- page's time in a community of 2,000 members. A join holds the lock on its
-- community's counts until it commits; a move changes two communities'
-- counts, the lower id first (as 0035), so that two moves cannot deadlock.
ALTER TABLE community_counts ADD COLUMN members BIGINT NOT NULL DEFAULT 0;
UPDATE community_counts SET members = (SELECT COUNT(*) FROM memberships m
    WHERE m.community_id = community_counts.community_id AND m.status = 'active');

CREATE FUNCTION community_counts_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was BIGINT := 0;
    counts BIGINT := 0;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'active' THEN was := 1; END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'active' THEN counts := 1; END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE community_counts SET members = members + counts WHERE community_id = NEW.community_id;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE community_counts SET members = members - was WHERE community_id = OLD.community_id;
    ELSIF OLD.community_id = NEW.community_id THEN
        UPDATE community_counts SET members = members + counts - was WHERE community_id = NEW.community_id;
    ELSIF OLD.community_id < NEW.community_id THEN
        UPDATE community_counts SET members = members - was WHERE community_id = OLD.community_id;
        UPDATE community_counts SET members = members + counts WHERE community_id = NEW.community_id;
    ELSE
        UPDATE community_counts SET members = members + counts WHERE community_id = NEW.community_id;
        UPDATE community_counts SET members = members - was WHERE community_id = OLD.community_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER community_counts_member_insert AFTER INSERT ON memberships FOR EACH ROW
    WHEN (NEW.status = 'active')
    EXECUTE FUNCTION community_counts_member();
CREATE TRIGGER community_counts_member_delete AFTER DELETE ON memberships FOR EACH ROW
    WHEN (OLD.status = 'active')
    EXECUTE FUNCTION community_counts_member();
CREATE TRIGGER community_counts_member_update AFTER UPDATE OF status, community_id ON memberships FOR EACH ROW
    WHEN ((OLD.status = 'active') IS DISTINCT FROM (NEW.status = 'active') OR OLD.community_id IS DISTINCT FROM NEW.community_id)
    EXECUTE FUNCTION community_counts_member();
