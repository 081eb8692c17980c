-- A sponsor reads the institution's page (/institution: aggregates only)
-- without administering the instance. An administrator grants and revokes
-- it on the administration's people page.
ALTER TABLE people ADD COLUMN is_sponsor BOOLEAN NOT NULL DEFAULT FALSE;
