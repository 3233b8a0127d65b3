-- A version number per co-op register, bumped by every statement that writes memberships (whatever module or
-- path writes them), so that readers can cache what they computed from the register — e.g. a listing's exact
-- count — and know for certain when it went stale, across processes.
ALTER TABLE cooperatives ADD COLUMN register_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION memberships_bump_register_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE cooperatives SET register_version = register_version + 1
     WHERE organisation_id IN (SELECT DISTINCT cooperative_id FROM old_rows);
  ELSE
    UPDATE cooperatives SET register_version = register_version + 1
     WHERE organisation_id IN (SELECT DISTINCT cooperative_id FROM new_rows);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER memberships_register_version_ai AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_bump_register_version();
CREATE TRIGGER memberships_register_version_au AFTER UPDATE ON memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_bump_register_version();
CREATE TRIGGER memberships_register_version_ad AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_bump_register_version();
