// One member, one vote — exactly: many parallel submissions and retries of the same voter, a proxy holder and the
// member racing each other, and votes racing the close: each vote is counted once, none is lost, none slips in late.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';
import { api } from './helpers.ts';
import { convenedAssembly, type Scenario } from './scenario.ts';

let p: TestPlatform;
let f: SmallFederation;
let s: Scenario;
let a: ReturnType<typeof api>;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  s = await convenedAssembly(p, f, { members: 8, open: true, secret: true });
  assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/open`, s.admin)).status, 200);
});
after(() => p.close());

const count = async (ballot: string) => {
  const { rows } = await p.database.query<{ casts: number; choices: number; weight: number }>(
    'SELECT (SELECT count(*)::int FROM ballot_casts WHERE ballot_id = $1) AS casts, (SELECT count(*)::int FROM ballot_choices WHERE ballot_id = $1) AS choices, (SELECT coalesce(sum(weight), 0)::int FROM ballot_choices WHERE ballot_id = $1) AS weight',
    [ballot],
  );
  return rows[0] as { casts: number; choices: number; weight: number };
};

test('25 parallel submissions by each of 4 members (100 requests): 4 votes counted, the rest refused with 409', async () => {
  const voters = s.memberHeaders.slice(0, 4);
  const requests = voters.flatMap((h) => Array.from({ length: 25 }, (_, i) => a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, h, { vote: i % 2 ? 'yes' : 'no' })));
  const results = await Promise.all(requests);
  const created = results.filter((r) => r.status === 201).length;
  const refused = results.filter((r) => r.status === 409).length;
  assert.equal(created, 4);
  assert.equal(refused, 96);
  assert.deepEqual(await count(s.resolutionBallot), { casts: 4, choices: 4, weight: 4 });
});

test('a proxy holder and the represented member racing: one vote for the member, whoever wins', async () => {
  const holder = s.memberHeaders[4]!;
  const grantor = s.members[5]!;
  const g = await a.post(`/api/v1/assemblies/${s.assemblyId}/proxies`, s.memberHeaders[5]!, { holderPersonId: s.members[4]!.personId });
  assert.equal(g.status, 201);
  // The holder is checked in (in the meeting); the grantor votes remotely at the same time.
  assert.equal((await a.post(`/api/v1/assemblies/${s.assemblyId}/attendance/check-in`, holder, {})).status, 200);
  const both = await Promise.all([
    ...Array.from({ length: 10 }, () => a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, holder, { vote: 'yes', voters: [grantor.personId] })),
    ...Array.from({ length: 10 }, () => a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, s.memberHeaders[5]!, { vote: 'no' })),
  ]);
  assert.equal(both.filter((r) => r.status === 201).length, 1);
  assert.ok(both.every((r) => r.status === 201 || r.status === 409), JSON.stringify(both.map((r) => r.status)));
  const { rows } = await p.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ballot_casts WHERE ballot_id = $1 AND voter_person_id = $2', [s.resolutionBallot, grantor.personId]);
  assert.equal(rows[0]?.n, 1);
});

test('a holder voting for self and a grantor in one request writes both or neither', async () => {
  const holder = s.memberHeaders[4]!;
  // The holder's own vote is still open; the grantor has already voted: the whole request is refused, nothing written.
  const before = await count(s.resolutionBallot);
  const r = await a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, holder, { vote: 'yes', voters: [s.members[4]!.personId, s.members[5]!.personId] });
  assert.equal(r.status, 409);
  assert.deepEqual(await count(s.resolutionBallot), before);
  const ok = await a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, holder, { vote: 'yes', voters: [s.members[4]!.personId] });
  assert.equal(ok.status, 201);
});

test('votes racing the close: every vote is either counted in the result or refused', async () => {
  const late = s.memberHeaders.slice(6, 8);
  const votes = late.flatMap((h) => Array.from({ length: 5 }, () => a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, h, { vote: 'abstain' })));
  const close = a.post(`/api/v1/ballots/${s.resolutionBallot}/close`, s.admin);
  const [closed, ...results] = await Promise.all([close, ...votes]);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const accepted = results.filter((r) => r.status === 201).length;
  const c = await count(s.resolutionBallot);
  assert.equal(c.casts, c.choices);
  // The frozen result counts exactly the votes in the table: none slipped in after the count.
  assert.equal(closed.body.result.castVotes, c.weight);
  assert.ok(accepted <= 2);
  assert.equal(c.casts, 6 + accepted);
  // After closing, a secret ballot's choices carry no voter and were rewritten by the closing transaction.
  const { rows } = await p.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ballot_choices WHERE ballot_id = $1 AND voter_person_id IS NOT NULL', [s.resolutionBallot]);
  assert.equal(rows[0]?.n, 0);
});

test('a stack of postal ballots is recorded all or none', async () => {
  assert.equal((await a.post(`/api/v1/ballots/${s.electionBallot}/open`, s.admin)).status, 200);
  const [c0, c1, c2] = s.candidateIds as [string, string, string];
  const stack = [
    { voter: s.members[0]!.personId, candidates: [c0, c1] },
    { voter: s.members[1]!.personId, candidates: [c2] },
  ];
  assert.equal((await a.post(`/api/v1/ballots/${s.electionBallot}/postal-votes`, s.memberHeaders[0]!, { ballots: stack })).status, 403);
  const ok = await a.post(`/api/v1/ballots/${s.electionBallot}/postal-votes`, s.admin, { ballots: stack });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.cast.length, 2);
  const before = await count(s.electionBallot);
  const again = await a.post(`/api/v1/ballots/${s.electionBallot}/postal-votes`, s.admin, { ballots: [{ voter: s.members[2]!.personId, candidates: [c1] }, stack[0]] });
  assert.equal(again.status, 409);
  assert.equal(again.body.errors[0].field, 'body/ballots/1/voter');
  const outsider = await a.post(`/api/v1/ballots/${s.electionBallot}/postal-votes`, s.admin, { ballots: [{ voter: f.people.anna, candidates: [c1] }] });
  assert.equal(outsider.status, 403);
  assert.equal((await a.post(`/api/v1/ballots/${s.electionBallot}/postal-votes`, s.admin, { ballots: [{ voter: s.members[3]!.personId, vote: 'yes' }] })).status, 400);
  assert.deepEqual(await count(s.electionBallot), before);
});
