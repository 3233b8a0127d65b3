// Prevailing mutuality through the API: per line and weighted, explained, and the warning after two years below 50%.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, type Ctx } from './helpers.ts';

let c: Ctx;
before(async () => {
  c = await setup();
});
after(() => c.close());

const put = (year: number, lines: unknown[]) => c.req('adminC3', 'PUT', `/api/v1/cooperatives/${c.f.c3}/financial-statements/${year}`, { lines });

test('weighted test over several lines, in both languages, naming the articles', async () => {
  // A1: members 300,000 of 1,000,000 (30%); B9: members 900,000 of 1,000,000 (90%) → 1,200,000 ÷ 2,000,000 = 60%.
  assert.equal((await put(2024, [{ line: 'A1', membersCents: 30_000_000, othersCents: 70_000_000 }, { line: 'B9', membersCents: 90_000_000, othersCents: 10_000_000 }])).statusCode, 200);
  const r = (await c.req('staffBologna', 'GET', `/api/v1/cooperatives/${c.f.c3}/prevalence/2024`)).json();
  assert.deepEqual([r.percent, r.passes, r.weighted], [60, true, true]);
  assert.deepEqual(r.lines.map((l: { line: string; passes: boolean }) => [l.line, l.passes]), [['A1', false], ['B9', true]]);
  assert.match(r.explanation.it, /art\. 2513 c\. 2/);
  assert.match(r.explanation.en, /weighted by the respective amounts/);
  assert.deepEqual(r.warnings, []);
});

test('one year below 50% warns; two consecutive years lose prevalence (art. 2545-octies)', async () => {
  await put(2025, [{ line: 'B9', membersCents: 40, othersCents: 60 }]);
  let r = (await c.req('adminC3', 'GET', `/api/v1/cooperatives/${c.f.c3}/prevalence/2025`)).json();
  assert.equal(r.passes, false);
  assert.equal(r.warnings[0].code, 'prevalence.at-risk');
  await put(2024, [{ line: 'B9', membersCents: 50, othersCents: 50 }]);
  r = (await c.req('adminC3', 'GET', `/api/v1/cooperatives/${c.f.c3}/prevalence/2025`)).json();
  assert.equal(r.warnings[0].code, 'prevalence.lost');
  assert.match(r.warnings[0].text.it, /2545-octies/);
  const history = (await c.req('adminC3', 'GET', `/api/v1/cooperatives/${c.f.c3}/prevalence`)).json();
  assert.deepEqual(history.items.map((i: { year: number; passes: boolean }) => [i.year, i.passes]), [[2024, false], [2025, false]]);
});

test('lines are validated: a repeated line, an unknown line, a negative amount', async () => {
  assertProblem(await put(2023, [{ line: 'B9', membersCents: 1, othersCents: 1 }, { line: 'B9', membersCents: 1, othersCents: 1 }]), 400, 'body/lines/1/line');
  assertProblem(await put(2023, [{ line: 'C1', membersCents: 1, othersCents: 1 }]), 400);
  assertProblem(await put(2023, [{ line: 'A1', membersCents: -1, othersCents: 1 }]), 400, 'body/lines/0/membersCents');
  assert.equal(await c.count('SELECT 1 FROM mutuality_statement_lines WHERE year = 2023'), 0);
});

test('a social co-op is prevalent by law whatever the figures', async () => {
  await c.req('adminC3', 'PATCH', `/api/v1/cooperatives/${c.f.c3}`, { socialType: 'A' });
  const r = (await c.req('adminC3', 'GET', `/api/v1/cooperatives/${c.f.c3}/prevalence/2025`)).json();
  assert.equal(r.socialCooperative, true);
  assert.deepEqual(r.warnings, []);
  assert.match(r.explanation.it, /111-septies/);
});
