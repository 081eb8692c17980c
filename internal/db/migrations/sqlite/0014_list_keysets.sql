-- Lists are read a page at a time by keyset, each walking an index in the
-- list's order from its cursor: a community's library by last update.
CREATE INDEX entries_community_updated ON entries(community_id, updated_at, id);
-- People (the people list, the administrators' list) by name.
CREATE INDEX people_name ON people(lower(name), id);
