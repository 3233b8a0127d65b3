// Schulze against the worked example of Schulze's method on Wikipedia (45 voters, 5 candidates; the example also in
// M. Schulze, Social Choice and Welfare 36, 2011, §3), and properties: a Condorcet winner always wins, weights add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { schulze, pairwiseMatrix } from './schulze.ts';

const A = 0, B = 1, C = 2, D = 3, E = 4;
const wikipedia = [
  { n: 5, r: [A, C, B, E, D] },
  { n: 5, r: [A, D, E, C, B] },
  { n: 8, r: [B, E, D, A, C] },
  { n: 3, r: [C, A, B, E, D] },
  { n: 7, r: [C, A, E, B, D] },
  { n: 2, r: [C, B, A, D, E] },
  { n: 7, r: [D, C, E, B, A] },
  { n: 8, r: [E, B, A, D, C] },
].map((x) => ({ choice: x.r.join(','), weight: BigInt(x.n) }));

test('Wikipedia example: pairwise preferences, strongest paths and the order E > A > C > B > D', () => {
  const r = schulze(5, 1, wikipedia, 'seed');
  const num = (m: bigint[][]) => m.map((row) => row.map(Number));
  assert.deepEqual(num(r.pairwise), [
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
  ]);
  assert.deepEqual(num(r.strongestPaths), [
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
  ]);
  assert.deepEqual(r.ranking, [E, A, C, B, D]);
  assert.deepEqual(r.elected, [E]);
  assert.deepEqual(r.ties, []);
  assert.deepEqual(schulze(5, 3, wikipedia, 'seed').elected, [E, A, C]);
});

test('unranked candidates count as tied below every ranked one', () => {
  const d = pairwiseMatrix(3, [{ choice: '2', weight: 4n }, { choice: '', weight: 9n }]);
  assert.deepEqual(d.map((r) => r.map(Number)), [[0, 0, 0], [0, 0, 0], [4, 4, 0]]);
});

test('property: a Condorcet winner is elected first, and a voter of weight w counts as w voters', () => {
  const ranking = (n: number) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: 1, maxLength: n });
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(ranking(n), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 25 }))), ([n, ballots]) => {
      const weighted = ballots.map(([r, w]) => ({ choice: r.join(','), weight: BigInt(w) }));
      const expanded = ballots.flatMap(([r, w]) => Array.from({ length: w }, () => ({ choice: r.join(','), weight: 1n })));
      const a = schulze(n, n, weighted, 's');
      const b = schulze(n, n, expanded, 's');
      assert.deepEqual(a.pairwise, b.pairwise);
      assert.deepEqual(a.ranking, b.ranking);
      const d = a.pairwise;
      const condorcet = Array.from({ length: n }, (_, i) => i).find((i) => Array.from({ length: n }, (_, j) => j).every((j) => j === i || d[i]![j]! > d[j]![i]!));
      if (condorcet !== undefined) assert.equal(a.ranking[0], condorcet);
    }),
    { numRuns: 300 },
  );
});
