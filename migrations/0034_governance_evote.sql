-- Governance: the end-to-end verifiable secret ballot (ballot_type 'encrypted'). The member's browser encrypts the
-- ballot (exponential ElGamal with proofs, src/modules/governance/verifiable/); trustees hold shares of the election
-- key (k of n); the server keeps a public, append-only, hash-chained board of the encrypted ballots, adds them up
-- homomorphically per group of the roll, and only the tally is ever decrypted, by the trustees.
--
-- Life of an election (evote_elections.status), beside its ballot row (assembly_ballots.status):
--   ceremony (ballot draft: trustees post commitments and shares) → ready (joint key known; the ballot may open)
--   → [ballot open: members cast on the board] → tallying (the chair closed: no more casts; the encrypted tally is
--   computed; the ballot row stays 'open' because a closed ballot must have its final result, see 0022)
--   → decrypted (k trustees' partial decryptions combined; the ballot row becomes 'closed' with the result).
-- Keeping the ballot row 'open' while tallying also keeps the assembly from closing (and writing its minutes)
-- before the result is known.

ALTER TABLE assembly_ballots DROP CONSTRAINT assembly_ballots_ballot_type_check;
ALTER TABLE assembly_ballots ADD CONSTRAINT assembly_ballots_ballot_type_check CHECK (ballot_type IN ('plain', 'encrypted'));
-- Only methods counted by adding up 0/1 choices are end-to-end verifiable here; ranked methods would need a
-- verifiable shuffle (mixnet) first.
ALTER TABLE assembly_ballots ADD CONSTRAINT assembly_ballots_encrypted_check
  CHECK (ballot_type = 'plain' OR (secret AND method IN ('yes_no', 'plurality', 'approval')));

CREATE TABLE evote_elections (
  ballot_id uuid PRIMARY KEY REFERENCES assembly_ballots (id) ON DELETE CASCADE,
  trustees integer NOT NULL CHECK (trustees BETWEEN 1 AND 10),
  threshold integer NOT NULL CHECK (threshold >= 1),
  status text NOT NULL DEFAULT 'ceremony' CHECK (status IN ('ceremony', 'ready', 'tallying', 'decrypted')),
  -- The joint election key, once every commitment and share is in.
  public_key text,
  -- The manifest is fixed when the ballot opens (the candidates freeze then), with its hash.
  manifest jsonb,
  manifest_hash text,
  -- Figures for the count taken when the chair closed (presence at that moment), used at decryption.
  count_input jsonb,
  -- Decrypted weighted counts per group and choice.
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  ready_at timestamptz,
  tallied_at timestamptz,
  decrypted_at timestamptz,
  CHECK (threshold <= trustees),
  CHECK (status = 'ceremony' OR public_key IS NOT NULL),
  CHECK (status NOT IN ('tallying', 'decrypted') OR (manifest IS NOT NULL AND count_input IS NOT NULL)),
  CHECK (status <> 'decrypted' OR result IS NOT NULL)
);

CREATE TABLE evote_trustees (
  ballot_id uuid NOT NULL REFERENCES evote_elections (ballot_id) ON DELETE CASCADE,
  idx integer NOT NULL CHECK (idx BETWEEN 1 AND 10),
  person_id uuid NOT NULL REFERENCES people (id),
  commitment jsonb,
  committed_at timestamptz,
  shares_posted_at timestamptz,
  -- The trustee's check of the shares they received: true, or false with the senders of bad shares.
  shares_ok boolean,
  bad_from integer[],
  PRIMARY KEY (ballot_id, idx),
  UNIQUE (ballot_id, person_id)
);

CREATE TABLE evote_shares (
  ballot_id uuid NOT NULL REFERENCES evote_elections (ballot_id) ON DELETE CASCADE,
  from_idx integer NOT NULL,
  to_idx integer NOT NULL,
  payload jsonb NOT NULL,
  PRIMARY KEY (ballot_id, from_idx, to_idx),
  CHECK (from_idx <> to_idx)
);

-- The published roll: a random opaque slot per eligible member (a proxy holder casts a separate ballot in each
-- slot they carry). person_id is kept to authenticate the caster; it is never published.
CREATE TABLE evote_roll (
  ballot_id uuid NOT NULL REFERENCES evote_elections (ballot_id) ON DELETE CASCADE,
  slot text NOT NULL,
  person_id uuid NOT NULL,
  weight integer NOT NULL CHECK (weight > 0),
  grp text NOT NULL CHECK (grp IN ('ordinary', 'financing')),
  PRIMARY KEY (ballot_id, slot),
  UNIQUE (ballot_id, person_id)
);

-- The bulletin board: every accepted ballot, chained (hash = chainHash(previous hash, manifest hash, tracking code)).
-- Appended under the ballot's advisory lock taken exclusively, so concurrent casts serialise and seq has no gaps.
CREATE TABLE evote_board (
  ballot_id uuid NOT NULL REFERENCES evote_elections (ballot_id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 1),
  slot text NOT NULL,
  tracking_code text NOT NULL,
  hash text NOT NULL,
  ballot jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ballot_id, seq),
  -- The same ballot twice (a replay) is refused: its tracking code is already on the board.
  UNIQUE (ballot_id, tracking_code),
  FOREIGN KEY (ballot_id, slot) REFERENCES evote_roll (ballot_id, slot)
);
CREATE INDEX evote_board_slot_idx ON evote_board (ballot_id, slot, seq DESC);

-- The homomorphic tally per group of the roll, in a fixed order (ord), computed when the chair closes.
CREATE TABLE evote_tally (
  ballot_id uuid NOT NULL REFERENCES evote_elections (ballot_id) ON DELETE CASCADE,
  ord integer NOT NULL,
  grp text NOT NULL,
  ciphertexts jsonb NOT NULL,
  PRIMARY KEY (ballot_id, ord),
  UNIQUE (ballot_id, grp)
);

CREATE TABLE evote_partials (
  ballot_id uuid NOT NULL REFERENCES evote_elections (ballot_id) ON DELETE CASCADE,
  idx integer NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ballot_id, idx)
);

-- Once written, the published parts never change. A row goes only with its ballot (a draft deleted with its
-- agenda item, before anything was cast): the cascade runs after the ballot row is gone.
CREATE FUNCTION governance_evote_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM assembly_ballots WHERE id = OLD.ballot_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER evote_board_append_only BEFORE UPDATE OR DELETE ON evote_board FOR EACH ROW EXECUTE FUNCTION governance_evote_append_only();
CREATE TRIGGER evote_shares_append_only BEFORE UPDATE OR DELETE ON evote_shares FOR EACH ROW EXECUTE FUNCTION governance_evote_append_only();
CREATE TRIGGER evote_roll_append_only BEFORE UPDATE OR DELETE ON evote_roll FOR EACH ROW EXECUTE FUNCTION governance_evote_append_only();
CREATE TRIGGER evote_tally_append_only BEFORE UPDATE OR DELETE ON evote_tally FOR EACH ROW EXECUTE FUNCTION governance_evote_append_only();
CREATE TRIGGER evote_partials_append_only BEFORE UPDATE OR DELETE ON evote_partials FOR EACH ROW EXECUTE FUNCTION governance_evote_append_only();

-- A ballot goes on the board only while its ballot is open and the election is not yet being tallied, next in the
-- chain. The caller holds the ballot's advisory lock exclusively (the closing takes it too), so nothing slips in
-- after the close.
CREATE FUNCTION governance_evote_board_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text; e text; last integer;
BEGIN
  SELECT b.status, x.status INTO s, e FROM assembly_ballots b JOIN evote_elections x ON x.ballot_id = b.id WHERE b.id = NEW.ballot_id;
  IF s IS DISTINCT FROM 'open' OR e IS DISTINCT FROM 'ready' THEN
    RAISE EXCEPTION 'the ballot is not open: nothing can be cast' USING ERRCODE = 'check_violation';
  END IF;
  SELECT max(seq) INTO last FROM evote_board WHERE ballot_id = NEW.ballot_id;
  IF NEW.seq <> coalesce(last, 0) + 1 THEN
    RAISE EXCEPTION 'board entries are appended in sequence' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evote_board_guard BEFORE INSERT ON evote_board FOR EACH ROW EXECUTE FUNCTION governance_evote_board_guard();

-- The roll is written once, when the ballot opens (in the opening transaction, before the status changes).
CREATE FUNCTION governance_evote_roll_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM assembly_ballots WHERE id = NEW.ballot_id) IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'the roll of an encrypted ballot is fixed when it opens' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evote_roll_guard BEFORE INSERT ON evote_roll FOR EACH ROW EXECUTE FUNCTION governance_evote_roll_guard();

-- The election moves forward only; the key and the manifest, once set, stay; commitments too.
CREATE FUNCTION governance_evote_election_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM assembly_ballots WHERE id = OLD.ballot_id) THEN
      RAISE EXCEPTION 'an election goes only with its draft ballot' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.status <> OLD.status AND NOT ((OLD.status = 'ceremony' AND NEW.status = 'ready') OR (OLD.status = 'ready' AND NEW.status = 'tallying')
       OR (OLD.status = 'tallying' AND NEW.status = 'decrypted')) THEN
    RAISE EXCEPTION 'election status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'decrypted' THEN
    RAISE EXCEPTION 'the election is decrypted: its record is final' USING ERRCODE = 'check_violation';
  END IF;
  IF (OLD.public_key IS NOT NULL AND NEW.public_key IS DISTINCT FROM OLD.public_key)
     OR (OLD.manifest IS NOT NULL AND (NEW.manifest IS DISTINCT FROM OLD.manifest OR NEW.manifest_hash IS DISTINCT FROM OLD.manifest_hash))
     OR (OLD.count_input IS NOT NULL AND NEW.count_input IS DISTINCT FROM OLD.count_input)
     OR NEW.trustees <> OLD.trustees OR NEW.threshold <> OLD.threshold THEN
    RAISE EXCEPTION 'the election key, manifest and trustees do not change once set' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evote_elections_guard BEFORE UPDATE OR DELETE ON evote_elections FOR EACH ROW EXECUTE FUNCTION governance_evote_election_guard();

CREATE FUNCTION governance_evote_trustee_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM assembly_ballots WHERE id = OLD.ballot_id) THEN
      RAISE EXCEPTION 'a trustee goes only with the draft ballot' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.person_id <> OLD.person_id OR NEW.idx <> OLD.idx
     OR (OLD.commitment IS NOT NULL AND NEW.commitment IS DISTINCT FROM OLD.commitment)
     OR (OLD.shares_posted_at IS NOT NULL AND NEW.shares_posted_at IS DISTINCT FROM OLD.shares_posted_at) THEN
    RAISE EXCEPTION 'a trustee''s commitment and shares, once posted, do not change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evote_trustees_guard BEFORE UPDATE OR DELETE ON evote_trustees FOR EACH ROW EXECUTE FUNCTION governance_evote_trustee_guard();

-- An encrypted ballot opens only once its key exists, and closes (with its result) only once decrypted; its choices
-- never go to ballot_choices (they are on the board, encrypted).
CREATE FUNCTION governance_evote_ballot_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e text;
BEGIN
  IF NEW.ballot_type <> 'encrypted' OR NEW.status = OLD.status THEN RETURN NEW; END IF;
  SELECT status INTO e FROM evote_elections WHERE ballot_id = NEW.id;
  IF NEW.status = 'open' AND e IS DISTINCT FROM 'ready' THEN
    RAISE EXCEPTION 'an encrypted ballot opens once its key ceremony is complete' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'closed' AND e IS DISTINCT FROM 'decrypted' THEN
    RAISE EXCEPTION 'an encrypted ballot closes once its tally is decrypted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assembly_ballots_evote_guard BEFORE UPDATE ON assembly_ballots FOR EACH ROW EXECUTE FUNCTION governance_evote_ballot_guard();

-- The vote guard of 0022, also refusing choice rows for an encrypted ballot (its votes are on the board,
-- encrypted); the same one lookup of the ballot, so plain votes pay nothing more.
CREATE OR REPLACE FUNCTION governance_votes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b record;
DECLARE ballot uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.ballot_id ELSE NEW.ballot_id END;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(governance_ballot_lock_key(ballot));
  SELECT status, secret, ballot_type INTO b FROM assembly_ballots WHERE id = ballot;
  IF b.status IS DISTINCT FROM 'open' THEN
    RAISE EXCEPTION 'the ballot is not open: votes cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_TABLE_NAME = 'ballot_choices' AND TG_OP <> 'DELETE' AND b.ballot_type = 'encrypted' THEN
    RAISE EXCEPTION 'an encrypted ballot takes its votes on the board' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_TABLE_NAME = 'ballot_choices' AND TG_OP <> 'DELETE' AND b.secret <> (NEW.voter_person_id IS NULL) THEN
    RAISE EXCEPTION 'a secret ballot stores no voter with the choice; an open ballot does' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
