// Onboarding from the register: a co-op's administrator sees each member's account state and invites them by mail
// in a background job (one, some or a thousand); accepting links the account to the person, so a member of two
// co-ops ends up with one account that sees both; only the co-op's admins (or platform admins) may do this.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, coop, freshIp, PASSWORD, person, seedFederation, type Federation } from './fixtures.ts';
import { linkIn, TestSmtp } from './support/smtp.ts';

let platform: TestPlatform;
let smtp: TestSmtp;
let fed: Federation;
let adminHeaders: Record<string, string>;

before(async () => {
  smtp = new TestSmtp();
  platform = await startTestPlatform({ config: { smtpUrl: await smtp.start() } });
  fed = await seedFederation(platform.database);
  const a = await account(platform, [{ role: 'coop_admin', organisationId: fed.coopNorth }]);
  adminHeaders = await platform.signIn(a.email, PASSWORD);
});
after(async () => {
  await platform.close();
  await smtp.close();
});

const get = (url: string, headers = adminHeaders) => platform.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: Record<string, unknown>, headers = adminHeaders) => platform.app.inject({ method: 'POST', url, headers, payload });

async function runJob(res: { statusCode: number; json(): unknown; body: string }, headers = adminHeaders) {
  assert.equal(res.statusCode, 202, res.body);
  const { id } = res.json() as { id: string };
  await platform.jobs.settled(id);
  const done = await get(`/api/v1/onboarding-jobs/${id}`, headers);
  const job = done.json() as { status: string; result: { invited: number; skipped: Record<string, number> }; progress: { done: number; total: number } };
  assert.equal(job.status, 'succeeded', done.body);
  return job;
}

test('a thousand members invited in one job, each once, by mail in their batch', async () => {
  const big = await coop(platform.database, 'Coop Grande', fed.northAssoc);
  const a = await account(platform, [{ role: 'coop_admin', organisationId: big }]);
  const headers = await platform.signIn(a.email, PASSWORD);
  await platform.database.db.execute(sql`
    WITH p AS (INSERT INTO people (kind, given_name, family_name, email)
               SELECT 'natural', 'Nome' || g, 'Socio' || lpad(g::text, 4, '0'), CASE WHEN g % 10 = 0 THEN NULL ELSE 'socio' || g || '@grande.example' END
                 FROM generate_series(1, 1000) g RETURNING id, family_name)
    INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on)
    SELECT ${big}, id, right(family_name, 4)::int, '{lavoratore}', '2020-01-01', '2020-01-01' FROM p`);
  const before = (await get(`/api/v1/cooperatives/${big}/onboarding?pageSize=5`, headers)).json() as { counts: Record<string, number>; total: number };
  assert.deepEqual(before.counts, { linked: 0, invited: 0, 'no-email': 100, 'not-invited': 900 });

  const job = await runJob(await post(`/api/v1/cooperatives/${big}/onboarding/invitations`, { all: true, locale: 'it' }, headers), headers);
  assert.equal(job.result.invited, 900);
  assert.equal(job.result.skipped.noEmail, 100);
  assert.deepEqual([job.progress.done, job.progress.total], [1000, 1000]);
  const after = (await get(`/api/v1/cooperatives/${big}/onboarding?status=invited&pageSize=3`, headers)).json() as { counts: Record<string, number>; items: { status: string }[] };
  assert.equal(after.counts.invited, 900);
  assert.equal(after.items[0]?.status, 'invited');
  // Running it again invites nobody twice.
  const again = await runJob(await post(`/api/v1/cooperatives/${big}/onboarding/invitations`, { all: true }, headers), headers);
  assert.equal(again.result.invited, 0);
  assert.equal(again.result.skipped.invited, 900);
  await platform.database.query('SELECT 1');
  const mail = await smtp.waitFor('socio7@grande.example', (m) => /Coop Grande/.test(m.subject), 60_000);
  assert.match(mail.text, /Ciao Nome7 Socio0007/);
  const audits = await platform.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'invitation.create' AND organisation_id = $1`, [big]);
  assert.equal(audits.rows[0]!.n, 900);
});

test('one account per person: invitations from two co-ops lead to the same account', async () => {
  const shared = await person(platform.database, 'Dario', 'Comune');
  await platform.database.query(`UPDATE people SET email = 'dario.comune@example.org' WHERE id = $1`, [shared]);
  const { membership } = await import('./fixtures.ts');
  await membership(platform.database, shared, fed.coopNorth);
  await membership(platform.database, shared, fed.coopSouth);
  const list = (await get(`/api/v1/cooperatives/${fed.coopNorth}/onboarding`)).json() as { items: { membershipId: string; name: string }[] };
  const mine = list.items.find((i) => i.name === 'Dario Comune')!;
  const job = await runJob(await post(`/api/v1/cooperatives/${fed.coopNorth}/onboarding/invitations`, { membershipIds: [mine.membershipId] }));
  assert.equal(job.result.invited, 1);
  const mail = await smtp.waitFor('dario.comune@example.org', (m) => /Coop Nord/.test(m.subject), 120_000);
  const url = linkIn(mail, '/invito/');
  const accepted = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', remoteAddress: freshIp(), payload: { token: url.slice(url.lastIndexOf('/') + 1), password: 'la mia password lunga' } });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const cookie = accepted.cookies.find((c) => c.name === 'coop_session')!;
  const me = await platform.app.inject({ method: 'GET', url: '/api/v1/me/memberships', headers: { cookie: `coop_session=${cookie.value}` } });
  const coops = (me.json() as { items: { cooperative: { name: string } }[] }).items.map((i) => i.cooperative.name).sort();
  assert.deepEqual(coops, ['Coop Nord', 'Coop Sud'], 'both memberships through the one linked person');

  // The other co-op sees the person as linked already: nobody to invite.
  const southAdmin = await account(platform, [{ role: 'coop_admin', organisationId: fed.coopSouth }]);
  const southHeaders = await platform.signIn(southAdmin.email, PASSWORD);
  const south = (await get(`/api/v1/cooperatives/${fed.coopSouth}/onboarding?status=linked`, southHeaders)).json() as { items: { name: string }[] };
  assert.deepEqual(south.items.map((i) => i.name), ['Dario Comune']);
  const job2 = await runJob(await post(`/api/v1/cooperatives/${fed.coopSouth}/onboarding/invitations`, { all: true }, southHeaders), southHeaders);
  assert.equal(job2.result.skipped.linked, 1);
});

test('only the co-op’s admins (and platform admins) see and invite its register', async () => {
  const other = await account(platform, [{ role: 'coop_admin', organisationId: fed.coopSouth }]);
  const h = await platform.signIn(other.email, PASSWORD);
  assert.equal((await get(`/api/v1/cooperatives/${fed.coopNorth}/onboarding`, h)).statusCode, 403);
  assert.equal((await post(`/api/v1/cooperatives/${fed.coopNorth}/onboarding/invitations`, { all: true }, h)).statusCode, 403);
  const member = await account(platform, [], { personId: fed.personNorthB });
  const mh = await platform.signIn(member.email, PASSWORD);
  assert.equal((await get(`/api/v1/cooperatives/${fed.coopNorth}/onboarding`, mh)).statusCode, 403);
  assert.equal((await post(`/api/v1/cooperatives/${fed.coopNorth}/onboarding/invitations`, {})).statusCode, 400, 'nothing selected');
  const platformAdmin = await account(platform, [{ role: 'platform_admin', organisationId: null }]);
  assert.equal((await get(`/api/v1/cooperatives/${fed.coopNorth}/onboarding`, await platform.signIn(platformAdmin.email, PASSWORD))).statusCode, 200);
});
