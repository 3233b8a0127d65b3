// Sectional assemblies (assemblee separate, art. 2540 c.c.): each section's meeting votes on the same agenda and
// elects delegates by STV (minorities represented in proportion); the delegates carry their section's votes to the
// general assembly, whose roll is the delegates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { addMembers, api, arrive, inDays, OPEN_STATUTE, type Headers, type NewMember } from './helpers.ts';

let p: TestPlatform;
let f: SmallFederation;
let a: ReturnType<typeof api>;
let admin: Headers;
let north: NewMember[];
let south: NewMember[];

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  admin = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  north = await addMembers(p.database, f.c1, 7, { accounts: true, prefix: 'nord' });
  south = await addMembers(p.database, f.c1, 3, { accounts: true, prefix: 'sud' });
});
after(() => p.close());

test('sections, sectional meetings, delegates elected by STV, the general assembly of delegates', async () => {
  assert.equal((await a.put(`/api/v1/cooperatives/${f.c1}/governance/statute`, admin, { params: OPEN_STATUTE })).status, 200);
  const n = await a.post(`/api/v1/cooperatives/${f.c1}/governance/sections`, admin, { name: 'Nord' });
  const s = await a.post(`/api/v1/cooperatives/${f.c1}/governance/sections`, admin, { name: 'Sud' });
  assert.equal(n.status, 201);
  assert.equal((await a.post(`/api/v1/governance/sections/${n.body.id}/members`, admin, { personIds: north.map((m) => m.personId) })).body.members, 7);
  assert.equal((await a.post(`/api/v1/governance/sections/${s.body.id}/members`, admin, { personIds: south.map((m) => m.personId) })).body.members, 3);
  assert.equal((await a.post(`/api/v1/governance/sections/${s.body.id}/members`, admin, { personIds: [f.people.anna] })).status, 400);

  const general = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, admin, {
    kind: 'ordinary', title: 'Assemblea generale dei delegati', mode: 'hybrid', sectional: true, firstCallAt: inDays(25), secondCallAt: inDays(26),
    items: [{ kind: 'resolution', title: 'Bilancio', motion: 'Approvare il bilancio', ballot: { method: 'yes_no' } }],
  });
  assert.equal(general.status, 201);
  const gid = general.body.id as string;
  for (const [section, delegates] of [[n.body.id, 2], [s.body.id, 1]] as const) {
    const r = await a.post(`/api/v1/assemblies/${gid}/sectional-meetings`, admin, { sectionId: section, firstCallAt: inDays(18), secondCallAt: inDays(19), mode: 'remote', delegates });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const conv = await a.post(`/api/v1/assemblies/${gid}/convene`, admin);
  assert.equal(conv.status, 200, JSON.stringify(conv.body));
  assert.equal(conv.body.notices, 10); // every member of a section, through their sectional meeting
  const g = (await a.get(`/api/v1/assemblies/${gid}`, admin)).body;
  assert.equal(g.sectionalMeetings.length, 2);
  // The general assembly cannot open before its sectional meetings have closed.
  await arrive(p.database, gid, 'second');
  assert.equal((await a.post(`/api/v1/assemblies/${gid}/open`, admin, { call: 'second' })).status, 409);

  // Nord: 7 members, 2 delegates. Five back the majority candidate, two the minority one: STV gives each a seat.
  const nordId = g.sectionalMeetings.find((m: { sectionName: string }) => m.sectionName === 'Nord').id;
  const sudId = g.sectionalMeetings.find((m: { sectionName: string }) => m.sectionName === 'Sud').id;
  const hold = async (meetingId: string, people: NewMember[], candidates: NewMember[], prefs: (number[])[]) => {
    const m = (await a.get(`/api/v1/assemblies/${meetingId}`, admin)).body;
    assert.equal(m.items.length, 2); // the general agenda, then the election of delegates
    assert.equal(m.items[0].sourceItemId, g.items[0].id);
    const election = m.items[1].ballot;
    assert.equal(election.method, 'stv');
    assert.equal((await a.put(`/api/v1/ballots/${election.id}/candidates`, admin, { candidates: candidates.map((c, i) => ({ name: `Candidato ${i}`, personId: c.personId })) })).status, 200);
    await arrive(p.database, meetingId, 'second');
    assert.equal((await a.post(`/api/v1/assemblies/${meetingId}/open`, admin, { call: 'second' })).status, 200);
    const ids = (await a.get(`/api/v1/ballots/${election.id}`, admin)).body.candidates.map((c: { id: string }) => c.id);
    assert.equal((await a.post(`/api/v1/ballots/${m.items[0].ballot.id}/open`, admin)).status, 200);
    assert.equal((await a.post(`/api/v1/ballots/${election.id}/open`, admin)).status, 200);
    for (const [i, person] of people.entries()) {
      const h = await p.signIn(person.email, PASSWORD);
      assert.equal((await a.post(`/api/v1/assemblies/${meetingId}/attendance/check-in`, h, {})).status, 200);
      assert.equal((await a.post(`/api/v1/ballots/${m.items[0].ballot.id}/votes`, h, { vote: i % 2 ? 'no' : 'yes' })).status, 201);
      assert.equal((await a.post(`/api/v1/ballots/${election.id}/votes`, h, { candidates: (prefs[i] ?? []).map((c) => ids[c]) })).status, 201);
    }
    assert.equal((await a.post(`/api/v1/ballots/${m.items[0].ballot.id}/close`, admin)).status, 200);
    const closed = await a.post(`/api/v1/ballots/${election.id}/close`, admin);
    assert.equal(closed.status, 200);
    assert.equal((await a.post(`/api/v1/assemblies/${meetingId}/close`, admin)).status, 200);
    return closed.body.result;
  };
  const nordResult = await hold(nordId, north, [north[0]!, north[1]!, north[2]!], [[0, 2], [0, 2], [0], [0, 2], [2, 0], [1], [1, 0]]);
  assert.deepEqual([...nordResult.election.elected].sort(), [0, 1]); // majority (Candidato 0) and minority (Candidato 1)
  await hold(sudId, south, [south[0]!], [[0], [0], [0]]);

  // The general assembly: its roll is the three delegates, carrying 7 (4 + 3 split 4/3) and 3 votes.
  const opened = await a.post(`/api/v1/assemblies/${gid}/open`, admin, { call: 'second' });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const roll = (await a.get(`/api/v1/assemblies/${gid}/roll`, admin)).body;
  assert.equal(roll.totals.voters, 3);
  assert.equal(roll.totals.votes, 10);
  assert.deepEqual(roll.items.map((r: { weight: number }) => r.weight).sort(), [3, 3, 4]);
  assert.match(roll.items[0].explanation[0], /Delegato di un’assemblea separata/);
  // A delegate votes with the section's votes; proxies are not allowed among delegates.
  const delegateNorth = north[0]!;
  const dh = await p.signIn(delegateNorth.email, PASSWORD);
  assert.equal((await a.post(`/api/v1/assemblies/${gid}/proxies`, dh, { holderPersonId: north[1]!.personId })).status, 409);
  assert.equal((await a.post(`/api/v1/assemblies/${gid}/attendance/check-in`, dh, {})).status, 200);
  const ballot = (await a.get(`/api/v1/assemblies/${gid}`, admin)).body.items[0].ballot.id;
  assert.equal((await a.post(`/api/v1/ballots/${ballot}/open`, admin)).status, 200);
  assert.equal((await a.post(`/api/v1/ballots/${ballot}/votes`, dh, { vote: 'yes' })).status, 201);
  const closed = await a.post(`/api/v1/ballots/${ballot}/close`, admin);
  const dw = roll.items.find((r: { personId: string }) => r.personId === delegateNorth.personId).weight;
  assert.equal(closed.body.result.resolution.yes, String(dw));
  assert.equal(closed.body.result.presence.total, dw);
});
