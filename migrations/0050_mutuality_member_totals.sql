-- Mutuality: each member's running totals per co-op, calendar year, kind and grade, kept as exchange entries
-- arrive. The year-end reads these (one row per member and kind, a few million at most) instead of scanning the
-- year's entries (tens of millions): the scan was most of the ristorni computation. Entries are append-only (a
-- correction is a reversing entry, itself an insert), so an insert trigger is all it takes to keep the totals exact.
-- Quantities are kept as integer thousandths rounded per entry, exactly as the computation summed them before.

CREATE TABLE exchange_member_totals (
  cooperative_id uuid NOT NULL,
  year integer NOT NULL,
  kind text NOT NULL,
  membership_id uuid NOT NULL,
  -- '' for an entry with no grade.
  grade text NOT NULL,
  value_cents bigint NOT NULL,
  quantity_milli bigint NOT NULL,
  entries bigint NOT NULL,
  PRIMARY KEY (cooperative_id, year, kind, membership_id, grade)
);

-- One statement-level upsert per INSERT or COPY, whatever its size. Rows are upserted in key order so that two
-- imports into the same co-op lock shared totals in the same order and cannot deadlock.
CREATE FUNCTION exchange_member_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO exchange_member_totals AS t (cooperative_id, year, kind, membership_id, grade, value_cents, quantity_milli, entries)
  SELECT n.cooperative_id, extract(year FROM n.occurred_on)::int, n.kind, n.membership_id, coalesce(n.grade, ''),
         sum(n.value_cents), coalesce(sum((n.quantity * 1000)::bigint), 0), count(*)
    FROM new_entries n
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (cooperative_id, year, kind, membership_id, grade) DO UPDATE
     SET value_cents = t.value_cents + excluded.value_cents,
         quantity_milli = t.quantity_milli + excluded.quantity_milli,
         entries = t.entries + excluded.entries;
  RETURN NULL;
END $$;

CREATE TRIGGER exchange_entries_totals AFTER INSERT ON exchange_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION exchange_member_totals_add();
-- ALWAYS: the totals must follow the entries even in a bulk load that skips foreign-key checks
-- (session_replication_role = replica), or the year-end would miss those entries.
ALTER TABLE exchange_entries ENABLE ALWAYS TRIGGER exchange_entries_totals;

-- Derived from append-only entries, so never deleted either.
CREATE TRIGGER exchange_member_totals_guard BEFORE DELETE ON exchange_member_totals
  FOR EACH ROW EXECUTE FUNCTION mutuality_append_only();

INSERT INTO exchange_member_totals (cooperative_id, year, kind, membership_id, grade, value_cents, quantity_milli, entries)
SELECT cooperative_id, extract(year FROM occurred_on)::int, kind, membership_id, coalesce(grade, ''),
       sum(value_cents), coalesce(sum((quantity * 1000)::bigint), 0), count(*)
  FROM exchange_entries
 GROUP BY 1, 2, 3, 4, 5;
