// The count of a ballot: majorities per assembly kind and call (art. 2368–2369 c.c., in votes), the financing
// members' cap (art. 2526 c.c.) and the constitutive quorum, exhaustively at the boundaries and by property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tally, type TallyInput } from './index.ts';
import { LEGAL_QUORUMS, DEFAULT_STATUTE } from '../statute.ts';
import { financingCap } from '../weights.ts';
import { q, cmp, mul } from '../rational.ts';

const yesNo = (yes: number, no: number, abstain: number, extra: Partial<TallyInput> = {}): TallyInput => ({
  method: 'yes_no',
  seats: 1,
  candidateCount: 0,
  groups: [
    { choice: 'yes', weight: yes, financing: false },
    { choice: 'no', weight: no, financing: false },
    { choice: 'abstain', weight: abstain, financing: false },
  ].filter((g) => g.weight > 0),
  presence: { total: yes + no + abstain, financing: 0 },
  entitled: { total: 100, financing: 0 },
  rule: LEGAL_QUORUMS.ordinary.first,
  financingCapFraction: DEFAULT_STATUTE.financingCap,
  ...extra,
});

test('ordinary assembly, first call: at least half the votes must attend; more than half of those present approve', () => {
  assert.equal(tally(yesNo(26, 24, 0)).outcome, 'approved');
  assert.equal(tally(yesNo(25, 25, 0)).outcome, 'rejected'); // exactly half is not a majority
  assert.equal(tally(yesNo(25, 20, 5)).outcome, 'rejected'); // abstentions count in the votes present
  assert.equal(tally(yesNo(25, 24, 0)).outcome, 'no-quorum'); // 49 of 100 present
  assert.equal(tally(yesNo(26, 24, 0)).constitutive.met, true); // 50 of 100: "almeno la metà"
});

test('second calls and extraordinary assemblies use their own quorums and majorities', () => {
  const second = { rule: LEGAL_QUORUMS.ordinary.second };
  assert.equal(tally(yesNo(2, 1, 0, second)).outcome, 'approved'); // any attendance at the second call
  const exFirst = { rule: LEGAL_QUORUMS.extraordinary.first };
  assert.equal(tally(yesNo(50, 0, 0, exFirst)).outcome, 'rejected'); // needs more than half of ALL votes
  assert.equal(tally(yesNo(51, 0, 0, exFirst)).outcome, 'approved');
  const exSecond = { rule: LEGAL_QUORUMS.extraordinary.second };
  assert.equal(tally(yesNo(22, 11, 0, exSecond)).outcome, 'no-quorum'); // 33 of 100: not "oltre un terzo"
  assert.equal(tally(yesNo(23, 11, 0, exSecond)).outcome, 'approved'); // 23/34 ≥ 2/3
  assert.equal(tally(yesNo(22, 12, 0, exSecond)).outcome, 'rejected'); // 22/34 < 2/3
  assert.equal(tally(yesNo(24, 12, 0, exSecond)).outcome, 'approved'); // exactly 2/3: "almeno i due terzi"
});

test('the financing members’ cap: their votes are scaled to one third of the votes present', () => {
  // 60 ordinary votes present, 60 financing: limit 120/3 = 40, each financing vote counts 40/60 = 0.66666.
  const r = tally({
    ...yesNo(0, 0, 0),
    groups: [
      { choice: 'yes', weight: 60, financing: true },
      { choice: 'no', weight: 50, financing: false },
      { choice: 'abstain', weight: 10, financing: false },
    ],
    presence: { total: 120, financing: 60 },
    entitled: { total: 200, financing: 60 },
  });
  assert.equal(r.cap.applied, true);
  assert.equal(r.cap.coefficientExact, '2/3');
  assert.equal(r.resolution?.yes, '40');
  // Present after the cap: 60 + 40 = 100; 40 yes is not more than half of 100.
  assert.equal(r.resolution?.deliberative.baseVotes, '100');
  assert.equal(r.outcome, 'rejected');
  assert.ok(r.explanation.some((e) => e.key === 'governance.tally.cap-applied'));
});

test('property: the cap is never exceeded and never applied below the limit; totals add up', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 100 }), (ordinary, financing, split) => {
      const total = ordinary + financing;
      const cap = financingCap({ total, financing }, { num: 1, den: 3 });
      const finCounted = mul(q(financing), cap.coefficient);
      assert.ok(cmp(finCounted, mul(q(total), q(1, 3))) <= 0, 'financing votes within one third');
      if (3 * financing <= total) assert.equal(cap.applied, false);
      else assert.equal(cmp(finCounted, cap.limit), 0, 'exactly the cap when applied');
      if (total === 0) return;
      const yesFin = Math.floor((financing * split) / 100);
      const r = tally({
        ...yesNo(0, 0, 0),
        groups: [
          { choice: 'yes', weight: yesFin, financing: true },
          { choice: 'no', weight: financing - yesFin, financing: true },
          { choice: 'yes', weight: ordinary, financing: false },
        ].filter((g) => g.weight > 0),
        presence: { total, financing },
        entitled: { total: total * 2, financing },
      });
      const [yn, yd] = (r.resolution?.exact.yes ?? '0').split('/').map(BigInt) as [bigint, bigint | undefined];
      const [nn, nd] = (r.resolution?.exact.no ?? '0').split('/').map(BigInt) as [bigint, bigint | undefined];
      const sum = q(yn * (nd ?? 1n) + nn * (yd ?? 1n), (yd ?? 1n) * (nd ?? 1n));
      assert.equal(cmp(sum, cap.cappedTotal), 0, 'yes + no = votes present after the cap');
    }),
    { numRuns: 500 },
  );
});

test('elections: plurality with a limited vote, approval; ties at the last seat go to a reproducible lot', () => {
  const base = { ...yesNo(0, 0, 0), candidateCount: 4, seats: 2 };
  const plurality = tally({ ...base, method: 'plurality', groups: [{ choice: '0,1', weight: 5, financing: false }, { choice: '2', weight: 4, financing: false }, { choice: '3', weight: 4, financing: false }] });
  assert.deepEqual(plurality.election?.elected, [0, 1]);
  const tie = tally({ ...base, method: 'approval', groups: [{ choice: '0', weight: 5, financing: false }, { choice: '1,2', weight: 3, financing: false }] });
  assert.equal(tie.election?.elected[0], 0);
  assert.deepEqual([...(tie.election?.ties[0] ?? [])].sort(), [1, 2]);
  assert.deepEqual(tally({ ...base, method: 'approval', groups: [{ choice: '1,2', weight: 3, financing: false }, { choice: '0', weight: 5, financing: false }] }).election?.elected, tie.election?.elected);
  assert.ok(tie.explanation.some((e) => e.key === 'governance.tally.lot'));
});
