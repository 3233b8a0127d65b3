-- A project outlives its creator's account data: erasure (GDPR art. 17) can clear who created it, while the project
-- stays with the rest of its team.
ALTER TABLE incubator_projects ALTER COLUMN created_by DROP NOT NULL;
