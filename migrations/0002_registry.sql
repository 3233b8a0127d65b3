-- Registry: the federation tree, cooperatives, people, memberships (libro soci), yearly figures, roll-up aggregates.

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('alliance', 'national', 'regional', 'territorial', 'sectoral', 'cooperative')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  short_name text,
  parent_id uuid REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);
CREATE INDEX organisations_kind_idx ON organisations (kind);

-- Closure of the parent tree (ancestor, descendant, depth), including each node as its own ancestor at depth 0.
-- Maintained by a trigger so every write path (API, import, demo) keeps it right; re-parenting is refused.
CREATE TABLE organisation_closure (
  ancestor_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  descendant_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  depth integer NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX organisation_closure_descendant_idx ON organisation_closure (descendant_id);

CREATE FUNCTION organisations_closure_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_closure (ancestor_id, descendant_id, depth) VALUES (NEW.id, NEW.id, 0);
  IF NEW.parent_id IS NOT NULL THEN
    INSERT INTO organisation_closure (ancestor_id, descendant_id, depth)
      SELECT c.ancestor_id, NEW.id, c.depth + 1 FROM organisation_closure c WHERE c.descendant_id = NEW.parent_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organisations_closure_ai AFTER INSERT ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_closure_insert();

CREATE FUNCTION organisations_no_reparent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
    RAISE EXCEPTION 'organisation parent cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organisations_no_reparent_bu BEFORE UPDATE ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_no_reparent();

-- A cooperative is an organisation (kind 'cooperative') whose parent is its territorial association.
CREATE TABLE cooperatives (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  codice_fiscale text NOT NULL UNIQUE CHECK (codice_fiscale ~ '^[0-9]{11}$'),
  partita_iva text CHECK (partita_iva ~ '^[0-9]{11}$'),
  albo_number text UNIQUE CHECK (albo_number ~ '^A[0-9]{6}$'),
  albo_date date,
  albo_section text CHECK (albo_section IN ('mutualita_prevalente', 'mutualita_non_prevalente')),
  albo_category text,
  legal_model text CHECK (legal_model IN ('spa', 'srl')),
  ateco_code text,
  comune text,
  province text CHECK (province ~ '^[A-Z]{2}$'),
  region text,
  pec text,
  founded_on date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'liquidation', 'struck_off')),
  social_type text CHECK (social_type IN ('A', 'B', 'AB'))
);
CREATE INDEX cooperatives_province_idx ON cooperatives (province);
CREATE INDEX cooperatives_category_idx ON cooperatives (albo_category);

-- Sectoral affiliations: a co-op belongs to any number of sectoral associations.
CREATE TABLE cooperative_sectors (
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  sectoral_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (cooperative_id, sectoral_id)
);
CREATE INDEX cooperative_sectors_sectoral_idx ON cooperative_sectors (sectoral_id);

-- Figures a co-op declares each year.
CREATE TABLE yearly_figures (
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1850 AND 2200),
  members_by_type jsonb NOT NULL DEFAULT '{}'::jsonb,
  employees_women integer NOT NULL DEFAULT 0 CHECK (employees_women >= 0),
  employees_men integer NOT NULL DEFAULT 0 CHECK (employees_men >= 0),
  employees_other integer NOT NULL DEFAULT 0 CHECK (employees_other >= 0),
  production_value_cents bigint NOT NULL DEFAULT 0,
  share_capital_subscribed_cents bigint NOT NULL DEFAULT 0 CHECK (share_capital_subscribed_cents >= 0),
  share_capital_paid_cents bigint NOT NULL DEFAULT 0 CHECK (share_capital_paid_cents >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, year)
);

-- People, natural or legal; one person may be a member of several co-ops.
CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('natural', 'legal')),
  given_name text,
  family_name text,
  legal_name text,
  codice_fiscale text UNIQUE,
  birth_date date,
  gender text CHECK (gender IN ('F', 'M', 'X')),
  email text,
  phone text,
  comune text,
  province text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'natural' OR (given_name IS NOT NULL AND family_name IS NOT NULL)),
  CHECK (kind <> 'legal' OR legal_name IS NOT NULL)
);
CREATE INDEX people_email_idx ON people (lower(email));

-- The libro soci. An exit closes a membership, never deletes it.
CREATE TABLE memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id),
  person_id uuid NOT NULL REFERENCES people (id),
  register_number integer NOT NULL CHECK (register_number > 0),
  member_types text[] NOT NULL CHECK (cardinality(member_types) >= 1),
  applied_on date,
  admitted_on date NOT NULL,
  registered_on date NOT NULL,
  shares_count integer NOT NULL DEFAULT 0 CHECK (shares_count >= 0),
  share_nominal_cents bigint NOT NULL DEFAULT 2500 CHECK (share_nominal_cents >= 2500),
  subscribed_cents bigint NOT NULL DEFAULT 0 CHECK (subscribed_cents >= 0),
  paid_cents bigint NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
  exit_kind text CHECK (exit_kind IN ('recesso', 'esclusione', 'decesso', 'trasferimento')),
  exit_on date,
  exit_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cooperative_id, register_number),
  CHECK ((exit_kind IS NULL) = (exit_on IS NULL)),
  CHECK (paid_cents <= subscribed_cents),
  CHECK (exit_on IS NULL OR exit_on >= admitted_on),
  CHECK (registered_on >= admitted_on)
);
-- At most one open membership per person and co-op (re-admission after an exit is a new row).
CREATE UNIQUE INDEX memberships_open_person_idx ON memberships (cooperative_id, person_id) WHERE exit_on IS NULL;
CREATE INDEX memberships_person_idx ON memberships (person_id);
CREATE INDEX memberships_coop_admitted_idx ON memberships (cooperative_id, admitted_on);

-- Roll-up aggregates: members of each co-op at the end of each year (and today, year = 9999), by member type
-- ('*' = all members, counted once) and gender ('?' when unknown or a legal person). Kept current by the
-- registry service in the same transaction as every register change, so roll-ups never scan the register.
CREATE TABLE coop_member_stats (
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  year integer NOT NULL,
  member_type text NOT NULL,
  gender text NOT NULL,
  members integer NOT NULL,
  PRIMARY KEY (year, cooperative_id, member_type, gender)
);
