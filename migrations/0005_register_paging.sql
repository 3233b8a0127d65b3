-- The register's default view (open memberships by register number) counts and pages over this index alone.
CREATE INDEX memberships_open_register_idx ON memberships (cooperative_id, register_number) WHERE exit_on IS NULL;
