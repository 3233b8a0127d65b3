// The members' running totals (exchange_member_totals, kept by an insert trigger) always equal the aggregate of the
// entries they summarise, whatever mix of batches, grades, quantities, years and reversals arrives: the year-end
// reads the totals instead of the entries, so any drift would change a ristorno.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';

let p: TestPlatform;
let f: SmallFederation;
before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
});
after(() => p.close());

const TOTALS = `SELECT cooperative_id, year, kind, membership_id, grade, value_cents::text, quantity_milli::text, entries::text
                  FROM exchange_member_totals ORDER BY 1, 2, 3, 4, 5`;
const FROM_ENTRIES = `SELECT cooperative_id, extract(year FROM occurred_on)::int AS year, kind, membership_id, coalesce(grade, '') AS grade,
                             sum(value_cents)::text AS value_cents, coalesce(sum((quantity * 1000)::bigint), 0)::text AS quantity_milli, count(*)::text AS entries
                        FROM exchange_entries GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

test('running totals equal the entries after any sequence of batches and reversals', async () => {
  const members = [
    { coop: f.c1, id: f.memberships.marioC1 },
    { coop: f.c1, id: f.memberships.giuliaC1 },
    { coop: f.c2, id: f.memberships.marioC2 },
  ];
  const entry = fc.record({
    member: fc.integer({ min: 0, max: members.length - 1 }),
    kind: fc.constantFrom('purchase', 'delivery', 'service'),
    date: fc.constantFrom('2023-12-31', '2024-01-01', '2024-06-30', '2025-03-01'),
    quantity: fc.option(fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 1000).toFixed(3)), { nil: null }),
    value: fc.integer({ min: 0, max: 5_000_000 }),
    grade: fc.option(fc.constantFrom('A', 'B', 'extra'), { nil: null }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(entry, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), async (batches, reversals) => {
      for (const batch of batches) {
        // One INSERT per batch: the statement trigger sees the whole batch at once, duplicates of a key included.
        const params: unknown[] = [];
        const values = batch.map((e) => {
          const m = members[e.member]!;
          params.push(m.coop, m.id, e.kind, e.date, e.quantity, e.value, e.grade);
          const n = params.length;
          return `($${n - 6}::uuid, $${n - 5}::uuid, $${n - 4}, $${n - 3}::date, $${n - 2}::numeric, $${n - 1}::bigint, $${n})`;
        });
        await p.database.query(`INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, value_cents, grade) VALUES ${values.join(', ')}`, params);
      }
      // Reversals: the negative mirror of some entries not yet reversed.
      await p.database.query(`
        INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, value_cents, grade, reverses_id, reason)
        SELECT cooperative_id, membership_id, kind, occurred_on, -quantity, -value_cents, grade, id, 'correzione'
          FROM exchange_entries e
         WHERE reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM exchange_entries r WHERE r.reverses_id = e.id)
         ORDER BY id DESC LIMIT $1`, [reversals]);
      const [{ rows: totals }, { rows: expected }] = await Promise.all([p.database.query(TOTALS), p.database.query(FROM_ENTRIES)]);
      assert.deepEqual(totals, expected);
    }),
    { numRuns: 25 },
  );
});

test('the totals cannot be deleted', async () => {
  await assert.rejects(p.database.query('DELETE FROM exchange_member_totals'), /append-only/);
});
