-- Fan-out in batches: an activity waits with fanned_out_at NULL until one
-- job hands a batch of waiting activities to the subscribers and marks them,
-- in one transaction. Activities recorded before this were fanned out by a
-- job each.
ALTER TABLE activities ADD COLUMN fanned_out_at TIMESTAMPTZ;
UPDATE activities SET fanned_out_at = created_at;
CREATE INDEX activities_waiting ON activities(id) WHERE fanned_out_at IS NULL;

-- "Is a job of this kind already waiting?", asked by every write that
-- records an activity (jobs.EnqueueOnce).
CREATE INDEX jobs_waiting ON jobs(kind, run_at) WHERE status = 'queued';
