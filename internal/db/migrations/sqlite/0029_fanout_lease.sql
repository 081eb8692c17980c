-- Fan-out under a lease: a worker claims a batch of waiting activities in a
-- short transaction (fanout_lease_until), reads and renders outside any
-- write transaction, and writes what the batch leaves and marks it fanned
-- out in a second short one. A claim whose worker died expires.
ALTER TABLE activities ADD COLUMN fanout_lease_until TIMESTAMP;
