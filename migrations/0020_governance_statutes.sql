-- Governance: a co-op's statute parameters (versioned, never edited in place), its officers (who may not hold
-- proxies) and its sections (for sectional assemblies, art. 2540 c.c.).

CREATE TABLE governance_statutes (
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  params jsonb NOT NULL,
  note text CHECK (length(note) <= 2000),
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, version)
);

-- A statute version is a record of what was in force: it never changes (a change is a new version).
CREATE FUNCTION governance_statutes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.created_by IS NULL AND OLD.created_by IS NOT NULL
     AND NEW.params = OLD.params AND NEW.version = OLD.version THEN
    RETURN NEW; -- the account that wrote it was deleted (ON DELETE SET NULL)
  END IF;
  RAISE EXCEPTION 'a statute version cannot be changed' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER governance_statutes_bu BEFORE UPDATE ON governance_statutes
  FOR EACH ROW EXECUTE FUNCTION governance_statutes_immutable();

-- Directors, auditors and employees of the co-op: never proxy holders (art. 2372 c. 5, art. 2539 c.c.).
CREATE TABLE governance_officers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES people (id),
  role text NOT NULL CHECK (role IN ('director', 'auditor', 'employee')),
  since date NOT NULL,
  until date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (until IS NULL OR until >= since)
);
CREATE UNIQUE INDEX governance_officers_current_idx ON governance_officers (cooperative_id, person_id, role) WHERE until IS NULL;
CREATE INDEX governance_officers_person_idx ON governance_officers (person_id);

CREATE TABLE governance_sections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cooperative_id, name),
  UNIQUE (cooperative_id, id)
);

-- Each member belongs to at most one section of the co-op.
CREATE TABLE governance_section_members (
  cooperative_id uuid NOT NULL,
  person_id uuid NOT NULL REFERENCES people (id),
  section_id uuid NOT NULL,
  PRIMARY KEY (cooperative_id, person_id),
  FOREIGN KEY (cooperative_id, section_id) REFERENCES governance_sections (cooperative_id, id) ON DELETE CASCADE
);
CREATE INDEX governance_section_members_section_idx ON governance_section_members (section_id);
