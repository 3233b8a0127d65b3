-- Governance: ballots (one per agenda item to vote on), candidates, and the votes. One member, one vote: the
-- primary key of ballot_casts is (ballot, voter), so a retry, a proxy holder and the member themselves can never
-- count twice. A secret ballot's choice rows carry no voter id (and no time): who voted is in ballot_casts, what was
-- chosen in ballot_choices, and nothing joins them. Votes are written only while the ballot is open, and a closed
-- ballot never changes: the triggers below refuse it on any code path.

CREATE TABLE assembly_ballots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assembly_id uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
  item_id uuid NOT NULL UNIQUE REFERENCES assembly_items (id) ON DELETE CASCADE,
  method text NOT NULL CHECK (method IN ('yes_no', 'plurality', 'approval', 'stv', 'schulze')),
  seats integer NOT NULL DEFAULT 1 CHECK (seats BETWEEN 1 AND 100),
  max_choices integer CHECK (max_choices BETWEEN 1 AND 200),
  secret boolean NOT NULL DEFAULT false,
  -- 'plain' choices; the verifiable secret ballot adds an encrypted type beside it.
  ballot_type text NOT NULL DEFAULT 'plain' CHECK (ballot_type IN ('plain')),
  -- Members may vote electronically before the meeting (where the statute allows, art. 2538 c. 6 c.c.).
  remote_voting boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  opened_at timestamptz,
  closed_at timestamptz,
  -- The quorum rule applied and the count, frozen at closing; result_sha256 is the hash of the result as stored.
  rule jsonb,
  result jsonb,
  result_sha256 text,
  CHECK (status <> 'closed' OR (result IS NOT NULL AND closed_at IS NOT NULL))
);
CREATE INDEX assembly_ballots_assembly_idx ON assembly_ballots (assembly_id);

CREATE FUNCTION governance_ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'a ballot that was opened cannot be deleted' USING ERRCODE = 'check_violation'; END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN RAISE EXCEPTION 'a ballot starts as a draft' USING ERRCODE = 'check_violation'; END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'ballot % is closed: its result is final', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT ((OLD.status = 'draft' AND NEW.status = 'open') OR (OLD.status = 'open' AND NEW.status = 'closed')) THEN
    RAISE EXCEPTION 'ballot status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'draft' AND (NEW.method <> OLD.method OR NEW.seats <> OLD.seats OR NEW.max_choices IS DISTINCT FROM OLD.max_choices
       OR NEW.secret <> OLD.secret OR NEW.ballot_type <> OLD.ballot_type OR NEW.remote_voting <> OLD.remote_voting) THEN
    RAISE EXCEPTION 'an opened ballot keeps its method and settings' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assembly_ballots_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_ballots FOR EACH ROW EXECUTE FUNCTION governance_ballots_guard();

CREATE TABLE assembly_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ballot_id uuid NOT NULL REFERENCES assembly_ballots (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  person_id uuid,
  statement text CHECK (length(statement) <= 5000),
  UNIQUE (ballot_id, position)
);

CREATE FUNCTION governance_candidates_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  SELECT status INTO s FROM assembly_ballots WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.ballot_id ELSE NEW.ballot_id END;
  IF s IS NOT NULL AND s <> 'draft' THEN
    RAISE EXCEPTION 'candidates cannot change once the ballot is open' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assembly_candidates_guard BEFORE INSERT OR UPDATE OR DELETE ON assembly_candidates FOR EACH ROW EXECUTE FUNCTION governance_candidates_guard();

-- "Has voted": one row per voter and ballot, whoever cast it (the member, a proxy holder, a delegate, or the chair's
-- staff recording a postal ballot).
-- No foreign key to assembly_ballots on the two vote tables: its check locks the ballot row (FOR KEY SHARE) on every
-- vote, and thousands of concurrent votes would queue on that one row. The guard trigger below checks instead that
-- the ballot exists and is open, and a ballot is deleted only as a draft, which holds no votes.
CREATE TABLE ballot_casts (
  ballot_id uuid NOT NULL,
  voter_person_id uuid NOT NULL,
  cast_by_person_id uuid,
  cast_by_account_id uuid,
  channel text NOT NULL CHECK (channel IN ('in_meeting', 'remote', 'postal')),
  cast_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ballot_id, voter_person_id)
);

-- The choices. In a secret ballot voter_person_id is NULL and nothing else in the row (a random id, the weight, the
-- financing flag the cap needs, the choice) points back at the voter or at the moment of voting.
CREATE TABLE ballot_choices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ballot_id uuid NOT NULL,
  voter_person_id uuid,
  weight integer NOT NULL CHECK (weight > 0),
  financing boolean NOT NULL,
  choice text NOT NULL CHECK (length(choice) <= 2000)
);
CREATE INDEX ballot_choices_ballot_idx ON ballot_choices (ballot_id);
CREATE UNIQUE INDEX ballot_choices_open_voter_idx ON ballot_choices (ballot_id, voter_person_id) WHERE voter_person_id IS NOT NULL;

-- Votes are written only while their ballot is open. Each vote takes the ballot's advisory lock in shared mode and
-- closing takes it exclusively, so closing waits for the votes in flight, and a vote that arrives after the close
-- reads 'closed' (a fresh snapshot, after the lock) and is refused: no vote slips in after the count. (An advisory
-- lock rather than SELECT … FOR SHARE: thousands of concurrent votes would otherwise all write a lock into the one
-- ballot row.)
CREATE FUNCTION governance_ballot_lock_key(ballot uuid) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  $$ SELECT hashtextextended(ballot::text, 2540) $$;

CREATE FUNCTION governance_votes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b record;
DECLARE ballot uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.ballot_id ELSE NEW.ballot_id END;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(governance_ballot_lock_key(ballot));
  SELECT status, secret INTO b FROM assembly_ballots WHERE id = ballot;
  IF b.status IS DISTINCT FROM 'open' THEN
    RAISE EXCEPTION 'the ballot is not open: votes cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_TABLE_NAME = 'ballot_choices' AND TG_OP <> 'DELETE' AND b.secret <> (NEW.voter_person_id IS NULL) THEN
    RAISE EXCEPTION 'a secret ballot stores no voter with the choice; an open ballot does' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER ballot_casts_guard BEFORE INSERT OR UPDATE OR DELETE ON ballot_casts FOR EACH ROW EXECUTE FUNCTION governance_votes_guard();
CREATE TRIGGER ballot_choices_guard BEFORE INSERT OR UPDATE OR DELETE ON ballot_choices FOR EACH ROW EXECUTE FUNCTION governance_votes_guard();
