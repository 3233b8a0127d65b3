// The self-assessment's rules, one by one with their articles, and properties over every possible group (fast-check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACTIVITIES,
  KINDS,
  KIND_CATEGORIES,
  KIND_EXPLANATIONS,
  KIND_NAMES,
  MEMBER_GROUPS,
  RULES,
  RULE_IDS,
  answerProblems,
  assess,
  foundersRule,
  kindsFor,
  legalModelRule,
  prevailingRule,
  shareCapRule,
  shareMinimumRule,
  type Answers,
  type Assessment,
  type Check,
  type RuleId,
} from '../../src/modules/incubator/domain/assessment.ts';

const base: Answers = { members: ['workers'], founders: 3, legalPersonFounders: 0, activity: 'other', workersBuyout: false };
const checkOf = (r: Assessment, rule: RuleId, i = 0): Check => {
  const c = r.recommendations[i]?.checks.find((x) => x.rule === rule);
  assert.ok(c, `no ${rule} check`);
  return c;
};

test('three workers, all natural persons: a worker co-op under SRL rules, founders enough by art. 2522 c. 2', () => {
  const r = assess(base);
  assert.equal(r.eligible, true);
  assert.equal(r.minimumFounders, 3);
  assert.deepEqual(r.recommendations.map((x) => x.kind), ['worker']);
  assert.deepEqual(r.legalModel.allowed, ['srl']);
  assert.equal(r.legalModel.recommended, 'srl');
  const f = checkOf(r, 'founders.minimum');
  assert.equal(f.status, 'ok');
  assert.equal(f.article.it, 'art. 2522 c.c.');
  assert.match(f.text.it, /^3 fondatori: sufficienti con le norme della SRL .*art\. 2522 c\. 2/);
  assert.match(f.text.en, /^3 founders: enough under SRL rules as all are natural persons \(art\. 2522\(2\)\)/);
  assert.match(checkOf(r, 'legal-model').text.it, /art\. 2519 c\. 2/);
  assert.ok(r.warnings.some((w) => w.code === 'founders.keep-minimum' && /2522 c\. 3/.test(w.text.it)));
  assert.ok(r.recommendations[0]?.checks.some((c) => c.rule === 'worker.regulation'));
  assert.match(r.summary.en, /^Recommended: Worker co-operative \(production and labour\), with SRL rules\.$/);
});

test('art. 2522: below 3 never; 3–8 only if all natural persons; 9 with firms too', () => {
  assert.equal(foundersRule(2, 0).check.status, 'not-ok');
  assert.equal(foundersRule(5, 1).check.status, 'not-ok');
  assert.match(foundersRule(5, 1).check.text.it, /ne servono 9/);
  assert.equal(foundersRule(5, 1).minimum, 9);
  assert.deepEqual([foundersRule(8, 0).check.status, foundersRule(8, 0).srlRequired], ['ok', true]);
  assert.deepEqual([foundersRule(9, 4).check.status, foundersRule(9, 4).srlRequired, foundersRule(9, 4).minimum], ['ok', false, 9]);
  assert.equal(assess({ ...base, founders: 5, legalPersonFounders: 2 }).eligible, false);
});

test('art. 2519: SRL allowed under 20 members or assets up to €1M; SpA otherwise; unknown assets are to verify', () => {
  assert.deepEqual(legalModelRule(19, false, undefined).advice.allowed, ['srl', 'spa']);
  assert.equal(legalModelRule(19, false, undefined).advice.recommended, 'srl');
  assert.deepEqual(legalModelRule(25, false, 100_000_000).advice.allowed, ['srl', 'spa']);
  assert.equal(legalModelRule(25, false, 100_000_000).advice.recommended, 'spa');
  assert.deepEqual(legalModelRule(25, false, 100_000_001).advice.allowed, ['spa']);
  assert.equal(legalModelRule(25, false, 100_000_001).check.status, 'ok');
  const unknown = legalModelRule(25, false, undefined);
  assert.equal(unknown.check.status, 'to-verify');
  assert.match(unknown.check.text.it, /1\.000\.000/);
  assert.ok(legalModelRule(10, false, undefined).warnings.some((w) => w.code === 'legal-model.growth'));
  assert.deepEqual(legalModelRule(25, false, 200_000_000).warnings, []);
});

test('art. 2525 c. 1: a share at least €25; above €500 only under SRL rules', () => {
  assert.equal(shareMinimumRule(undefined, ['srl']).status, 'ok');
  assert.equal(shareMinimumRule(2_499, ['srl', 'spa']).status, 'not-ok');
  assert.match(shareMinimumRule(2_499, ['srl']).text.it, /sotto il minimo di 25\s€/);
  assert.equal(shareMinimumRule(2_500, ['spa']).status, 'ok');
  assert.equal(shareMinimumRule(50_000, ['spa']).status, 'ok');
  assert.equal(shareMinimumRule(50_001, ['spa']).status, 'not-ok');
  assert.equal(shareMinimumRule(50_001, ['srl', 'spa']).status, 'ok');
  assert.equal(shareMinimumRule(2_500, ['srl']).article.en, 'art. 2525(1) Civil Code');
});

test('art. 2525 c. 2–4: €100,000 per natural-person member, not for firms', () => {
  assert.equal(shareCapRule(10_000_000, 3, 0).status, 'ok');
  assert.equal(shareCapRule(10_000_001, 3, 0).status, 'not-ok');
  assert.equal(shareCapRule(10_000_001, 9, 9).status, 'ok', 'no natural persons: the cap does not apply (c. 4)');
  assert.match(shareCapRule(undefined, 3, 0).text.it, /100\.000\s€.*500 soci.*2%/);
  assert.match(shareCapRule(undefined, 3, 0).text.en, /€100,000/);
});

test('L. 381/1991: social services → type A, prevailing by law; work integration → type B with the 30% test', () => {
  const a = assess({ ...base, members: ['workers', 'users'], founders: 9, activity: 'social_services' });
  assert.deepEqual(a.recommendations.map((x) => x.kind), ['social_a']);
  assert.equal(checkOf(a, 'social.type-a').status, 'ok');
  assert.equal(checkOf(a, 'mutuality.social-by-law').article.it, 'art. 111-septies disp. att. c.c.');
  assert.ok(a.recommendations[0]?.warnings.some((w) => w.code === 'social.volunteers'));

  const b = (w?: number, d?: number) => assess({ ...base, activity: 'work_integration', plannedWorkers: w, disadvantagedWorkers: d });
  assert.equal(checkOf(b(), 'social.type-b').status, 'to-verify');
  assert.equal(checkOf(b(10, 3), 'social.type-b').status, 'ok');
  const short = checkOf(b(10, 2), 'social.type-b');
  assert.equal(short.status, 'not-ok');
  assert.match(short.text.it, /ne servono almeno 3/);
  assert.equal(b(10, 2).eligible, false);
  assert.equal(checkOf(b(7, 3), 'social.type-b').status, 'ok', '3 of 7 = 42.9%');
  assert.equal(checkOf(b(7, 2), 'social.type-b').status, 'not-ok', '2 of 7 = 28.6%');
});

test('workers buyout (L. 49/1985): a worker co-op first, with NASpI in advance and CFI in the next steps', () => {
  const r = assess({ ...base, founders: 12, workersBuyout: true });
  assert.equal(r.recommendations[0]?.kind, 'worker');
  assert.equal(checkOf(r, 'buyout.marcora').status, 'ok');
  assert.ok(r.recommendations[0]?.nextSteps.some((s) => /NASpI/.test(s.it) && /D\.Lgs\. 22\/2015/.test(s.it)));
  const noWorkers = assess({ ...base, members: ['users'], founders: 12, workersBuyout: true });
  assert.equal(checkOf(noWorkers, 'buyout.marcora').status, 'not-ok');
});

test('housing, producers in agriculture (art. 2513 c. 3), community co-ops (regional laws), legal-person votes (art. 2538)', () => {
  const h = assess({ ...base, members: ['inhabitants'], founders: 9 });
  assert.deepEqual(h.recommendations.map((x) => x.kind), ['housing']);
  assert.deepEqual(h.recommendations[0]?.alboCategories, ['edilizie_di_abitazione']);
  const p = assess({ ...base, members: ['producers'], founders: 9, legalPersonFounders: 4, activity: 'agriculture' });
  assert.equal(checkOf(p, 'producer.agricultural').article.it, 'art. 2513 c. 3 c.c.');
  assert.equal(checkOf(p, 'votes.legal-persons').article.it, 'art. 2538 c. 3 c.c.');
  const c = assess({ ...base, members: ['community', 'workers'], founders: 20 });
  assert.deepEqual(c.recommendations.map((x) => x.kind), ['community', 'worker']);
  assert.equal(checkOf(c, 'community.regional-law').status, 'to-verify');
  assert.match(checkOf(c, 'community.regional-law').text.it, /Non c’è una legge nazionale/);
  assert.ok(c.warnings.some((w) => w.code === 'kinds.several'));
  assert.equal(c.recommendations.filter((r) => r.primary).length, 1);
});

test('prevailing mutuality names the measure of each kind and its tax meaning', () => {
  assert.match(prevailingRule('worker').text.it, /costo del lavoro \(B9\).*2513 c\. 1 lett\. b.*agevolazioni fiscali.*2545-octies/);
  assert.match(prevailingRule('user').text.en, /revenues .*A1.*2513\(1\)\(a\)/);
  assert.match(prevailingRule('producer').text.en, /B6/);
  assert.equal(prevailingRule('social_b').status, 'ok');
});

test('cross-field mistakes name their field', () => {
  assert.deepEqual(answerProblems(base), []);
  assert.deepEqual(answerProblems({ ...base, legalPersonFounders: 4 }), [{ field: 'legalPersonFounders', code: 'incubator.legal-persons-above-founders' }]);
  assert.deepEqual(answerProblems({ ...base, members: ['workers', 'workers'] }), [{ field: 'members', code: 'incubator.members-repeated' }]);
  assert.deepEqual(answerProblems({ ...base, disadvantagedWorkers: 2 }), [{ field: 'plannedWorkers', code: 'incubator.planned-workers-required' }]);
  assert.deepEqual(answerProblems({ ...base, plannedWorkers: 2, disadvantagedWorkers: 3 }), [{ field: 'disadvantagedWorkers', code: 'incubator.disadvantaged-above-workers' }]);
});

test('every kind has names, an explanation and a category mapping; every rule an article in both languages', () => {
  for (const k of KINDS) {
    assert.ok(KIND_NAMES[k].it && KIND_NAMES[k].en && KIND_EXPLANATIONS[k].it && KIND_EXPLANATIONS[k].en, k);
    assert.ok(Array.isArray(KIND_CATEGORIES[k].categories));
  }
  assert.deepEqual(KIND_CATEGORIES.community.categories, []);
  for (const id of RULE_IDS) assert.ok(RULES[id].article.it && RULES[id].article.en && RULES[id].title.it && RULES[id].title.en, id);
});

// ---------- properties ----------

const answers: fc.Arbitrary<Answers> = fc
  .record({
    members: fc.uniqueArray(fc.constantFrom(...MEMBER_GROUPS), { minLength: 1, maxLength: MEMBER_GROUPS.length }),
    founders: fc.integer({ min: 1, max: 2_000 }),
    legalShare: fc.double({ min: 0, max: 1, noNaN: true }),
    activity: fc.constantFrom(...ACTIVITIES),
    workersBuyout: fc.boolean(),
    plannedWorkers: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
    disShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    expectedAssetsCents: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined }),
    shareCents: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
    capitalPerFounderCents: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
  })
  .map(({ legalShare, disShare, ...r }) => ({
    ...r,
    legalPersonFounders: Math.floor(r.founders * legalShare),
    disadvantagedWorkers: r.plannedWorkers !== undefined && disShare !== undefined ? Math.floor(r.plannedWorkers * disShare) : undefined,
  }));

test('property: valid answers always get at least one recommendation, exactly one primary, every check with an article', () => {
  fc.assert(
    fc.property(answers, (a) => {
      assert.deepEqual(answerProblems(a), []);
      const r = assess(a);
      assert.ok(r.recommendations.length >= 1);
      assert.equal(r.recommendations.filter((x) => x.primary).length, 1);
      assert.equal(r.recommendations[0]?.primary, true);
      assert.equal(new Set(r.recommendations.map((x) => x.kind)).size, r.recommendations.length);
      for (const rec of r.recommendations) {
        assert.equal(rec.eligible, rec.checks.every((c) => c.status !== 'not-ok'));
        for (const c of rec.checks) {
          assert.deepEqual(c.article, RULES[c.rule].article);
          assert.ok(c.text.it.length > 0 && c.text.en.length > 0 && !/\{\w+\}/.test(c.text.it + c.text.en), `unfilled placeholder in ${c.rule}`);
        }
      }
      assert.equal(r.eligible, r.recommendations[0]?.eligible);
    }),
    { numRuns: 500 },
  );
});

test('property: art. 2522 — eligible founders iff ≥ 9, or ≥ 3 all natural persons (then SRL rules only)', () => {
  fc.assert(
    fc.property(answers, (a) => {
      const r = assess(a);
      const f = r.recommendations[0]?.checks.find((c) => c.rule === 'founders.minimum');
      const expected = a.founders >= 9 || (a.founders >= 3 && a.legalPersonFounders === 0);
      assert.equal(f?.status === 'ok', expected);
      if (a.founders < 9 && expected) assert.deepEqual(r.legalModel.allowed, ['srl']);
      if (!expected) assert.equal(r.eligible, false);
    }),
    { numRuns: 500 },
  );
});

test('property: art. 2519 — SRL rules allowed exactly when fewer than 20 founders or assets up to €1M; SpA always unless 3–8 founders', () => {
  fc.assert(
    fc.property(answers, (a) => {
      const { allowed, recommended } = assess(a).legalModel;
      const srl = a.founders < 20 || (a.expectedAssetsCents !== undefined && a.expectedAssetsCents <= 100_000_000);
      assert.equal(allowed.includes('srl'), srl);
      const srlOnly = a.founders >= 3 && a.founders < 9 && a.legalPersonFounders === 0;
      assert.equal(allowed.includes('spa'), !srlOnly);
      assert.ok(allowed.includes(recommended));
    }),
    { numRuns: 500 },
  );
});

test('property: type B passes exactly at 30% disadvantaged workers, with integer arithmetic', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (w, d0) => {
      const d = Math.min(d0, w);
      const r = assess({ ...base, activity: 'work_integration', plannedWorkers: w, disadvantagedWorkers: d });
      const c = r.recommendations[0]?.checks.find((x) => x.rule === 'social.type-b');
      assert.equal(c?.status === 'ok', 10 * d >= 3 * w);
    }),
    { numRuns: 1_000 },
  );
});

test('property: the recommended kinds follow the answers', () => {
  fc.assert(
    fc.property(answers, (a) => {
      const kinds = kindsFor(a);
      if (a.activity === 'social_services') assert.equal(kinds[0], 'social_a');
      if (a.activity === 'work_integration') assert.equal(kinds[0], 'social_b');
      if (a.workersBuyout) assert.ok(kinds.includes('worker'));
      if (a.members.includes('community')) assert.ok(kinds.includes('community'));
      if (a.members.includes('inhabitants') || a.activity === 'housing') assert.ok(kinds.includes('housing'));
      if (a.members.includes('producers')) assert.ok(kinds.includes('producer'));
      const social = a.activity === 'social_services' || a.activity === 'work_integration';
      if (!social && a.members.includes('workers')) assert.ok(kinds.includes('worker'));
      if (social) assert.ok(!kinds.includes('user'));
    }),
    { numRuns: 500 },
  );
});
