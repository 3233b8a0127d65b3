// Who may do what: co-op administrators convene and chair; association staff read within their scope; members see
// their co-op's assemblies and their own roll entry and vote only for themselves or those they represent; outsiders
// and other co-ops' administrators get nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { api, type Headers } from './helpers.ts';
import { convenedAssembly, type Scenario } from './scenario.ts';

let p: TestPlatform;
let f: SmallFederation;
let s: Scenario;
let a: ReturnType<typeof api>;
const h: Record<string, Headers> = {};

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  s = await convenedAssembly(p, f, { members: 2, open: true });
  for (const k of ['admin', 'staffBologna', 'staffSociali', 'adminC3', 'member', 'outsider'] as const) h[k] = await p.signIn(f.accounts[k].email, PASSWORD);
  assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/open`, s.admin)).status, 200);
});
after(() => p.close());

test('reading: who sees the assembly, the roll, a roll entry, the outbox', async () => {
  const id = s.assemblyId;
  const expect: [string, string, number][] = [
    ['admin', `/api/v1/assemblies/${id}`, 200],
    ['staffBologna', `/api/v1/assemblies/${id}`, 200],
    ['staffSociali', `/api/v1/assemblies/${id}`, 200],
    ['adminC3', `/api/v1/assemblies/${id}`, 403],
    ['member', `/api/v1/assemblies/${id}`, 200],
    ['outsider', `/api/v1/assemblies/${id}`, 403],
    ['staffBologna', `/api/v1/assemblies/${id}/roll`, 200],
    ['member', `/api/v1/assemblies/${id}/roll`, 403],
    ['outsider', `/api/v1/assemblies/${id}/roll`, 403],
    ['member', `/api/v1/assemblies/${id}/roll/me`, 200],
    ['member', `/api/v1/assemblies/${id}/roll/${s.members[0]!.personId}`, 403],
    ['staffBologna', `/api/v1/assemblies/${id}/roll/${s.members[0]!.personId}`, 200],
    ['outsider', `/api/v1/cooperatives/${f.c1}/assemblies`, 403],
    ['member', `/api/v1/cooperatives/${f.c1}/assemblies`, 200],
    ['adminC3', `/api/v1/cooperatives/${f.c1}/governance/statute`, 403],
    ['staffBologna', `/api/v1/cooperatives/${f.c1}/governance/outbox`, 403],
    ['member', `/api/v1/cooperatives/${f.c1}/governance/outbox`, 403],
    ['admin', `/api/v1/cooperatives/${f.c1}/governance/outbox`, 200],
    ['member', `/api/v1/assemblies/${id}/live`, 200],
    ['outsider', `/api/v1/assemblies/${id}/live`, 403],
    ['outsider', `/api/v1/ballots/${s.resolutionBallot}`, 403],
    ['member', `/api/v1/assemblies/00000000-0000-0000-0000-000000000000`, 404],
  ];
  for (const [who, url, status] of expect) {
    const r = await a.get(url, h[who] as Headers);
    assert.equal(r.status, status, `${who} GET ${url}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/assemblies/${id}` })).statusCode, 401);
});

test('acting: only the co-op administrator convenes and chairs; staff and members cannot', async () => {
  const id = s.assemblyId;
  for (const who of ['staffBologna', 'member', 'outsider', 'adminC3']) {
    const hh = h[who] as Headers;
    assert.equal((await a.post(`/api/v1/ballots/${s.electionBallot}/open`, hh)).status, 403, who);
    assert.equal((await a.post(`/api/v1/assemblies/${id}/close`, hh)).status, 403, who);
    assert.equal((await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, hh, { kind: 'ordinary', title: 'x', mode: 'in_person', firstCallAt: '2030-01-01T10:00:00Z' })).status, 403, who);
  }
  // Members check in only themselves; staff of an association cannot check anyone in.
  assert.equal((await a.post(`/api/v1/assemblies/${id}/attendance/check-in`, h.member as Headers, { personId: s.members[0]!.personId })).status, 403);
  assert.equal((await a.post(`/api/v1/assemblies/${id}/attendance/check-in`, h.staffBologna as Headers, { personId: s.members[0]!.personId })).status, 403);
});

test('voting: a member votes only for themselves or those they represent; staff and outsiders cannot vote', async () => {
  const b = s.resolutionBallot;
  assert.equal((await a.post(`/api/v1/ballots/${b}/votes`, h.staffBologna as Headers, { vote: 'yes' })).status, 403);
  assert.equal((await a.post(`/api/v1/ballots/${b}/votes`, h.outsider as Headers, { vote: 'yes' })).status, 403);
  assert.equal((await a.post(`/api/v1/ballots/${b}/votes`, h.member as Headers, { vote: 'yes', voters: [s.members[0]!.personId] })).status, 403);
  assert.equal((await a.post(`/api/v1/ballots/${b}/votes`, h.adminC3 as Headers, { vote: 'yes', voters: [s.members[0]!.personId], postal: true })).status, 403);
  // A member of another co-op (Anna, c3) is not on the roll.
  const { rows } = await p.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ballot_casts WHERE ballot_id = $1', [b]);
  assert.equal(rows[0]?.n, 0);
});

test('a member who has left no longer sees the co-op’s assemblies nor takes part in their discussion', async () => {
  const leaver = s.members[1]!;
  const { rows } = await p.database.query<{ id: string }>('SELECT id FROM memberships WHERE person_id = $1 AND cooperative_id = $2', [leaver.personId, f.c1]);
  const today = new Date().toISOString().slice(0, 10);
  const exit = await a.post(`/api/v1/memberships/${rows[0]!.id}/exit`, s.admin, { exitKind: 'recesso', exitOn: today, exitReason: 'Recesso volontario' });
  assert.equal(exit.status, 200, JSON.stringify(exit.body));
  const h = s.memberHeaders[1]!;
  assert.equal((await a.get(`/api/v1/assemblies/${s.assemblyId}`, h)).status, 403);
  assert.equal((await a.get(`/api/v1/assemblies/${s.assemblyId}`, s.memberHeaders[0]!)).status, 200);
});
