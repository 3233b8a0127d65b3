// The incubator's public API: the self-assessment (no sign-in, validated, problem+json naming the field, never a
// 500 for a user's mistake), the kinds with the registry's real figures, and the per-address rate limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';

let p: TestPlatform;
let f: SmallFederation;
before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
});
after(() => p.close());

const assess = (payload: unknown, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'POST', url: '/api/v1/incubator/assessment', payload: payload as object, headers });
const threeWorkers = { members: ['workers'], founders: 3, activity: 'other' };

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }, status: number, field?: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  if (field) {
    const fields = ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
    assert.ok(fields.includes(field), `expected an error on ${field}, got ${JSON.stringify(fields)}`);
  }
}

test('anonymous: three workers get a worker co-op under SRL rules, with the articles', async () => {
  const res = await assess(threeWorkers);
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  assert.equal(r.eligible, true);
  assert.equal(r.recommendations[0].kind, 'worker');
  assert.deepEqual(r.legalModel.allowed, ['srl']);
  const founders = r.recommendations[0].checks.find((c: { rule: string }) => c.rule === 'founders.minimum');
  assert.equal(founders.status, 'ok');
  assert.match(founders.text.it, /art\. 2522 c\. 2/);
  assert.equal(founders.article.en, 'art. 2522 Civil Code');
  assert.ok(r.recommendations[0].checks.some((c: { rule: string }) => c.rule === 'share.minimum'));
});

test('a type B group below 30% and firms among 5 founders: not eligible, explained', async () => {
  const r = (await assess({ members: ['workers'], founders: 5, legalPersonFounders: 1, activity: 'work_integration', plannedWorkers: 10, disadvantagedWorkers: 2 })).json();
  assert.equal(r.eligible, false);
  assert.equal(r.recommendations[0].kind, 'social_b');
  const statuses = Object.fromEntries(r.recommendations[0].checks.map((c: { rule: string; status: string }) => [c.rule, c.status]));
  assert.equal(statuses['founders.minimum'], 'not-ok');
  assert.equal(statuses['social.type-b'], 'not-ok');
});

test('bad input is a 400 problem naming the field, in the asked language', async () => {
  assertProblem(await assess({ ...threeWorkers, founders: 'tre' }), 400, 'body/founders');
  assertProblem(await assess({ members: ['workers'], founders: 3 }), 400, 'body/activity');
  assertProblem(await assess({ ...threeWorkers, members: [] }), 400, 'body/members');
  assertProblem(await assess({ ...threeWorkers, members: ['pirates'] }), 400, 'body/members/0');
  assertProblem(await assess({ ...threeWorkers, hobby: 'chess' }), 400, 'body/hobby');
  assertProblem(await assess({ ...threeWorkers, founders: 0 }), 400, 'body/founders');
  assertProblem(await assess({ ...threeWorkers, founders: 1e30 }), 400, 'body/founders');
  assertProblem(await assess({ ...threeWorkers, founders: 2.5 }), 400, 'body/founders');
  assertProblem(await assess({ ...threeWorkers, members: ['workers', 'workers'] }), 400, 'body/members');
  assertProblem(await assess({ ...threeWorkers, disadvantagedWorkers: 1 }), 400, 'body/plannedWorkers');
  assertProblem(await assess({ ...threeWorkers, plannedWorkers: 1, disadvantagedWorkers: 2 }), 400, 'body/disadvantagedWorkers');
  const en = await assess({ ...threeWorkers, legalPersonFounders: 4 }, { 'accept-language': 'en' });
  assertProblem(en, 400, 'body/legalPersonFounders');
  assert.equal(en.json().errors[0].message, 'Legal-person founders cannot outnumber the founders');
  const it = await p.app.inject({ method: 'POST', url: '/api/v1/incubator/assessment?lang=it', payload: { ...threeWorkers, legalPersonFounders: 4 } });
  assert.match(it.json().errors[0].message, /persone giuridiche/);
  const malformed = await p.app.inject({ method: 'POST', url: '/api/v1/incubator/assessment', payload: '{"members":', headers: { 'content-type': 'application/json' } });
  assertProblem(malformed, 400);
  assertProblem(await p.app.inject({ method: 'POST', url: '/api/v1/incubator/assessment', payload: 'x', headers: { 'content-type': 'text/plain' } }), 400, 'body');
});

test('kinds: explanations and the registry’s active co-ops of each kind by province', async () => {
  // The small federation: c1 social (BO), c2 worker (RA), c3 worker (BO). Make c1 type A and add a struck-off worker co-op.
  await p.database.query(`UPDATE cooperatives SET social_type = 'A' WHERE organisation_id = $1`, [f.c1]);
  const { rows } = await p.database.query<{ id: string }>(`INSERT INTO organisations (kind, name, parent_id) VALUES ('cooperative', 'Cooperativa Chiusa', $1) RETURNING id`, [f.bologna]);
  await p.database.query(
    `INSERT INTO cooperatives (organisation_id, codice_fiscale, albo_category, province, status) VALUES ($1, '01234567897', 'produzione_e_lavoro', 'BO', 'struck_off')`,
    [rows[0]?.id],
  );
  const res = await p.app.inject({ method: 'GET', url: '/api/v1/incubator/kinds' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  const kind = (k: string) => body.items.find((i: { kind: string }) => i.kind === k);
  assert.deepEqual(body.items.map((i: { kind: string }) => i.kind), ['worker', 'user', 'producer', 'housing', 'social_a', 'social_b', 'community']);
  assert.equal(kind('worker').activeCooperatives, 2, 'the struck-off co-op is not counted');
  assert.deepEqual(kind('worker').byProvince, [{ province: 'BO', count: 1 }, { province: 'RA', count: 1 }]);
  assert.equal(kind('social_a').activeCooperatives, 1);
  assert.deepEqual(kind('social_a').byProvince, [{ province: 'BO', count: 1 }]);
  assert.equal(kind('social_b').activeCooperatives, 0);
  assert.equal(kind('community').activeCooperatives, null, 'the registry cannot tell community co-ops');
  assert.equal(kind('worker').bornThroughIncubator, 0);
  assert.match(kind('social_b').explanation.it, /30%/);
  assert.ok(body.rules.some((r: { id: string; article: { it: string } }) => r.id === 'founders.minimum' && r.article.it === 'art. 2522 c.c.'));
});

test('the OpenAPI document describes both routes', async () => {
  const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/v1/incubator/assessment']?.post);
  assert.ok(doc.paths['/api/v1/incubator/kinds']?.get);
});

test('public routes are rate-limited per address: a 429 problem', async () => {
  let last = 0;
  for (let i = 0; i < 70 && last !== 429; i++) {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/incubator/kinds', remoteAddress: '192.0.2.7' });
    last = res.statusCode;
    if (last === 429) assertProblem(res, 429);
  }
  assert.equal(last, 429);
  // Another address is unaffected.
  assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/incubator/kinds', remoteAddress: '192.0.2.8' })).statusCode, 200);
});
