-- Governance: assemblies, their agenda and documents, the electoral roll, convocation notices (in the app and an
-- e-mail outbox), proxies, attendance, sectional delegates and the minutes. What a closed assembly recorded can no
-- longer change: triggers refuse it, whatever code path tries.

CREATE TABLE assemblies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id),
  -- A sectional meeting (assemblea separata) belongs to a general assembly and to one section.
  parent_id uuid REFERENCES assemblies (id),
  section_id uuid REFERENCES governance_sections (id),
  delegates_to_elect integer CHECK (delegates_to_elect BETWEEN 1 AND 1000),
  -- A general assembly of delegates elected by the sectional meetings (art. 2540 c.c.).
  sectional boolean NOT NULL DEFAULT false,
  kind text NOT NULL CHECK (kind IN ('ordinary', 'extraordinary')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text CHECK (length(description) <= 20000),
  mode text NOT NULL CHECK (mode IN ('in_person', 'hybrid', 'remote')),
  place text CHECK (length(place) <= 500),
  online_url text CHECK (length(online_url) <= 500),
  first_call_at timestamptz NOT NULL,
  second_call_at timestamptz,
  record_date date,
  notice_method text NOT NULL DEFAULT 'standard' CHECK (notice_method IN ('standard', 'with_receipt')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'convened', 'in_session', 'closed', 'cancelled')),
  convened_at timestamptz,
  -- The statute in force at convocation: later changes of the co-op's statute never affect this assembly.
  statute_version integer,
  statute jsonb,
  roll_computed_at timestamptz,
  roll_members integer NOT NULL DEFAULT 0,
  roll_voters integer NOT NULL DEFAULT 0,
  roll_votes integer NOT NULL DEFAULT 0,
  roll_financing_votes integer NOT NULL DEFAULT 0,
  call text CHECK (call IN ('first', 'second')),
  opened_at timestamptz,
  opening_quorum jsonb,
  closed_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (second_call_at IS NULL OR second_call_at > first_call_at),
  CHECK ((parent_id IS NULL) = (section_id IS NULL)),
  CHECK (status IN ('draft', 'cancelled') OR (statute IS NOT NULL AND convened_at IS NOT NULL AND record_date IS NOT NULL))
);
CREATE INDEX assemblies_coop_idx ON assemblies (cooperative_id, first_call_at DESC);
CREATE INDEX assemblies_parent_idx ON assemblies (parent_id);

-- Refuses any change to a closed or cancelled assembly (and any step back in its status).
CREATE FUNCTION governance_assemblies_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'only a draft assembly can be deleted' USING ERRCODE = 'check_violation'; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('closed', 'cancelled') THEN
    RAISE EXCEPTION 'assembly % is %: it can no longer change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status IN ('convened', 'cancelled'))
    OR (OLD.status = 'convened' AND NEW.status IN ('in_session', 'cancelled'))
    OR (OLD.status = 'in_session' AND NEW.status = 'closed')) THEN
    RAISE EXCEPTION 'assembly status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'draft' AND (NEW.statute IS DISTINCT FROM OLD.statute OR NEW.statute_version IS DISTINCT FROM OLD.statute_version
       OR NEW.kind <> OLD.kind OR NEW.first_call_at <> OLD.first_call_at OR NEW.second_call_at IS DISTINCT FROM OLD.second_call_at
       OR NEW.record_date IS DISTINCT FROM OLD.record_date) THEN
    RAISE EXCEPTION 'a convened assembly keeps its statute, kind, calls and record date' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assemblies_guard BEFORE UPDATE OR DELETE ON assemblies FOR EACH ROW EXECUTE FUNCTION governance_assemblies_guard();

-- Raises unless the assembly is in one of the given statuses (used by the guards of the tables below).
CREATE FUNCTION governance_assert_assembly_status(assembly uuid, allowed text[], what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  SELECT status INTO s FROM assemblies WHERE id = assembly;
  IF s IS NULL OR NOT (s = ANY (allowed)) THEN
    RAISE EXCEPTION '% cannot change while the assembly is %', what, coalesce(s, 'missing') USING ERRCODE = 'check_violation';
  END IF;
END $$;

CREATE TABLE assembly_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('resolution', 'election', 'information')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text CHECK (length(description) <= 20000),
  -- The proposed resolution (for a resolution item); amendments the proposer accepts replace it.
  motion text CHECK (length(motion) <= 20000),
  motion_version integer NOT NULL DEFAULT 1,
  -- The item of the general assembly that a sectional meeting's item mirrors.
  source_item_id uuid REFERENCES assembly_items (id),
  proposer_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assembly_id, position)
);

-- The agenda is set at convocation: items are added or removed only in a draft; the motion text may still change by
-- accepted amendments until the assembly closes.
CREATE FUNCTION governance_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM governance_assert_assembly_status(NEW.assembly_id, ARRAY['draft'], 'the agenda');
    RETURN NEW;
  ELSIF TG_OP = 'DELETE' THEN
    -- A draft's items go with it; the cascade from deleting a draft assembly finds no assembly row any more.
    IF EXISTS (SELECT 1 FROM assemblies WHERE id = OLD.assembly_id) THEN
      PERFORM governance_assert_assembly_status(OLD.assembly_id, ARRAY['draft'], 'the agenda');
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.kind <> OLD.kind OR NEW.position <> OLD.position OR NEW.title <> OLD.title OR NEW.description IS DISTINCT FROM OLD.description THEN
    PERFORM governance_assert_assembly_status(NEW.assembly_id, ARRAY['draft'], 'the agenda');
  ELSE
    PERFORM governance_assert_assembly_status(NEW.assembly_id, ARRAY['draft', 'convened', 'in_session'], 'the motion');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assembly_items_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_items FOR EACH ROW EXECUTE FUNCTION governance_items_guard();

CREATE TABLE assembly_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES assembly_items (id) ON DELETE CASCADE,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assembly_documents_item_idx ON assembly_documents (item_id);

-- The electoral roll: every member at the record date, with their votes or the reason they may not vote.
-- No foreign key to assemblies here or on governance_notices: a roll has millions of rows, and checking the key row
-- by row doubled the time to take it (an assembly is deleted only as a draft, which has no roll and no notices).
CREATE TABLE assembly_roll (
  assembly_id uuid NOT NULL,
  person_id uuid NOT NULL,
  register_number integer,
  weight smallint NOT NULL CHECK (weight >= 0),
  financing boolean NOT NULL DEFAULT false,
  eligible boolean NOT NULL,
  reason text CHECK (reason IN ('seniority', 'unpaid')),
  days_in_register integer,
  -- For a general assembly of delegates: the section the delegate carries the votes of.
  delegate_section_id uuid,
  PRIMARY KEY (assembly_id, person_id),
  CHECK (eligible = (reason IS NULL))
);

-- The roll changes only until the assembly opens (checked once per statement: rolls have millions of rows).
CREATE FUNCTION governance_roll_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT a.status INTO bad FROM (SELECT DISTINCT assembly_id FROM old_rows) r JOIN assemblies a ON a.id = r.assembly_id
     WHERE a.status NOT IN ('draft', 'convened') LIMIT 1;
  ELSE
    SELECT a.status INTO bad FROM (SELECT DISTINCT assembly_id FROM new_rows) r JOIN assemblies a ON a.id = r.assembly_id
     WHERE a.status NOT IN ('draft', 'convened') LIMIT 1;
  END IF;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'the electoral roll cannot change while the assembly is %', bad USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER assembly_roll_guard_ins AFTER INSERT ON assembly_roll REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION governance_roll_guard();
CREATE TRIGGER assembly_roll_guard_upd AFTER UPDATE ON assembly_roll REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION governance_roll_guard();
CREATE TRIGGER assembly_roll_guard_del AFTER DELETE ON assembly_roll REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION governance_roll_guard();

-- Convocation notices in the app, one per member on the roll, with receipt tracking.
CREATE TABLE governance_notices (
  assembly_id uuid NOT NULL,
  person_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  opened_at timestamptz,
  acknowledged_at timestamptz,
  PRIMARY KEY (assembly_id, person_id)
);
CREATE INDEX governance_notices_person_idx ON governance_notices (person_id);

-- E-mails waiting for a mailer (the identity module's SMTP sender drains it; until then an administrator reads it).
CREATE TABLE governance_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  assembly_id uuid REFERENCES assemblies (id) ON DELETE CASCADE,
  person_id uuid,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  -- SHA-256 of the token in the e-mail's receipt link; opening the link records the receipt.
  receipt_token_hash text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  opened_at timestamptz
);
CREATE INDEX governance_outbox_coop_idx ON governance_outbox (cooperative_id, created_at DESC);
CREATE INDEX governance_outbox_unsent_idx ON governance_outbox (created_at) WHERE sent_at IS NULL;

CREATE TABLE assembly_proxies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  grantor_person_id uuid NOT NULL,
  holder_person_id uuid NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  revoked_at timestamptz,
  CHECK (grantor_person_id <> holder_person_id),
  CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
);
CREATE UNIQUE INDEX assembly_proxies_active_grantor_idx ON assembly_proxies (assembly_id, grantor_person_id) WHERE revoked_at IS NULL;
CREATE INDEX assembly_proxies_holder_idx ON assembly_proxies (assembly_id, holder_person_id) WHERE revoked_at IS NULL;

CREATE FUNCTION governance_live_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM governance_assert_assembly_status(CASE WHEN TG_OP = 'DELETE' THEN OLD.assembly_id ELSE NEW.assembly_id END,
                                            ARRAY['convened', 'in_session'], TG_TABLE_NAME);
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assembly_proxies_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_proxies FOR EACH ROW EXECUTE FUNCTION governance_live_guard();

-- Who is present now, and every check-in and check-out.
CREATE TABLE assembly_attendance (
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  present boolean NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_person', 'online')),
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assembly_id, person_id)
);
CREATE INDEX assembly_attendance_present_idx ON assembly_attendance (assembly_id) WHERE present;
CREATE TRIGGER assembly_attendance_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_attendance FOR EACH ROW EXECUTE FUNCTION governance_live_guard();

CREATE TABLE assembly_attendance_events (
  id bigserial PRIMARY KEY,
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  event text NOT NULL CHECK (event IN ('check_in', 'check_out')),
  channel text NOT NULL CHECK (channel IN ('in_person', 'online')),
  at timestamptz NOT NULL DEFAULT now(),
  by_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX assembly_attendance_events_idx ON assembly_attendance_events (assembly_id, at);
CREATE TRIGGER assembly_attendance_events_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_attendance_events FOR EACH ROW EXECUTE FUNCTION governance_live_guard();

-- Delegates elected by the sectional meetings, with the votes each carries to the general assembly (art. 2540 c.c.).
CREATE TABLE assembly_delegates (
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  section_id uuid NOT NULL REFERENCES governance_sections (id),
  sectional_assembly_id uuid NOT NULL REFERENCES assemblies (id),
  weight integer NOT NULL CHECK (weight >= 0),
  elected_rank integer NOT NULL,
  PRIMARY KEY (assembly_id, person_id)
);

-- The minutes (verbale) as generated at closing; the SHA-256 is published so any copy can be checked.
CREATE TABLE assembly_minutes (
  assembly_id uuid PRIMARY KEY REFERENCES assemblies (id),
  sha256 text NOT NULL UNIQUE,
  pdf bytea NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION governance_minutes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'minutes cannot be changed or deleted' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER assembly_minutes_immutable BEFORE UPDATE OR DELETE ON assembly_minutes FOR EACH ROW EXECUTE FUNCTION governance_minutes_immutable();
