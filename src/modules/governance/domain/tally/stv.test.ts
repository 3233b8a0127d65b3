// Scottish STV against hand-worked examples and properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stv, STV_UNIT, type StvBallot } from './stv.ts';

const ballots = (xs: [number, number[]][]): StvBallot[] => xs.map(([n, prefs]) => ({ prefs, papers: BigInt(n), value: STV_UNIT }));

test('Wikipedia’s worked example (20 voters, 3 seats, Droop quota 6): Chocolate, Oranges, Strawberries', () => {
  // 0 Oranges, 1 Pears, 2 Chocolate, 3 Strawberries, 4 Hamburgers
  const r = stv(5, 3, ballots([[4, [0]], [2, [1, 0]], [8, [2, 3]], [4, [2, 4]], [1, [3]], [1, [4]]]), 's');
  assert.equal(r.quota, 6n * STV_UNIT);
  assert.deepEqual(r.elected, [2, 0, 3]);
  const totals = r.stages.map((s) => s.totals.map((t) => Number(t) / 1e5));
  assert.deepEqual(totals[0], [4, 2, 12, 1, 1]); // first preferences: Chocolate elected
  assert.deepEqual(totals[1], [4, 2, 6, 5, 3]); // its surplus of 6 at 0.5: Strawberries +4, Hamburgers +2
  assert.equal(r.stages[1]?.transferValue, '0.50000');
  assert.deepEqual(totals[2], [6, 0, 6, 5, 3]); // Pears excluded: Oranges reach the quota
  assert.deepEqual(r.excluded.slice(0, 1), [1]);
});

test('transfer values are truncated to five decimal places (a surplus of 1 over 3 papers)', () => {
  // 5 papers, 2 seats: quota ⌊5/3⌋ + 1 = 2. A has 3: surplus 1, each paper goes on at 1/3 = 0.33333 (truncated),
  // so B receives 0.99999 and 0.00001 is lost to fractions, as the Scottish rules prescribe.
  const r = stv(4, 2, ballots([[3, [0, 1]], [1, [2]], [1, [3]]]), 's');
  assert.equal(r.quota, 2n * STV_UNIT);
  assert.equal(r.stages[1]?.action, 'surplus');
  assert.equal(r.stages[1]?.transferValue, '0.33333');
  assert.equal(r.stages[1]?.totals[1], 99_999n);
  assert.equal(r.stages[1]?.lostToFractions, 1n);
  assert.equal(r.elected[0], 0);
  assert.equal(r.excluded[0], 1); // B, with 0.99999, is the lowest
});

test('weighted voters: a paper of weight 5 counts as five papers', () => {
  const a = stv(3, 1, [{ prefs: [1], papers: 5n, value: STV_UNIT }, { prefs: [0], papers: 4n, value: STV_UNIT }], 's');
  assert.deepEqual(a.elected, [1]);
});

test('property: every seat is filled, no candidate twice, value is conserved stage by stage', () => {
  const arb = fc.integer({ min: 2, max: 7 }).chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.integer({ min: 1, max: n }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: 1, maxLength: n })), { minLength: 1, maxLength: 30 }),
    ),
  );
  fc.assert(
    fc.property(arb, ([n, seats, bs]) => {
      const r = stv(n, seats, ballots(bs), 'seed');
      assert.equal(r.elected.length, seats);
      assert.equal(new Set(r.elected).size, seats);
      for (const s of r.stages) {
        const sum = s.totals.reduce((a, b) => a + b, 0n) + s.nonTransferable + s.lostToFractions;
        assert.equal(sum, r.valid);
      }
      // Anyone elected while others were still counted had at least a quota or survived to the end.
      assert.ok(r.elected.every((c) => !r.excluded.includes(c)));
    }),
    { numRuns: 400 },
  );
});

test('ties for exclusion are broken on earlier stages, then by a reproducible lot', () => {
  const a = stv(3, 1, ballots([[2, [0]], [2, [1]], [3, [2]]]), 'seed-1');
  const b = stv(3, 1, ballots([[2, [0]], [2, [1]], [3, [2]]]), 'seed-1');
  assert.deepEqual(a, b);
  assert.equal(a.stages[1]?.tieBreak?.how, 'lot');
});
