// Prevailing mutuality (art. 2512-2513 c.c.): per line, weighted, exactly at 50%, and the two-year warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prevalence, prevalenceWarnings } from './prevalence.ts';

test('a worker co-op: B9 members 620,000 of 1,000,000 → 62%, passes, explained with the article', () => {
  const r = prevalence([{ line: 'B9', membersCents: 62_000_000, othersCents: 38_000_000 }]);
  assert.equal(r.passes, true);
  assert.equal(r.percent, 62);
  assert.equal(r.weighted, false);
  assert.match(r.explanation.it, /art\. 2513 c\. 1 lett\. b/);
  assert.match(r.explanation.it, /62,00%/);
  assert.match(r.explanation.en, /prevailing mutuality \(art\. 2512/);
});

test('several kinds: the weighted average by amounts decides (art. 2513 c. 2)', () => {
  // A1: members 30 of 100 (30%, fails alone); B9: members 80 of 100 (80%). Weighted: (30 + 80) ÷ 200 = 55% → passes.
  const r = prevalence([
    { line: 'A1', membersCents: 3_000, othersCents: 7_000 },
    { line: 'B9', membersCents: 8_000, othersCents: 2_000 },
  ]);
  assert.deepEqual(r.lines.map((l) => [l.line, l.percent, l.passes]), [['A1', 30, false], ['B9', 80, true]]);
  assert.equal(r.weighted, true);
  assert.equal(r.percent, 55);
  assert.equal(r.passes, true);
  assert.match(r.explanation.it, /media ponderata/);
  // Weighted by the amounts, not the plain average: A1 10 of 100 (10%) and B9 900 of 1000 (90%) → 910 ÷ 1100 = 82.72%.
  const w = prevalence([
    { line: 'A1', membersCents: 1_000, othersCents: 9_000 },
    { line: 'B9', membersCents: 90_000, othersCents: 10_000 },
  ]);
  assert.equal(w.percent, 82.72);
});

test('exactly half is not more than half; 50.004% shows as 50.00% yet passes', () => {
  assert.equal(prevalence([{ line: 'A1', membersCents: 500, othersCents: 500 }]).passes, false);
  const just = prevalence([{ line: 'A1', membersCents: 500_040, othersCents: 499_960 }]);
  assert.equal(just.passes, true);
  assert.equal(just.percent, 50);
});

test('nothing entered → no verdict; social co-ops are prevalent by law', () => {
  const none = prevalence([]);
  assert.equal(none.passes, null);
  assert.match(none.explanation.en, /cannot be measured/);
  const social = prevalence([{ line: 'B9', membersCents: 1, othersCents: 9 }], { socialCooperative: true });
  assert.equal(social.passes, false);
  assert.match(social.explanation.it, /111-septies/);
});

test('two consecutive years below 50% lose the status (art. 2545-octies); one is a notice', () => {
  const verdicts = [{ year: 2023, passes: true }, { year: 2024, passes: false }, { year: 2025, passes: false }];
  assert.deepEqual(prevalenceWarnings(2023, verdicts), []);
  assert.equal(prevalenceWarnings(2024, verdicts)[0]?.code, 'prevalence.at-risk');
  const lost = prevalenceWarnings(2025, verdicts);
  assert.equal(lost[0]?.code, 'prevalence.lost');
  assert.match(lost[0]?.text.it ?? '', /2545-octies/);
  assert.match(lost[0]?.text.en ?? '', /2024 and 2025/);
});
