// Incubator projects through the API: a founding team opens a project, adds co-founders, works through the stages'
// checklists; eligibility is re-assessed on every read and gates the founding deed (art. 2522 c.c.); only the team,
// the staff of the project's territorial association and platform administrators see it; only the team changes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';

type Who = 'anonymous' | Signed;
type Signed = 'admin' | 'staffBologna' | 'staffSociali' | 'adminC1' | 'adminC3' | 'member' | 'outsider';
const ROLES: Signed[] = ['admin', 'staffBologna', 'staffSociali', 'adminC1', 'adminC3', 'member', 'outsider'];
let p: TestPlatform;
let f: SmallFederation;
const headers = { anonymous: {} } as Record<Who, Record<string, string>>;
before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  for (const who of ROLES) headers[who] = await p.signIn(f.accounts[who].email, f.accounts[who].password);
  // A third founder with an account that holds no role anywhere.
  await p.database.query(`INSERT INTO accounts (email, display_name) VALUES ('terza.fondatrice@example.it', 'Terza Fondatrice')`);
});
after(() => p.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are inspected field by field
const req = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<{ statusCode: number; body: string; headers: Record<string, unknown>; json(): any }> =>
  p.app.inject({ method, url, headers: headers[who], ...(payload !== undefined ? { payload: payload as object } : {}) }) as never;

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }, status: number, field?: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  if (field) {
    const fields = ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
    assert.ok(fields.includes(field), `expected an error on ${field}, got ${JSON.stringify(fields)}`);
  }
}

const idea = (extra: Record<string, unknown> = {}) => ({
  name: 'Ciclofficina Cooperativa',
  idea: 'Riparazione e noleggio di biciclette in città, gestita da chi ci lavora.',
  atecoCode: '95.29',
  kind: 'worker',
  activity: 'other',
  members: ['workers'],
  sdgGoals: [8, 11],
  needs: ['formazione', 'locali'],
  territorialId: f.bologna,
  ...extra,
});

let projectId = '';

const tickAll = async (id: string, stage: string, items: string[]) => {
  for (const item of items) assert.equal((await req('member', 'PUT', `/api/v1/incubator/projects/${id}/checklist/${stage}/${item}`, { done: true })).statusCode, 200);
};
const ITEMS: Record<string, string[]> = { idea: ['team', 'idea', 'assessment'], validation: ['market', 'interviews'], business_plan: ['plan', 'financing'], statute: ['statute', 'governance'] };

test('a member opens a project and becomes its lead; alone, the group is not eligible yet (art. 2522)', async () => {
  const res = await req('member', 'POST', '/api/v1/incubator/projects', idea());
  assert.equal(res.statusCode, 201, res.body);
  const pr = res.json();
  projectId = pr.id;
  assert.equal(pr.stage, 'idea');
  assert.deepEqual(pr.team.map((t: { displayName: string; role: string }) => [t.displayName, t.role]), [['Mario Rossi', 'lead']]);
  assert.deepEqual(pr.sdgGoals, [8, 11]);
  assert.equal(pr.eligibility.founders, 1);
  assert.equal(pr.eligibility.kindFits, true);
  assert.equal(pr.eligibility.eligible, false);
  const founders = pr.eligibility.recommendation.checks.find((c: { rule: string }) => c.rule === 'founders.minimum');
  assert.equal(founders.status, 'not-ok');
  assert.equal(pr.stages.length, 7);
  assert.equal(pr.canEdit, true);
});

test('co-founders join by their account’s e-mail; with three natural persons the group is eligible under SRL rules', async () => {
  assertProblem(await req('member', 'POST', `/api/v1/incubator/projects/${projectId}/founders`, { email: 'nessuno@example.it' }), 400, 'body/email');
  assert.equal((await req('member', 'POST', `/api/v1/incubator/projects/${projectId}/founders`, { email: f.accounts.adminC1.email })).statusCode, 201);
  assertProblem(await req('member', 'POST', `/api/v1/incubator/projects/${projectId}/founders`, { email: f.accounts.adminC1.email.toUpperCase() }), 409, 'body/email');
  const res = await req('adminC1', 'POST', `/api/v1/incubator/projects/${projectId}/founders`, { email: 'terza.fondatrice@example.it' });
  assert.equal(res.statusCode, 201, res.body);
  const pr = res.json();
  assert.equal(pr.team.length, 3);
  assert.equal(pr.eligibility.founders, 3);
  assert.equal(pr.eligibility.eligible, true);
  assert.match(pr.eligibility.recommendation.checks[0].text.it, /art\. 2522 c\. 2/);
});

test('only the team, its territorial association’s staff and platform administrators see the project', async () => {
  assertProblem(await req('anonymous', 'GET', `/api/v1/incubator/projects/${projectId}`), 401);
  for (const who of ['outsider', 'adminC3', 'staffSociali'] as const) {
    assertProblem(await req(who, 'GET', `/api/v1/incubator/projects/${projectId}`), 404);
    assert.deepEqual((await req(who, 'GET', '/api/v1/incubator/projects')).json().items, [], who);
    assertProblem(await req(who, 'POST', `/api/v1/incubator/projects/${projectId}/founders`, { email: f.accounts[who].email }), 404);
    assertProblem(await req(who, 'PUT', `/api/v1/incubator/projects/${projectId}/checklist/idea/team`, { done: true }), 404);
    assertProblem(await req(who, 'POST', `/api/v1/incubator/projects/${projectId}/stage`, { stage: 'validation' }), 404);
  }
  for (const who of ['staffBologna', 'admin'] as const) {
    const res = await req(who, 'GET', `/api/v1/incubator/projects/${projectId}`);
    assert.equal(res.statusCode, 200, who);
    assert.equal(res.json().canEdit, false);
    assert.deepEqual((await req(who, 'GET', '/api/v1/incubator/projects')).json().items.map((i: { id: string }) => i.id), [projectId]);
    // Staff follow the project; the team runs it.
    assertProblem(await req(who, 'PUT', `/api/v1/incubator/projects/${projectId}/checklist/idea/team`, { done: true }), 403);
    assertProblem(await req(who, 'POST', `/api/v1/incubator/projects/${projectId}/founders`, { email: f.accounts.outsider.email }), 403);
  }
  const mine = (await req('adminC1', 'GET', '/api/v1/incubator/projects')).json().items;
  assert.deepEqual(mine.map((i: { id: string; team: boolean }) => [i.id, i.team]), [[projectId, true]]);
});

test('stages: one at a time, each after its checklist; items of later stages wait', async () => {
  assertProblem(await req('member', 'POST', `/api/v1/incubator/projects/${projectId}/stage`, { stage: 'validation' }), 409, 'body/stage');
  assertProblem(await req('member', 'POST', `/api/v1/incubator/projects/${projectId}/stage`, { stage: 'statute' }), 409, 'body/stage');
  assertProblem(await req('member', 'PUT', `/api/v1/incubator/projects/${projectId}/checklist/validation/market`, { done: true }), 409, 'params/stage');
  assertProblem(await req('member', 'PUT', `/api/v1/incubator/projects/${projectId}/checklist/idea/nothing`, { done: true }), 404);
  assertProblem(await req('member', 'PUT', `/api/v1/incubator/projects/${projectId}/checklist/ideas/team`, { done: true }), 400, 'params/stage');
  await tickAll(projectId, 'idea', ITEMS.idea as string[]);
  // Unticking and ticking again is fine.
  assert.equal((await req('member', 'PUT', `/api/v1/incubator/projects/${projectId}/checklist/idea/team`, { done: false })).json().stages[0].checklist[0].done, false);
  await tickAll(projectId, 'idea', ['team']);
  const moved = await req('member', 'POST', `/api/v1/incubator/projects/${projectId}/stage`, { stage: 'validation' });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().stage, 'validation');
  assert.equal(moved.json().stages[0].done, true);
  assert.equal(await count(`SELECT 1 FROM audit_log WHERE action LIKE 'incubator.%' AND subject_id = $1`, [projectId]), 9);
});

test('the founding deed needs an eligible group: four founders with a firm among them are not enough (art. 2522 c. 1)', async () => {
  const created = (await req('member', 'POST', '/api/v1/incubator/projects', idea({ name: 'Con una società', legalPersonFounders: 1 }))).json();
  for (const email of [f.accounts.adminC1.email, 'terza.fondatrice@example.it']) await req('member', 'POST', `/api/v1/incubator/projects/${created.id}/founders`, { email });
  for (const [stage, next] of [['idea', 'validation'], ['validation', 'business_plan'], ['business_plan', 'statute']] as const) {
    await tickAll(created.id, stage, ITEMS[stage] as string[]);
    assert.equal((await req('member', 'POST', `/api/v1/incubator/projects/${created.id}/stage`, { stage: next })).statusCode, 200);
  }
  await tickAll(created.id, 'statute', ITEMS.statute as string[]);
  const refused = await req('member', 'POST', `/api/v1/incubator/projects/${created.id}/stage`, { stage: 'founding_deed' }, );
  assertProblem(refused, 409, 'body/stage');
  assert.match(refused.json().detail, /2522/);
  const pr = (await req('member', 'GET', `/api/v1/incubator/projects/${created.id}`)).json();
  assert.equal(pr.eligibility.founders, 4);
  assert.equal(pr.eligibility.eligible, false);
});

test('bad input: a 400 naming the field, never a 500', async () => {
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ territorialId: f.c1 })), 400, 'body/territorialId');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ territorialId: '00000000-0000-4000-8000-000000000000' })), 400, 'body/territorialId');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ atecoCode: 'abc' })), 400, 'body/atecoCode');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ sdgGoals: [18] })), 400, 'body/sdgGoals/0');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ sdgGoals: [3, 3] })), 400, 'body/sdgGoals');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ kind: 'pirate' })), 400, 'body/kind');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ name: '   ' })), 400, 'body/name');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ disadvantagedWorkers: 2 })), 400, 'body/plannedWorkers');
  assertProblem(await req('member', 'POST', '/api/v1/incubator/projects', idea({ owner: 'me' })), 400, 'body/owner');
  assertProblem(await req('member', 'GET', '/api/v1/incubator/projects/not-a-uuid'), 400, 'params/id');
  assertProblem(await req('member', 'GET', '/api/v1/incubator/projects/00000000-0000-4000-8000-000000000000'), 404);
  assertProblem(await req('anonymous', 'POST', '/api/v1/incubator/projects', idea()), 401);
});

test('co-ops born through the incubator are counted from the projects linked to a registry co-op', async () => {
  await p.database.query(`UPDATE incubator_projects SET cooperative_id = $1 WHERE id = $2`, [f.c3, projectId]);
  const kinds = (await p.app.inject({ method: 'GET', url: '/api/v1/incubator/kinds' })).json();
  assert.equal(kinds.items.find((k: { kind: string }) => k.kind === 'worker').bornThroughIncubator, 1);
  assert.equal(kinds.items.find((k: { kind: string }) => k.kind === 'housing').bornThroughIncubator, 0);
});

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await p.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
  return rows[0]?.n ?? 0;
}
