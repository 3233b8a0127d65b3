import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RollupError, createRollup, sumFiguresOf, validateForest } from './rollup.ts';
import type { Figures, OrgNode, SectoralAffiliation } from './rollup.ts';

// A small federation: national N → regional R → territorial T1 (c1, c2), T2 (c3); sectoral S under R with
// affiliations c1 (also under T1) and c3; sectoral S2 under N with c1 again, and c4 which sits nowhere territorially.
const ORGS: OrgNode[] = [
  { id: 'N', kind: 'national', parentId: null },
  { id: 'R', kind: 'regional', parentId: 'N' },
  { id: 'T1', kind: 'territorial', parentId: 'R' },
  { id: 'T2', kind: 'territorial', parentId: 'R' },
  { id: 'S', kind: 'sectoral', parentId: 'R' },
  { id: 'S2', kind: 'sectoral', parentId: 'N' },
  { id: 'c1', kind: 'cooperative', parentId: 'T1' },
  { id: 'c2', kind: 'cooperative', parentId: 'T1' },
  { id: 'c3', kind: 'cooperative', parentId: 'T2' },
  { id: 'c4', kind: 'cooperative', parentId: null },
];
const AFFILIATIONS: SectoralAffiliation[] = [
  { cooperativeId: 'c1', sectoralId: 'S' },
  { cooperativeId: 'c3', sectoralId: 'S' },
  { cooperativeId: 'c1', sectoralId: 'S2' },
  { cooperativeId: 'c4', sectoralId: 'S2' },
  { cooperativeId: 'c1', sectoralId: 'S' }, // duplicate row: harmless
];
const FIGURES: Record<string, Figures<'members' | 'revenueCents'>> = {
  c1: { members: 100, revenueCents: 1_000_00 },
  c2: { members: 10 },
  c3: { members: 1, revenueCents: 5 },
  c4: { members: 1000, revenueCents: 7 },
};

const sorted = (s: ReadonlySet<string>) => [...s].sort();

test('cooperativesUnder: territorial descendants ∪ affiliates of sectoral orgs in the subtree', () => {
  const r = createRollup(ORGS, AFFILIATIONS);
  assert.deepEqual(sorted(r.cooperativesUnder('T1')), ['c1', 'c2']);
  assert.deepEqual(sorted(r.cooperativesUnder('T2')), ['c3']);
  assert.deepEqual(sorted(r.cooperativesUnder('S')), ['c1', 'c3']);
  assert.deepEqual(sorted(r.cooperativesUnder('R')), ['c1', 'c2', 'c3']);
  assert.deepEqual(sorted(r.cooperativesUnder('S2')), ['c1', 'c4']);
  assert.deepEqual(sorted(r.cooperativesUnder('N')), ['c1', 'c2', 'c3', 'c4']);
  assert.deepEqual(sorted(r.cooperativesUnder('c2')), ['c2']);
  assert.deepEqual(sorted(r.cooperativesUnder('c4')), ['c4']);
  assert.deepEqual(sorted(r.subtree('R')), ['R', 'S', 'T1', 'T2', 'c1', 'c2', 'c3']);
  assert.deepEqual([...r.children('R')].sort(), ['S', 'T1', 'T2']);
  assert.deepEqual(r.children('c1'), []);
  assert.throws(() => r.cooperativesUnder('nope'), RangeError);
  assert.throws(() => r.children('nope'), RangeError);
});

test('sumFigures counts a shared co-operative once, unlike the sum of the children sums', () => {
  const r = createRollup(ORGS, AFFILIATIONS);
  const region = r.sumFigures('R', FIGURES);
  assert.deepEqual(region, { cooperatives: 3, reporting: 3, totals: { members: 111, revenueCents: 1_000_05 } });
  const childrenSum = ['T1', 'T2', 'S']
    .map((c) => r.sumFigures(c, FIGURES).totals.members ?? 0)
    .reduce((a, b) => a + b, 0);
  assert.equal(childrenSum, 212); // c1 counted in T1 and in S, c3 in T2 and in S
  assert.deepEqual(r.sumFigures('N', FIGURES), {
    cooperatives: 4,
    reporting: 4,
    totals: { members: 1111, revenueCents: 1_000_12 },
  });
  // a key nobody reported is absent; co-ops without figures are counted but not reporting
  assert.deepEqual(r.sumFigures('T1', { c1: { members: 3 } }), { cooperatives: 2, reporting: 1, totals: { members: 3 } });
  assert.deepEqual(r.sumFigures('T1', new Map([['c2', { members: 4 }]])), {
    cooperatives: 2,
    reporting: 1,
    totals: { members: 4 },
  });
});

test('sumFiguresOf: distinct ids, exactness guards', () => {
  assert.deepEqual(sumFiguresOf(['a', 'a', 'b'], { a: { x: 1 }, b: { x: 2 } }), { cooperatives: 2, reporting: 2, totals: { x: 3 } });
  assert.deepEqual(sumFiguresOf([], {}), { cooperatives: 0, reporting: 0, totals: {} });
  // inherited properties of a plain object are not figures
  assert.deepEqual(sumFiguresOf(['toString'], {}), { cooperatives: 1, reporting: 0, totals: {} });
  assert.throws(() => sumFiguresOf(['a'], { a: { x: Number.NaN } }), RangeError);
  assert.throws(() => sumFiguresOf(['a'], { a: { x: Infinity } }), RangeError);
  assert.throws(
    () => sumFiguresOf(['a', 'b'], { a: { x: Number.MAX_SAFE_INTEGER }, b: { x: 1 } }),
    RangeError,
  );
  assert.deepEqual(sumFiguresOf(['a', 'b'], { a: { x: 0.5 }, b: { x: 0.25 } }).totals, { x: 0.75 });
});

test('validateForest and createRollup reject inconsistent input', () => {
  assert.deepEqual(validateForest(ORGS, AFFILIATIONS), []);
  const cases: Array<[OrgNode[], SectoralAffiliation[], string[]]> = [
    [[{ id: 'a', kind: 'x', parentId: null }, { id: 'a', kind: 'x', parentId: null }], [], ['duplicate_id']],
    [[{ id: 'a', kind: 'x', parentId: 'ghost' }], [], ['unknown_parent']],
    [[{ id: 'a', kind: 'x', parentId: 'a' }], [], ['cycle']],
    [
      [
        { id: 'a', kind: 'x', parentId: 'b' },
        { id: 'b', kind: 'x', parentId: 'a' },
        { id: 'c', kind: 'x', parentId: 'a' },
      ],
      [],
      ['cycle'],
    ],
    [
      [
        { id: 'c', kind: 'cooperative', parentId: null },
        { id: 'd', kind: 'cooperative', parentId: 'c' },
        { id: 'e', kind: 'territorial', parentId: 'c' },
      ],
      [],
      ['cooperative_with_children'],
    ],
    [[{ id: 'c', kind: 'cooperative', parentId: null }], [{ cooperativeId: 'c', sectoralId: 'ghost' }], ['affiliation_unknown_org']],
    [
      [
        { id: 'c', kind: 'cooperative', parentId: null },
        { id: 't', kind: 'territorial', parentId: null },
      ],
      [{ cooperativeId: 'c', sectoralId: 't' }],
      ['affiliation_not_sectoral'],
    ],
    [
      [
        { id: 's', kind: 'sectoral', parentId: null },
        { id: 't', kind: 'territorial', parentId: null },
      ],
      [{ cooperativeId: 't', sectoralId: 's' }],
      ['affiliation_not_cooperative'],
    ],
  ];
  for (const [orgs, affs, expected] of cases) {
    assert.deepEqual(
      validateForest(orgs, affs).map((p) => p.problem),
      expected,
      JSON.stringify(orgs),
    );
    assert.throws(
      () => createRollup(orgs, affs),
      (e: unknown) => e instanceof RollupError && e.problems.map((p) => p.problem).join() === expected.join(),
    );
  }
  assert.throws(() => createRollup([]).cooperativesUnder('x'), RangeError);
});

test('deep chains do not overflow the stack', () => {
  const depth = 50_000;
  const orgs: OrgNode[] = Array.from({ length: depth }, (_, i) => ({
    id: `o${i}`,
    kind: 'territorial',
    parentId: i === 0 ? null : `o${i - 1}`,
  }));
  orgs.push({ id: 'coop', kind: 'cooperative', parentId: `o${depth - 1}` });
  assert.deepEqual(validateForest(orgs), []);
  const r = createRollup(orgs);
  assert.deepEqual([...r.cooperativesUnder('o0')], ['coop']);
});

// --- property tests ------------------------------------------------------------------------------------------------

interface World {
  orgs: OrgNode[];
  affiliations: SectoralAffiliation[];
  figures: Map<string, Figures<'members' | 'revenue'>>;
}

const KINDS = ['national', 'regional', 'territorial', 'sectoral'] as const;

/** Random forests: associations first (each parent chosen among earlier ones), then co-ops under associations or none. */
const worldArb: fc.Arbitrary<World> = fc
  .record({
    assoc: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), parent: fc.option(fc.nat(), { nil: null }) }), {
      minLength: 1,
      maxLength: 14,
    }),
    coops: fc.array(
      fc.record({
        parent: fc.option(fc.nat(), { nil: null }),
        members: fc.option(fc.nat({ max: 10_000 }), { nil: undefined }),
        revenue: fc.option(fc.integer({ min: -1_000_000, max: 1_000_000_000 }), { nil: undefined }),
        reports: fc.boolean(),
      }),
      { maxLength: 30 },
    ),
    links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
  })
  .map(({ assoc, coops, links }) => {
    const orgs: OrgNode[] = assoc.map((a, i) => ({
      id: `a${i}`,
      kind: a.kind,
      parentId: a.parent === null || i === 0 ? null : `a${a.parent % i}`,
    }));
    for (const [i, c] of coops.entries()) {
      orgs.push({ id: `c${i}`, kind: 'cooperative', parentId: c.parent === null ? null : `a${c.parent % assoc.length}` });
    }
    const sectorals = orgs.filter((o) => o.kind === 'sectoral');
    const affiliations: SectoralAffiliation[] =
      sectorals.length === 0 || coops.length === 0
        ? []
        : links.map(([c, s]) => ({
            cooperativeId: `c${c % coops.length}`,
            sectoralId: (sectorals[s % sectorals.length] as OrgNode).id,
          }));
    const figures = new Map<string, Figures<'members' | 'revenue'>>();
    for (const [i, c] of coops.entries()) {
      if (!c.reports) continue;
      const f: { members?: number; revenue?: number } = {};
      if (c.members !== undefined) f.members = c.members;
      if (c.revenue !== undefined) f.revenue = c.revenue;
      figures.set(`c${i}`, f);
    }
    return { orgs, affiliations, figures };
  });

/** Brute-force oracle: c is under x iff x is an ancestor-or-self of c, or of a sectoral org c is affiliated to. */
function oracle(world: World, x: string): Set<string> {
  const parent = new Map(world.orgs.map((o) => [o.id, o.parentId]));
  const ancestorOrSelf = (anc: string, id: string): boolean => {
    for (let cur: string | null = id; cur !== null; cur = parent.get(cur) ?? null) if (cur === anc) return true;
    return false;
  };
  const result = new Set<string>();
  for (const o of world.orgs) {
    if (o.kind !== 'cooperative') continue;
    if (ancestorOrSelf(x, o.id)) result.add(o.id);
    if (world.affiliations.some((a) => a.cooperativeId === o.id && ancestorOrSelf(x, a.sectoralId))) result.add(o.id);
  }
  return result;
}

test('property: cooperativesUnder matches the brute-force definition', () => {
  fc.assert(
    fc.property(worldArb, (world) => {
      assert.deepEqual(validateForest(world.orgs, world.affiliations), []);
      const r = createRollup(world.orgs, world.affiliations);
      for (const o of world.orgs) assert.deepEqual(sorted(r.cooperativesUnder(o.id)), sorted(oracle(world, o.id)), o.id);
    }),
    { numRuns: 300 },
  );
});

test('property: a parent sums over the UNION of its children’s co-op sets (plus its own affiliates)', () => {
  let sharedSeen = 0;
  fc.assert(
    fc.property(worldArb, (world) => {
      const r = createRollup(world.orgs, world.affiliations);
      const byId = new Map(world.orgs.map((o) => [o.id, o]));
      for (const o of world.orgs) {
        const union = new Set<string>();
        if (o.kind === 'cooperative') union.add(o.id);
        for (const a of world.affiliations) if (a.sectoralId === o.id) union.add(a.cooperativeId);
        for (const child of r.children(o.id)) for (const c of r.cooperativesUnder(child)) union.add(c);
        assert.deepEqual(sorted(r.cooperativesUnder(o.id)), sorted(union), o.id);
        assert.deepEqual(r.sumFigures(o.id, world.figures), sumFiguresOf(union, world.figures));
        // children's sets are contained in the parent's
        for (const child of r.children(o.id)) {
          for (const c of r.cooperativesUnder(child)) assert.ok(r.cooperativesUnder(o.id).has(c));
        }
        // the children's sums (plus own affiliates) add up to the parent's only when no co-op is shared
        const parts = [
          ...r.children(o.id).map((c) => r.cooperativesUnder(c)),
          new Set(o.kind === 'cooperative' ? [o.id] : []),
          new Set(world.affiliations.filter((a) => a.sectoralId === o.id).map((a) => a.cooperativeId)),
        ];
        const ones = new Map([...byId.keys()].map((id) => [id, { one: 1 }]));
        const partsSum = parts.reduce((n, s) => n + (sumFiguresOf(s, ones).totals.one ?? 0), 0);
        const parentSum = r.sumFigures(o.id, ones).totals.one ?? 0;
        const disjoint = parts.every((a, i) => parts.every((b, j) => j <= i || [...a].every((c) => !b.has(c))));
        assert.ok(parentSum <= partsSum);
        assert.equal(parentSum === partsSum, disjoint);
        if (!disjoint) sharedSeen++;
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(sharedSeen > 0, 'the generator never produced a shared co-operative');
});

test('property: no co-operative is ever counted twice', () => {
  fc.assert(
    fc.property(worldArb, (world) => {
      const r = createRollup(world.orgs, world.affiliations);
      // every co-op weighs 1: any roll-up equals the number of distinct co-ops reached
      const ones = new Map(world.orgs.filter((o) => o.kind === 'cooperative').map((o) => [o.id, { n: 1 }]));
      for (const o of world.orgs) {
        const s = r.sumFigures(o.id, ones);
        assert.equal(s.totals.n ?? 0, oracle(world, o.id).size);
        assert.equal(s.cooperatives, s.reporting);
        // figure by figure, the roll-up equals a sum over distinct co-ops done by hand
        let members = 0;
        let hasMembers = false;
        for (const c of oracle(world, o.id)) {
          const m = world.figures.get(c)?.members;
          if (m !== undefined) {
            members += m;
            hasMembers = true;
          }
        }
        assert.equal(r.sumFigures(o.id, world.figures).totals.members, hasMembers ? members : undefined);
      }
    }),
    { numRuns: 300 },
  );
});
