-- Governance: deliberation before and during an assembly — a discussion thread per agenda item, amendments that
-- the motion's proposer accepts or rejects, and informal consultative polls.

CREATE TABLE assembly_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES assembly_items (id) ON DELETE CASCADE,
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES assembly_comments (id),
  author_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  author_name text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assembly_comments_item_idx ON assembly_comments (item_id, created_at);
CREATE TRIGGER assembly_comments_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_comments FOR EACH ROW EXECUTE FUNCTION governance_live_guard();

CREATE TABLE assembly_amendments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES assembly_items (id) ON DELETE CASCADE,
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  proposer_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  proposer_name text NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  rationale text CHECK (length(rationale) <= 5000),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected')),
  decided_at timestamptz,
  decided_by_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'proposed') = (decided_at IS NULL))
);
CREATE INDEX assembly_amendments_item_idx ON assembly_amendments (item_id, created_at);
CREATE TRIGGER assembly_amendments_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_amendments FOR EACH ROW EXECUTE FUNCTION governance_live_guard();

CREATE TABLE assembly_polls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  item_id uuid REFERENCES assembly_items (id) ON DELETE CASCADE,
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'score', 'ranked', 'meeting_time')),
  options jsonb NOT NULL,
  max integer NOT NULL DEFAULT 1 CHECK (max BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX assembly_polls_assembly_idx ON assembly_polls (assembly_id);
CREATE TRIGGER assembly_polls_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_polls FOR EACH ROW EXECUTE FUNCTION governance_live_guard();

CREATE TABLE assembly_poll_responses (
  poll_id uuid NOT NULL REFERENCES assembly_polls (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  response jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (poll_id, person_id)
);

CREATE FUNCTION governance_poll_responses_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  SELECT status INTO s FROM assembly_polls WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.poll_id ELSE NEW.poll_id END FOR SHARE;
  IF s IS DISTINCT FROM 'open' THEN
    RAISE EXCEPTION 'the poll is closed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assembly_poll_responses_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_poll_responses FOR EACH ROW EXECUTE FUNCTION governance_poll_responses_guard();
