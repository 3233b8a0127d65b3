// Deliberation: a discussion thread per agenda item, amendments the proposer accepts or rejects (an accepted one
// becomes the motion), consultative polls of every kind; and the live view as server-sent events over a real socket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { api, type Headers } from './helpers.ts';
import { convenedAssembly, type Scenario } from './scenario.ts';

let p: TestPlatform;
let f: SmallFederation;
let s: Scenario;
let a: ReturnType<typeof api>;
let staff: Headers;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  s = await convenedAssembly(p, f, { members: 3 });
  staff = await p.signIn(f.accounts.staffBologna.email, PASSWORD);
});
after(() => p.close());

test('discussion and amendments: the proposer decides; an accepted amendment becomes the motion', async () => {
  const item = (await a.get(`/api/v1/assemblies/${s.assemblyId}`, s.admin)).body.items[0];
  const [m0, m1] = s.memberHeaders as [Headers, Headers];
  const c = await a.post(`/api/v1/assembly-items/${item.id}/comments`, m0, { body: 'Propongo di aggiungere una riserva.' });
  assert.equal(c.status, 201);
  assert.equal((await a.post(`/api/v1/assembly-items/${item.id}/comments`, m1, { body: 'D’accordo.', parentId: c.body.id })).status, 201);
  assert.equal((await a.post(`/api/v1/assembly-items/${item.id}/comments`, staff, { body: 'Staff' })).status, 403);
  assert.equal((await a.get(`/api/v1/assembly-items/${item.id}/comments`, m1)).body.items.length, 2);
  const am = await a.post(`/api/v1/assembly-items/${item.id}/amendments`, m0, { text: 'Testo emendato della delibera', rationale: 'Più chiaro' });
  assert.equal(am.status, 201);
  const rejected = await a.post(`/api/v1/assembly-items/${item.id}/amendments`, m1, { text: 'Altro testo' });
  // Only the motion's proposer (here the administrator who drafted it) decides.
  assert.equal((await a.post(`/api/v1/amendments/${am.body.id}/decision`, m1, { decision: 'accepted' })).status, 403);
  assert.equal((await a.post(`/api/v1/amendments/${am.body.id}/decision`, s.admin, { decision: 'accepted' })).body.status, 'accepted');
  assert.equal((await a.post(`/api/v1/amendments/${rejected.body.id}/decision`, s.admin, { decision: 'rejected' })).body.status, 'rejected');
  assert.equal((await a.post(`/api/v1/amendments/${am.body.id}/decision`, s.admin, { decision: 'rejected' })).status, 409);
  const after = (await a.get(`/api/v1/assemblies/${s.assemblyId}`, m0)).body.items[0];
  assert.equal(after.motion, 'Testo emendato della delibera');
  assert.equal(after.motionVersion, 2);
});

test('consultative polls: single, multiple, score, ranked, meeting time; one response per member, changeable', async () => {
  const [m0, m1, m2] = s.memberHeaders as [Headers, Headers, Headers];
  const make = async (body: object) => {
    const r = await a.post(`/api/v1/assemblies/${s.assemblyId}/polls`, s.admin, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const single = await make({ question: 'Sede della festa?', kind: 'single', options: ['Bologna', 'Imola', 'Modena'] });
  await a.put(`/api/v1/polls/${single}/response`, m0, { choices: [1] });
  await a.put(`/api/v1/polls/${single}/response`, m0, { choices: [2] }); // changed mind
  await a.put(`/api/v1/polls/${single}/response`, m1, { choices: [2] });
  const r1 = (await a.put(`/api/v1/polls/${single}/response`, m2, { choices: [0] })).body;
  assert.equal(r1.result.responses, 3);
  assert.deepEqual(r1.result.best, [2]);
  assert.equal((await a.put(`/api/v1/polls/${single}/response`, m2, { choices: [0, 1] })).status, 400);
  assert.equal((await a.put(`/api/v1/polls/${single}/response`, s.admin, { choices: [0] })).status, 200); // the admin (Giulia) is a member too
  const ranked = await make({ question: 'Priorità', kind: 'ranked', options: ['Welfare', 'Formazione', 'Ambiente'] });
  for (const [h, r] of [[m0, [2, 0, 1]], [m1, [2, 1, 0]], [m2, [0, 2, 1]]] as const) await a.put(`/api/v1/polls/${ranked}/response`, h, { choices: r });
  assert.deepEqual((await a.get(`/api/v1/polls/${ranked}`, m0)).body.result.best, [2]);
  const when = await make({ question: 'Quando la riunione preparatoria?', kind: 'meeting_time', options: ['2030-03-01T18:00:00Z', '2030-03-02T18:00:00Z'] });
  await a.put(`/api/v1/polls/${when}/response`, m0, { availability: ['yes', 'maybe'] });
  await a.put(`/api/v1/polls/${when}/response`, m1, { availability: ['no', 'yes'] });
  assert.deepEqual((await a.put(`/api/v1/polls/${when}/response`, m2, { availability: ['maybe', 'yes'] })).body.result.best, [1]);
  assert.equal((await a.post(`/api/v1/assemblies/${s.assemblyId}/polls`, s.admin, { question: 'x', kind: 'meeting_time', options: ['domani', 'dopodomani'] })).status, 400);
  const score = await make({ question: 'Voto al servizio mensa', kind: 'score', options: ['Qualità', 'Prezzo'], max: 5 });
  assert.equal((await a.put(`/api/v1/polls/${score}/response`, m0, { scores: [5, 2] })).body.result.options[0].average, 5);
  const multiple = await make({ question: 'Corsi', kind: 'multiple', options: ['A', 'B', 'C'], max: 2 });
  assert.equal((await a.put(`/api/v1/polls/${multiple}/response`, m0, { choices: [0, 1, 2] })).status, 400);
  assert.equal((await a.post(`/api/v1/polls/${single}/close`, m0)).status, 403);
  assert.equal((await a.post(`/api/v1/polls/${single}/close`, s.admin)).body.status, 'closed');
  assert.equal((await a.put(`/api/v1/polls/${single}/response`, m0, { choices: [0] })).status, 409);
  assert.equal((await a.get(`/api/v1/assemblies/${s.assemblyId}/polls`, staff)).body.items.length, 5);
});

test('live view: server-sent events over a real socket follow presence as members check in', async () => {
  await p.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (p.app.server.address() as AddressInfo).port;
  const ctrl = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/assemblies/${s.assemblyId}/live/stream`, { headers: { cookie: s.memberHeaders[0]!.cookie as string }, signal: ctrl.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const nextEvent = async (): Promise<{ presence: { presentPeople: number } }> => {
    for (;;) {
      const i = buf.indexOf('\n\n');
      if (i >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6));
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += decoder.decode(value, { stream: true });
    }
  };
  const first = await nextEvent();
  assert.equal(first.presence.presentPeople, 0);
  assert.equal((await a.post(`/api/v1/assemblies/${s.assemblyId}/attendance/check-in`, s.memberHeaders[1]!, {})).status, 200);
  const second = await nextEvent();
  assert.equal(second.presence.presentPeople, 1);
  ctrl.abort();
  // An outsider gets a problem, not a stream.
  const outsider = await p.signIn(f.accounts.outsider.email, PASSWORD);
  const refused = await fetch(`http://127.0.0.1:${port}/api/v1/assemblies/${s.assemblyId}/live/stream`, { headers: { cookie: outsider.cookie as string } });
  assert.equal(refused.status, 403);
  assert.match(refused.headers.get('content-type') ?? '', /problem\+json/);
});
