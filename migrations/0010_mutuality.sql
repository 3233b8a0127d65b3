-- Mutuality: the mutual-exchange ledger, financial-statement lines (prevailing mutuality, art. 2512-2513 c.c.),
-- quality weights, ristorni runs and allocations (art. 2545-sexies c.c.), the share-capital ledger, per-co-op settings.

-- Per co-op: the jurisdiction's rule set and the per-member capital cap (art. 2525 c.c.; null = the statutory one).
CREATE TABLE mutuality_settings (
  cooperative_id uuid PRIMARY KEY REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  rule_set text NOT NULL DEFAULT 'IT' CHECK (rule_set IN ('IT', 'US')),
  max_member_capital_cents bigint CHECK (max_member_capital_cents > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The ledger of each member's exchanges with their co-op. Append-only: a correction is a reversing entry that
-- mirrors the original (negated amounts, same member, kind and date) and gives a reason; at most one per original.
-- For work, quantity holds the hours and value_cents the wages.
CREATE TABLE exchange_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id),
  membership_id uuid NOT NULL REFERENCES memberships (id),
  kind text NOT NULL CHECK (kind IN ('work', 'purchase', 'delivery', 'service', 'supply')),
  occurred_on date NOT NULL,
  quantity numeric(14, 3),
  unit text CHECK (length(unit) BETWEEN 1 AND 20),
  value_cents bigint NOT NULL,
  grade text CHECK (length(grade) BETWEEN 1 AND 40),
  description text CHECK (length(description) <= 500),
  -- The natural key of an imported row (the file's reference, or a hash of the row): re-imports change nothing.
  external_ref text CHECK (length(external_ref) BETWEEN 1 AND 200),
  reverses_id bigint REFERENCES exchange_entries (id),
  reason text CHECK (length(reason) BETWEEN 1 AND 500),
  -- The account that recorded it; no foreign key, so the ledger outlives accounts.
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((reverses_id IS NULL) = (reason IS NULL)),
  CHECK (reverses_id IS NOT NULL OR (value_cents >= 0 AND (quantity IS NULL OR quantity >= 0))),
  CHECK (kind <> 'work' OR quantity IS NOT NULL)
);
CREATE INDEX exchange_entries_coop_date_idx ON exchange_entries (cooperative_id, occurred_on);
CREATE INDEX exchange_entries_membership_idx ON exchange_entries (membership_id, occurred_on);
CREATE UNIQUE INDEX exchange_entries_ref_idx ON exchange_entries (cooperative_id, external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX exchange_entries_reverses_idx ON exchange_entries (reverses_id) WHERE reverses_id IS NOT NULL;

CREATE FUNCTION mutuality_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: record a reversing entry instead', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER exchange_entries_append_only BEFORE UPDATE OR DELETE ON exchange_entries
  FOR EACH ROW EXECUTE FUNCTION mutuality_append_only();

-- A reversal must mirror an original that is not itself a reversal (the WHEN clause keeps ordinary inserts free).
CREATE FUNCTION exchange_entries_check_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o exchange_entries%ROWTYPE;
BEGIN
  SELECT * INTO o FROM exchange_entries WHERE id = NEW.reverses_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reversed entry % does not exist', NEW.reverses_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF o.reverses_id IS NOT NULL THEN
    RAISE EXCEPTION 'a reversing entry cannot itself be reversed' USING ERRCODE = 'check_violation';
  END IF;
  IF o.cooperative_id <> NEW.cooperative_id OR o.membership_id <> NEW.membership_id OR o.kind <> NEW.kind
     OR o.occurred_on <> NEW.occurred_on OR NEW.value_cents <> -o.value_cents
     OR NEW.quantity IS DISTINCT FROM -o.quantity OR NEW.unit IS DISTINCT FROM o.unit OR NEW.grade IS DISTINCT FROM o.grade THEN
    RAISE EXCEPTION 'a reversing entry must mirror the original' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER exchange_entries_reversal BEFORE INSERT ON exchange_entries
  FOR EACH ROW WHEN (NEW.reverses_id IS NOT NULL) EXECUTE FUNCTION exchange_entries_check_reversal();

-- Financial-statement lines split between members and others (art. 2513 c.c.): A1 revenues, B6 goods, B7 services,
-- B9 labour cost.
CREATE TABLE mutuality_statement_lines (
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  line text NOT NULL CHECK (line IN ('A1', 'B6', 'B7', 'B9')),
  members_cents bigint NOT NULL CHECK (members_cents >= 0),
  others_cents bigint NOT NULL CHECK (others_cents >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, year, line)
);

-- Quality weights set by the board for a year, in basis points (10000 = 1.0); grade '' = the kind's default.
CREATE TABLE quality_weights (
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  kind text NOT NULL CHECK (kind IN ('work', 'purchase', 'delivery', 'service', 'supply')),
  grade text NOT NULL DEFAULT '' CHECK (length(grade) <= 40),
  weight_bps integer NOT NULL CHECK (weight_bps BETWEEN 0 AND 1000000),
  PRIMARY KEY (cooperative_id, year, kind, grade)
);

-- A year's ristorni: draft → computed (figures frozen) → approved (assembly resolution) → paid.
CREATE TABLE ristorni_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  rule_set text NOT NULL CHECK (rule_set IN ('IT', 'US')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'computed', 'approved', 'paid')),
  inputs jsonb NOT NULL,
  figures jsonb,
  computed_at timestamptz,
  assembly_date date,
  assembly_kind text CHECK (assembly_kind IN ('ordinaria', 'straordinaria')),
  votes_for integer CHECK (votes_for >= 0),
  votes_against integer CHECK (votes_against >= 0),
  votes_abstained integer CHECK (votes_abstained >= 0),
  resolution_text text CHECK (length(resolution_text) BETWEEN 1 AND 5000),
  -- The governance module's resolution, linked once that module exists (no foreign key yet).
  governance_resolution_id uuid,
  approved_at timestamptz,
  approved_by uuid,
  paid_on date,
  paid_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cooperative_id, year),
  CHECK ((status = 'draft') = (figures IS NULL)),
  CHECK (status NOT IN ('approved', 'paid') OR (assembly_date IS NOT NULL AND assembly_kind IS NOT NULL AND votes_for IS NOT NULL
         AND votes_against IS NOT NULL AND votes_abstained IS NOT NULL AND resolution_text IS NOT NULL AND votes_for > votes_against)),
  CHECK (status <> 'paid' OR paid_on IS NOT NULL)
);

-- Only the workflow's steps, and frozen figures once approved.
CREATE FUNCTION ristorni_runs_workflow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status = 'computed') OR (OLD.status = 'computed' AND NEW.status = 'draft')
    OR (OLD.status = 'computed' AND NEW.status = 'approved') OR (OLD.status = 'approved' AND NEW.status = 'paid')) THEN
    RAISE EXCEPTION 'ristorni run cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status IN ('approved', 'paid') AND (NEW.figures IS DISTINCT FROM OLD.figures OR NEW.inputs IS DISTINCT FROM OLD.inputs) THEN
    RAISE EXCEPTION 'an approved ristorni run is frozen' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ristorni_runs_workflow BEFORE UPDATE ON ristorni_runs FOR EACH ROW EXECUTE FUNCTION ristorni_runs_workflow();

-- Each member's ristorno for one kind of exchange in a run. No foreign keys on purpose: the rows are written only by
-- the compute step from the ledger's aggregates (whose entries have them), and millions of referential checks would
-- cost more than the allocation itself. Deleted with their run by the service (reopen).
CREATE TABLE ristorni_allocations (
  run_id uuid NOT NULL,
  membership_id uuid NOT NULL,
  kind text NOT NULL,
  -- Net value in cents (for work: wages) and net quantity in thousandths (for work: hours × 1000).
  value_cents bigint NOT NULL,
  quantity_milli bigint NOT NULL,
  -- Σ basis × quality weight (basis points) over the member's entries: the share of the pool follows this.
  weighted bigint NOT NULL CHECK (weighted > 0),
  cap_cents bigint CHECK (cap_cents >= 0),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  cash_cents bigint NOT NULL CHECK (cash_cents >= 0),
  capital_cents bigint NOT NULL CHECK (capital_cents >= 0),
  capital_shares integer NOT NULL CHECK (capital_shares >= 0),
  instruments_cents bigint NOT NULL CHECK (instruments_cents >= 0),
  withholding_cents bigint NOT NULL CHECK (withholding_cents >= 0),
  PRIMARY KEY (run_id, membership_id, kind),
  CHECK (cash_cents + capital_cents + instruments_cents = amount_cents),
  CHECK (withholding_cents <= cash_cents),
  CHECK (cap_cents IS NULL OR amount_cents <= cap_cents)
);
-- The share-capital ledger of each membership (append-only). Deltas are signed; balances are sums.
CREATE TABLE share_capital_movements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cooperative_id uuid NOT NULL REFERENCES cooperatives (organisation_id),
  membership_id uuid NOT NULL REFERENCES memberships (id),
  kind text NOT NULL CHECK (kind IN ('opening', 'subscription', 'payment', 'ristorno', 'transfer_in', 'transfer_out', 'redemption')),
  occurred_on date NOT NULL,
  shares_delta integer NOT NULL,
  subscribed_delta_cents bigint NOT NULL,
  paid_delta_cents bigint NOT NULL,
  refund_cents bigint CHECK (refund_cents >= 0),
  counterpart_membership_id uuid REFERENCES memberships (id),
  ristorni_run_id uuid REFERENCES ristorni_runs (id),
  note text CHECK (length(note) <= 500),
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('transfer_in', 'transfer_out')) = (counterpart_membership_id IS NOT NULL)),
  CHECK ((kind = 'ristorno') = (ristorni_run_id IS NOT NULL)),
  CHECK ((kind = 'redemption') = (refund_cents IS NOT NULL))
);
CREATE INDEX share_capital_movements_membership_idx ON share_capital_movements (membership_id, occurred_on);
CREATE INDEX share_capital_movements_coop_idx ON share_capital_movements (cooperative_id, occurred_on);
CREATE UNIQUE INDEX share_capital_movements_opening_idx ON share_capital_movements (membership_id) WHERE kind = 'opening';
CREATE UNIQUE INDEX share_capital_movements_ristorno_idx ON share_capital_movements (ristorni_run_id, membership_id) WHERE kind = 'ristorno';
CREATE TRIGGER share_capital_movements_append_only BEFORE UPDATE OR DELETE ON share_capital_movements
  FOR EACH ROW EXECUTE FUNCTION mutuality_append_only();
-- The register (libro soci) follows the ledger: every movement after the opening copy moves the membership's shares,
-- subscribed and paid capital by its deltas, in the same statement, whatever path writes it (API, payment of a run).
-- Applying deltas rather than the ledger's totals keeps a register whose opening balances were never copied right.
CREATE FUNCTION share_capital_to_register() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships m
     SET shares_count = greatest(0, m.shares_count + d.shares),
         subscribed_cents = greatest(0, m.subscribed_cents + d.subscribed),
         paid_cents = least(greatest(0, m.paid_cents + d.paid), greatest(0, m.subscribed_cents + d.subscribed)),
         updated_at = now()
    FROM (SELECT membership_id, sum(shares_delta)::int AS shares, sum(subscribed_delta_cents) AS subscribed, sum(paid_delta_cents) AS paid
            FROM new_movements WHERE kind <> 'opening' GROUP BY membership_id) d
   WHERE m.id = d.membership_id AND (d.shares <> 0 OR d.subscribed <> 0 OR d.paid <> 0);
  RETURN NULL;
END $$;
CREATE TRIGGER share_capital_to_register AFTER INSERT ON share_capital_movements
  REFERENCING NEW TABLE AS new_movements FOR EACH STATEMENT EXECUTE FUNCTION share_capital_to_register();
