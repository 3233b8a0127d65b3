// The remaining routes answer with their documented shapes: documents (multipart), drafts, cancellation, officers,
// sections, statute versions, the roll taken again, attendance lists, who voted, proxies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';
import { addMembers, api, inDays } from './helpers.ts';
import { convenedAssembly, type Scenario } from './scenario.ts';

let p: TestPlatform;
let f: SmallFederation;
let s: Scenario;
let a: ReturnType<typeof api>;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  s = await convenedAssembly(p, f, { members: 2 });
});
after(() => p.close());

function multipart(name: string, content: Buffer, type: string) {
  const boundary = '----coop' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

test('drafts: items, documents (multipart), deletion; cancellation', async () => {
  const d = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, s.admin, { kind: 'extraordinary', title: 'Modifica dello statuto', mode: 'in_person', firstCallAt: inDays(30), items: [{ kind: 'resolution', title: 'Art. 5' }] });
  assert.equal(d.status, 201);
  const withItem = await a.post(`/api/v1/assemblies/${d.body.id}/items`, s.admin, { kind: 'information', title: 'Comunicazioni' });
  assert.equal(withItem.body.items.length, 2);
  const itemId = withItem.body.items[0].id;
  const pdf = Buffer.from('%PDF-1.4 bozza di statuto');
  const up = multipart('statuto.pdf', pdf, 'application/pdf');
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/assembly-items/${itemId}/documents`, headers: { ...s.admin, ...up.headers }, payload: up.payload });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().sha256, createHash('sha256').update(pdf).digest('hex'));
  const got = await p.app.inject({ method: 'GET', url: `/api/v1/assembly-documents/${res.json().id}`, headers: s.admin });
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.rawPayload, pdf);
  assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/assembly-documents/${res.json().id}`, headers: s.memberHeaders[0] })).statusCode, 404); // a draft
  const noFile = await p.app.inject({ method: 'POST', url: `/api/v1/assembly-items/${itemId}/documents`, headers: { ...s.admin, 'content-type': 'application/json' }, payload: '{}' });
  assert.equal(noFile.statusCode, 415);
  assert.equal((await a.del(`/api/v1/assembly-documents/${res.json().id}`, s.admin)).status, 204);
  assert.equal((await a.del(`/api/v1/assembly-items/${withItem.body.items[1].id}`, s.admin)).status, 204);
  assert.equal((await a.del(`/api/v1/assemblies/${d.body.id}`, s.admin)).status, 204);
  const c = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, s.admin, { kind: 'ordinary', title: 'Da annullare', mode: 'in_person', firstCallAt: inDays(30), items: [{ kind: 'information', title: 'x' }] });
  const cancelled = await a.post(`/api/v1/assemblies/${c.body.id}/cancel`, s.admin);
  assert.equal(cancelled.body.status, 'cancelled');
  assert.equal((await a.post(`/api/v1/assemblies/${c.body.id}/cancel`, s.admin)).status, 409);
});

test('setup routes: rules, statute versions, officers, sections', async () => {
  const rules = await a.get('/api/v1/governance/rules', s.admin);
  assert.equal((rules.body.minDaysInRegister as { source: string }).source, 'art. 2538 c. 1 c.c.');
  assert.equal((await a.get(`/api/v1/cooperatives/${f.c1}/governance/statute/versions`, s.admin)).body.items.length, 1);
  const o = await a.post(`/api/v1/cooperatives/${f.c1}/governance/officers`, s.admin, { personId: f.people.mario, role: 'auditor', since: '2024-05-01' });
  assert.equal(o.status, 201);
  assert.equal((await a.post(`/api/v1/cooperatives/${f.c1}/governance/officers`, s.admin, { personId: f.people.mario, role: 'auditor', since: '2024-05-01' })).status, 409);
  assert.equal((await a.post(`/api/v1/governance/officers/${o.body.id}/end`, s.admin, { until: '2025-05-01' })).body.until, '2025-05-01');
  assert.equal((await a.get(`/api/v1/cooperatives/${f.c1}/governance/officers`, s.admin)).body.items.length, 1);
  const sec = await a.post(`/api/v1/cooperatives/${f.c1}/governance/sections`, s.admin, { name: 'Centro' });
  await a.post(`/api/v1/governance/sections/${sec.body.id}/members`, s.admin, { personIds: [s.members[0]!.personId] });
  assert.equal((await a.get(`/api/v1/governance/sections/${sec.body.id}/members`, s.admin)).body.items.length, 1);
  assert.equal((await a.get(`/api/v1/cooperatives/${f.c1}/governance/sections`, s.admin)).body.items[0].members, 1);
});

test('running an assembly: roll taken again, attendance list, check-out, who voted, proxies', async () => {
  assert.equal((await a.post(`/api/v1/assemblies/${s.assemblyId}/roll/recompute`, s.admin)).body.voters, 4);
  await a.post(`/api/v1/assemblies/${s.assemblyId}/proxies`, s.memberHeaders[1]!, { holderPersonId: s.members[0]!.personId });
  const proxies = await a.get(`/api/v1/assemblies/${s.assemblyId}/proxies`, s.admin);
  assert.equal(proxies.body.items.length, 1);
  assert.equal((await a.get(`/api/v1/assemblies/${s.assemblyId}/proxies`, s.memberHeaders[0]!)).body.items[0].grantorWeight, 1);
  await a.post(`/api/v1/assemblies/${s.assemblyId}/attendance/check-in`, s.memberHeaders[0]!, {});
  const list = await a.get(`/api/v1/assemblies/${s.assemblyId}/attendance`, s.admin);
  assert.equal(list.body.items[0].proxiesHeld, 1);
  assert.equal(list.body.presence.total, 2);
  assert.equal((await a.post(`/api/v1/assemblies/${s.assemblyId}/attendance/check-out`, s.memberHeaders[0]!, {})).body.presence.total, 0);
  assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/open`, s.admin)).status, 200); // ahead: remote voting allowed
  await a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, s.memberHeaders[0]!, { vote: 'no' });
  const casts = await a.get(`/api/v1/ballots/${s.resolutionBallot}/votes`, s.admin);
  assert.deepEqual(casts.body.items.map((c: { channel: string; choice: string }) => [c.channel, c.choice]), [['remote', 'no']]);
  assert.equal((await a.get(`/api/v1/ballots/${s.resolutionBallot}/votes`, s.memberHeaders[1]!)).body.items.length, 0);
  const me = await a.get(`/api/v1/assemblies/${s.assemblyId}/me`, s.memberHeaders[0]!);
  assert.equal(me.body.ballots[0].voters[0].voted, true);
});

test('a member the roll adds after convocation (a register correction) is notified then, once', async () => {
  const before = (await a.get(`/api/v1/cooperatives/${f.c1}/governance/outbox`, s.admin)).body.total as number;
  const [late] = await addMembers(p.database, f.c1, 1, { prefix: 'tardivo' });
  const first = await a.post(`/api/v1/assemblies/${s.assemblyId}/roll/recompute`, s.admin);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual([first.body.voters, first.body.newNotices, first.body.newEmails], [5, 1, 1]);
  const outbox = (await a.get(`/api/v1/cooperatives/${f.c1}/governance/outbox`, s.admin)).body;
  assert.equal(outbox.total, before + 1);
  assert.equal(outbox.items[0].toAddress, late!.email);
  const again = await a.post(`/api/v1/assemblies/${s.assemblyId}/roll/recompute`, s.admin);
  assert.deepEqual([again.body.voters, again.body.newNotices, again.body.newEmails], [5, 0, 0]);
});
