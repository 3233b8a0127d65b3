// The demo's assembly (seedGovernanceDemo on a small generated federation) is there and explorable by the demo
// accounts; `cooperando count` recounts an exported ballot file, a textbook BLT election and a real one (Ireland 1990).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { generateDemo, DEMO_EMAILS, DEMO_PASSWORDS } from '../../src/modules/registry/demo/index.ts';
import { seedGovernanceDemo } from '../../src/modules/governance/index.ts';
import { seedMutualityDemoForAccounts } from '../../src/modules/mutuality/index.ts';
import { api } from './helpers.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let p: TestPlatform;
let a: ReturnType<typeof api>;

before(async () => {
  p = await startTestPlatform();
  a = api(p);
  await generateDemo(p.database, { coops: 12, members: 1500, seed: 7 });
});
after(() => p.close());

test('the demo co-op holds its assembly at once, approves the ristorni the board links to the run, elects, closes', async () => {
  const seeded = await seedGovernanceDemo(p.database);
  assert.ok(seeded);
  assert.equal(await seedGovernanceDemo(p.database), null);
  // As `npm start` does: this co-op's ristorni run waits for its own assembly; the member's other co-ops approved
  // theirs in assemblies held elsewhere.
  const mutuality = await seedMutualityDemoForAccounts(p.database, { adminEmail: DEMO_EMAILS.coop_admin, memberEmail: DEMO_EMAILS.member, awaitAssemblyIn: seeded.cooperativeId });
  const run = mutuality.find((r) => r.coopId === seeded.cooperativeId);
  assert.equal(run?.status, 'computed');
  assert.ok(mutuality.filter((r) => r.coopId !== seeded.cooperativeId).every((r) => r.status === 'approved'));
  const member = await p.signIn(DEMO_EMAILS.member, DEMO_PASSWORDS.member);
  const chair = await p.signIn(DEMO_EMAILS.coop_admin, DEMO_PASSWORDS.coop_admin);
  const mine = await a.get('/api/v1/me/assemblies', member);
  assert.ok(mine.body.items.some((x: { id: string }) => x.id === seeded.assemblyId));
  const detail = await a.get(`/api/v1/assemblies/${seeded.assemblyId}`, chair);
  assert.equal(detail.body.status, 'convened');
  assert.deepEqual(detail.body.items.map((i: { kind: string }) => i.kind), ['resolution', 'election', 'information']);
  assert.equal(detail.body.items[1].ballot.method, 'stv');
  assert.ok(detail.body.items[1].ballot.candidates.length >= 3);
  const me = await a.get(`/api/v1/assemblies/${seeded.assemblyId}/roll/me`, member);
  assert.equal(me.body.entry.eligible, true);
  assert.equal((await a.get('/api/v1/me/notices', member)).body.items.length, 2);

  // The other assembly's second call has come: convened weeks ago (notice and outbox dated then), it opens at once.
  const today = await a.get(`/api/v1/assemblies/${seeded.meetingTodayId}`, chair);
  assert.equal(today.body.status, 'convened');
  const firstCall = Date.parse(today.body.firstCallAt);
  const secondCall = Date.parse(today.body.secondCallAt);
  assert.ok(secondCall <= Date.now() && firstCall < secondCall, 'both calls have come');
  assert.notEqual(new Date(firstCall).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }), new Date(secondCall).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }));
  assert.ok(firstCall - Date.parse(today.body.convenedAt) >= 15 * 86_400_000, 'convened with the statutory notice');
  assert.equal((await a.post(`/api/v1/assemblies/${seeded.meetingTodayId}/open`, chair, { call: 'first' })).status, 409);
  assert.equal((await a.post(`/api/v1/assemblies/${seeded.meetingTodayId}/attendance/check-in`, member, {})).status, 200);
  const open = await a.post(`/api/v1/assemblies/${seeded.meetingTodayId}/open`, chair, { call: 'second' });
  assert.equal(open.status, 200, JSON.stringify(open.body));
  assert.match(today.body.items[0].title, /^Bilancio \d{4} e ristorni ai soci$/);
  const ballot = today.body.items[0].ballot.id as string;
  assert.equal((await a.post(`/api/v1/ballots/${ballot}/open`, chair)).status, 200);
  assert.equal((await a.post(`/api/v1/ballots/${ballot}/votes`, member, { vote: 'yes' })).status, 201);
  const closed = await a.post(`/api/v1/ballots/${ballot}/close`, chair);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal(closed.body.result.outcome, 'approved');
  // The board links the resolution as the run's approval; the member's statement says the assembly approved it.
  const candidates = await a.get(`/api/v1/ristorni/${run!.runId}/resolutions`, chair);
  const passed = candidates.body.items.find((r: { itemId: string }) => r.itemId === today.body.items[0].id);
  assert.ok(passed, JSON.stringify(candidates.body));
  const approved = await a.post(`/api/v1/ristorni/${run!.runId}/approval`, chair, { governanceResolutionId: passed.itemId });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  const statement = await a.get(`/api/v1/me/ristorni/${run!.runId}`, member);
  assert.equal(statement.status, 200, JSON.stringify(statement.body));
  assert.ok(statement.body.explanation.some((x: { it: string }) => /Approvato dall’assemblea ordinaria/.test(x.it)), JSON.stringify(statement.body.explanation));
  // The election (STV, secret): the member ranks the candidates; the count elects three; the assembly closes with
  // its minutes.
  const election = today.body.items[2].ballot;
  assert.equal(election.method, 'stv');
  assert.equal((await a.post(`/api/v1/ballots/${election.id}/open`, chair)).status, 200);
  const ranking = election.candidates.map((c: { id: string }) => c.id).reverse();
  assert.equal((await a.post(`/api/v1/ballots/${election.id}/votes`, member, { candidates: ranking })).status, 201);
  const counted = await a.post(`/api/v1/ballots/${election.id}/close`, chair);
  assert.equal(counted.status, 200, JSON.stringify(counted.body));
  assert.equal(counted.body.result.election.elected.length, 3);
  const sealed = await a.post(`/api/v1/assemblies/${seeded.meetingTodayId}/close`, chair);
  assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
  assert.match(sealed.body.sha256, /^[0-9a-f]{64}$/);
});

test('cooperando count: a BLT election file and an exported ballot file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coop-count-'));
  // Wikipedia's STV worked example in the BLT format used by election counting software (5 candidates, 3 seats).
  const bltFile = join(dir, 'food.blt');
  writeFileSync(bltFile, '5 3\n4 1 0\n2 2 1 0\n8 3 4 0\n4 3 5 0\n1 4 0\n1 5 0\n0\n"Oranges"\n"Pears"\n"Chocolate"\n"Strawberries"\n"Hamburgers"\n"Food"\n');
  const blt = spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), 'count', bltFile, '--lang', 'en'], { encoding: 'utf8' });
  assert.equal(blt.status, 0, blt.stderr);
  assert.match(blt.stdout, /quota 6\b/);
  assert.match(blt.stdout, /elected: Chocolate, Oranges, Strawberries/);
  // A real election's published count: the Irish presidential election of 1990 (one seat), whose ballots are known
  // in the aggregate the official count published — first preferences, then Austin Currie's 267,902 votes
  // transferred: 205,565 to Mary Robinson, 36,789 to Brian Lenihan, 25,548 non-transferable.
  const ie = join(dir, 'ie1990.blt');
  writeFileSync(ie, '3 1\n612265 1 0\n694484 2 0\n205565 3 1 0\n36789 3 2 0\n25548 3 0\n0\n"Mary Robinson"\n"Brian Lenihan"\n"Austin Currie"\n"Irish presidential election 1990"\n');
  const ieRun = spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), 'count', ie, '--json'], { encoding: 'utf8' });
  assert.equal(ieRun.status, 0, ieRun.stderr);
  const ieResult = JSON.parse(ieRun.stdout);
  const stages = ieResult.election.stv.stages.map((s: { totals: string[]; nonTransferable: string }) => [...s.totals, s.nonTransferable]);
  // The official count: quota 787,326; count 1 Robinson 612,265, Lenihan 694,484, Currie 267,902; count 2 Robinson
  // 817,830 (elected), Lenihan 731,273.
  assert.equal(ieResult.election.stv.quota, '787326');
  assert.deepEqual(stages, [['612265', '694484', '267902', '0'], ['817830', '731273', '0', '25548']]);
  assert.deepEqual(ieResult.election.candidates.map((c: { rank: number }) => c.rank), [1, 2, 3]);

  const file = join(dir, 'ballots.json');
  writeFileSync(file, JSON.stringify({
    format: 'cooperando-ballots/1', title: 'Delibera', method: 'yes_no', seats: 1, candidates: [],
    rule: { constitutive: null, deliberative: { num: 1, den: 2, strict: true, base: 'present' }, source: 'art. 2369 c. 3 c.c.' },
    financingCap: { num: 1, den: 3 }, presence: { total: 12, financing: 6 }, entitled: { total: 20, financing: 6 }, seed: 'x',
    ballots: [['yes', 6, 1], ['no', 5, 0], ['abstain', 1, 0]],
  }));
  const json = spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), 'count', file, '--json'], { encoding: 'utf8' });
  assert.equal(json.status, 0, json.stderr);
  const r = JSON.parse(json.stdout);
  // 6 financing votes of 12 present: capped at 4 (coefficient 2/3); 4 yes, 5 no: rejected.
  assert.equal(r.cap.coefficientExact, '2/3');
  assert.equal(r.resolution.yes, '4');
  assert.equal(r.outcome, 'rejected');
  const bad = spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), 'count', join(ROOT, 'package.json')], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
