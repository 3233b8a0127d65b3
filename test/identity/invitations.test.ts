// Invitations: who may invite whom, acceptance (new and existing accounts), expiry and reuse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, freshIp, PASSWORD, seedFederation, uniqueEmail, type Federation } from './fixtures.ts';

let platform: TestPlatform;
let fed: Federation;
let adminHeaders: Record<string, string>;

before(async () => {
  platform = await startTestPlatform();
  fed = await seedFederation(platform.database);
  const admin = await account(platform, [{ role: 'platform_admin', organisationId: null }]);
  adminHeaders = await platform.signIn(admin.email, PASSWORD);
});
after(async () => {
  await platform.close();
});

type Invite = { email?: string; displayName?: string; personId?: string; role?: string; organisationId?: string };

const invite = (headers: Record<string, string>, body: Invite) =>
  platform.app.inject({ method: 'POST', url: '/api/v1/invitations', headers, payload: { email: uniqueEmail('invited'), ...body } });

const accept = (payload: Record<string, unknown>, remoteAddress = freshIp()) =>
  platform.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', payload, remoteAddress });

const tokenOf = (acceptUrl: string): string => acceptUrl.slice(acceptUrl.lastIndexOf('/') + 1);
const typeOf = (res: { json(): unknown }): string => (res.json() as { type: string }).type;
const fieldsOf = (res: { json(): unknown }) => ((res.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => `${e.field} ${e.code}`);

async function staffHeaders(role: 'coop_admin' | 'association_staff', organisationId: string) {
  const a = await account(platform, [{ role, organisationId }]);
  return platform.signIn(a.email, PASSWORD);
}

test('a platform admin invites a co-op admin, who accepts and is signed in', async () => {
  const email = uniqueEmail('newadmin');
  const res = await invite(adminHeaders, { email, role: 'coop_admin', organisationId: fed.coopNorth, displayName: 'Giulia Neri' });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json() as { id: string; email: string; expiresAt: string; acceptUrl: string };
  assert.equal(body.email, email);
  assert.match(body.acceptUrl, new RegExp(`^${platform.config.publicUrl}/invito/[A-Za-z0-9_-]{43}$`));
  const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 13.9 && days <= 14, `expires in ${days} days`);
  const token = tokenOf(body.acceptUrl);
  const stored = await platform.database.query<{ token_hash: string }>('SELECT token_hash FROM invitations WHERE id = $1', [body.id]);
  assert.equal(stored.rows[0]!.token_hash, createHash('sha256').update(token).digest('hex'));

  const ok = await accept({ token, password: 'a good long password' });
  assert.equal(ok.statusCode, 200, ok.body);
  const session = ok.json() as { account: { email: string; displayName: string; grants: unknown[] }; csrfToken: string };
  assert.equal(session.account.email, email);
  assert.equal(session.account.displayName, 'Giulia Neri');
  assert.deepEqual(session.account.grants, [
    { role: 'coop_admin', organisationId: fed.coopNorth, organisationName: 'Coop Nord', organisationKind: 'cooperative' },
  ]);
  assert.match(String(ok.headers['set-cookie']), /^coop_session=.*HttpOnly/);
  const cookie = ok.cookies.find((c) => c.name === 'coop_session')!;
  const me = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `coop_session=${cookie.value}` } });
  assert.equal(me.statusCode, 200);

  const inv = await platform.database.query<{ accepted: boolean; linked: boolean }>(
    'SELECT accepted_at IS NOT NULL AS accepted, account_id IS NOT NULL AS linked FROM invitations WHERE id = $1',
    [body.id],
  );
  assert.deepEqual(inv.rows[0], { accepted: true, linked: true });
  const audits = await platform.database.query<{ action: string }>(
    "SELECT action FROM audit_log WHERE action IN ('invitation.create', 'invitation.accept', 'account.create', 'role.grant') ORDER BY id",
  );
  for (const action of ['invitation.create', 'invitation.accept', 'account.create', 'role.grant']) {
    assert.ok(audits.rows.some((r) => r.action === action), action);
  }

  // The same token cannot be used twice.
  const reused = await accept({ token, password: 'a good long password' });
  assert.equal(reused.statusCode, 410);
  assert.equal(typeOf(reused), '/problems/invitation-used');
  // The new account signs in with its password.
  await platform.signIn(email, 'a good long password');
});

test('expired and unknown invitations are refused', async () => {
  const res = await invite(adminHeaders, { role: 'coop_admin', organisationId: fed.coopNorth, displayName: 'Late' });
  const { id, acceptUrl } = res.json() as { id: string; acceptUrl: string };
  await platform.database.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
  const expired = await accept({ token: tokenOf(acceptUrl), password: 'a good long password' });
  assert.equal(expired.statusCode, 410);
  assert.equal(typeOf(expired), '/problems/invitation-expired');
  const unknown = await accept({ token: 'x'.repeat(43), password: 'a good long password' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(typeOf(unknown), '/problems/invitation-invalid');
});

test('acceptance checks the password policy and needs a name', async () => {
  const res = await invite(adminHeaders, { role: 'coop_admin', organisationId: fed.coopNorth });
  const token = tokenOf((res.json() as { acceptUrl: string }).acceptUrl);
  const short = await accept({ token, password: 'short', displayName: 'Nome' });
  assert.equal(short.statusCode, 400);
  assert.deepEqual(fieldsOf(short), ['body/password identity.password.too-short']);
  assert.match((short.json() as { errors: { message: string }[] }).errors[0]!.message, /10/);
  const noName = await accept({ token, password: 'a good long password' });
  assert.equal(noName.statusCode, 400);
  assert.deepEqual(fieldsOf(noName), ['body/displayName field.required']);
  const extra = await accept({ token, password: 'a good long password', displayName: 'Nome', role: 'platform_admin' });
  assert.equal(extra.statusCode, 400);
  assert.deepEqual(fieldsOf(extra), ['body/role field.unknown']);
  // Nothing above used the invitation up.
  assert.equal((await accept({ token, password: 'a good long password', displayName: 'Nome' })).statusCode, 200);
});

test('two concurrent acceptances of one invitation: exactly one succeeds', async () => {
  const res = await invite(adminHeaders, { role: 'coop_admin', organisationId: fed.coopNorth2, displayName: 'Twin' });
  const token = tokenOf((res.json() as { acceptUrl: string }).acceptUrl);
  const results = await Promise.all([accept({ token, password: 'a good long password' }), accept({ token, password: 'a good long password' })]);
  const codes = results.map((r) => r.statusCode).sort();
  assert.equal(codes[0], 200);
  assert.ok(codes[1] === 409 || codes[1] === 410, `second got ${codes[1]}`);
});

test('a co-op admin invites admins and members of their co-op only', async () => {
  const h = await staffHeaders('coop_admin', fed.coopNorth);
  assert.equal((await invite(h, { role: 'coop_admin', organisationId: fed.coopNorth })).statusCode, 201);
  const member = await invite(h, { personId: fed.personNorthB, displayName: 'Bruno' });
  assert.equal(member.statusCode, 201, member.body);

  const otherCoop = await invite(h, { role: 'coop_admin', organisationId: fed.coopSouth });
  assert.equal(otherCoop.statusCode, 403);
  assert.equal(typeOf(otherCoop), '/problems/forbidden');
  assert.equal((await invite(h, { personId: fed.personSouth })).statusCode, 403, 'not a member of their co-op');
  assert.equal((await invite(h, { role: 'association_staff', organisationId: fed.northAssoc })).statusCode, 403);
  assert.equal((await invite(h, { role: 'platform_admin' })).statusCode, 403);
  assert.equal((await invite(h, { role: 'coop_admin', organisationId: fed.coopNorth, personId: fed.personSouth })).statusCode, 403);

  // The member accepts: the account is linked to the person, with no role.
  const ok = await accept({ token: tokenOf((member.json() as { acceptUrl: string }).acceptUrl), password: 'a good long password' });
  assert.equal(ok.statusCode, 200, ok.body);
  const view = (ok.json() as { account: { personId: string; grants: unknown[]; displayName: string } }).account;
  assert.equal(view.personId, fed.personNorthB);
  assert.deepEqual(view.grants, []);
  // The person is now linked: a second invitation for them (to another e-mail) is a conflict.
  const twice = await invite(h, { personId: fed.personNorthB });
  assert.equal(twice.statusCode, 409);
});

test('association staff invite within their scope, sectoral affiliations included', async () => {
  const north = await staffHeaders('association_staff', fed.northAssoc);
  assert.equal((await invite(north, { role: 'coop_admin', organisationId: fed.coopNorth2 })).statusCode, 201);
  assert.equal((await invite(north, { role: 'association_staff', organisationId: fed.northAssoc })).statusCode, 201);
  assert.equal((await invite(north, { role: 'coop_admin', organisationId: fed.coopSouth })).statusCode, 403);
  assert.equal((await invite(north, { role: 'association_staff', organisationId: fed.national })).statusCode, 403);
  assert.equal((await invite(north, { personId: fed.personNorth })).statusCode, 403);
  assert.equal((await invite(north, { role: 'platform_admin' })).statusCode, 403);

  const sectoral = await staffHeaders('association_staff', fed.sectoral);
  assert.equal((await invite(sectoral, { role: 'coop_admin', organisationId: fed.coopSouth })).statusCode, 201);
  assert.equal((await invite(sectoral, { role: 'coop_admin', organisationId: fed.coopNorth })).statusCode, 403);

  const national = await staffHeaders('association_staff', fed.national);
  assert.equal((await invite(national, { role: 'association_staff', organisationId: fed.southAssoc })).statusCode, 201);
  // Roles go on the right kind of organisation.
  const wrongKind = await invite(national, { role: 'association_staff', organisationId: fed.coopSouth });
  assert.equal(wrongKind.statusCode, 400);
  assert.deepEqual(fieldsOf(wrongKind), ['body/organisationId identity.organisation.not-association']);
});

test('invitation requests are validated', async () => {
  const noOrg = await invite(adminHeaders, { role: 'coop_admin' });
  assert.equal(noOrg.statusCode, 400);
  assert.deepEqual(fieldsOf(noOrg), ['body/organisationId identity.organisation.required']);
  const nothing = await invite(adminHeaders, {});
  assert.deepEqual(fieldsOf(nothing), ['body/role identity.invitation.empty']);
  const adminWithOrg = await invite(adminHeaders, { role: 'platform_admin', organisationId: fed.national });
  assert.deepEqual(fieldsOf(adminWithOrg), ['body/organisationId identity.organisation.not-allowed']);
  const notCoop = await invite(adminHeaders, { role: 'coop_admin', organisationId: fed.northAssoc });
  assert.deepEqual(fieldsOf(notCoop), ['body/organisationId identity.organisation.not-cooperative']);
  const unknownOrg = await invite(adminHeaders, { role: 'coop_admin', organisationId: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual(fieldsOf(unknownOrg), ['body/organisationId identity.organisation.unknown']);
  const unknownPerson = await invite(adminHeaders, { personId: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual(fieldsOf(unknownPerson), ['body/personId identity.person.unknown']);
  const badUuid = await invite(adminHeaders, { role: 'coop_admin', organisationId: 'urn:uuid:00000000-0000-4000-8000-000000000000' });
  assert.equal(badUuid.statusCode, 400);
  assert.deepEqual(fieldsOf(badUuid), ['body/organisationId field.pattern']);
  const badRole = await invite(adminHeaders, { role: 'king', organisationId: fed.coopNorth });
  assert.equal(badRole.statusCode, 400);
  assert.deepEqual(fieldsOf(badRole), ['body/role field.enum']);

  const anonymous = await platform.app.inject({ method: 'POST', url: '/api/v1/invitations', payload: { email: uniqueEmail(), role: 'platform_admin' } });
  assert.equal(anonymous.statusCode, 401);
  const noCsrf = await platform.app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: { cookie: adminHeaders.cookie! },
    payload: { email: uniqueEmail(), role: 'platform_admin' },
  });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(typeOf(noCsrf), '/problems/csrf');
});

test('an invitation to an existing account adds the role after checking its password', async () => {
  const existing = await account(platform);
  const res = await invite(adminHeaders, { email: existing.email.toUpperCase(), role: 'association_staff', organisationId: fed.southAssoc, personId: fed.personSouth });
  assert.equal(res.statusCode, 201, res.body);
  const token = tokenOf((res.json() as { acceptUrl: string }).acceptUrl);
  const wrong = await accept({ token, password: 'not the password' });
  assert.equal(wrong.statusCode, 401);
  assert.equal(typeOf(wrong), '/problems/invalid-credentials');
  const ok = await accept({ token, password: PASSWORD, displayName: 'Ignored For Existing' });
  assert.equal(ok.statusCode, 200, ok.body);
  const view = (ok.json() as { account: { id: string; personId: string; displayName: string; grants: { role: string; organisationId: string }[] } }).account;
  assert.equal(view.id, existing.id);
  assert.equal(view.displayName, 'Test User');
  assert.equal(view.personId, fed.personSouth);
  assert.deepEqual(
    view.grants.map((g) => [g.role, g.organisationId]),
    [['association_staff', fed.southAssoc]],
  );
});

test('the password check of an existing account is throttled like sign-in', async () => {
  const existing = await account(platform);
  const tokens: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await invite(adminHeaders, { email: existing.email, role: 'coop_admin', organisationId: fed.coopNorth2 });
    tokens.push(tokenOf((res.json() as { acceptUrl: string }).acceptUrl));
  }
  for (let i = 0; i < 5; i++) assert.equal((await accept({ token: tokens[0]!, password: `guess number ${i}` })).statusCode, 401);
  const locked = await accept({ token: tokens[1]!, password: PASSWORD });
  assert.equal(locked.statusCode, 429);
  assert.equal(typeOf(locked), '/problems/account-locked');
  assert.ok(Number(locked.headers['retry-after']) > 0);
});
