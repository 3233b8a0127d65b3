// The platform administrators' account routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, PASSWORD, seedFederation, uniqueEmail, type Federation } from './fixtures.ts';

let platform: TestPlatform;
let fed: Federation;
let admin: { email: string; id: string };
let h: Record<string, string>;

before(async () => {
  platform = await startTestPlatform();
  fed = await seedFederation(platform.database);
  admin = await account(platform, [{ role: 'platform_admin', organisationId: null }], { email: 'root@example.org' });
  h = await platform.signIn(admin.email, PASSWORD);
});
after(async () => {
  await platform.close();
});

const ZERO = '00000000-0000-4000-8000-000000000000';
const fieldsOf = (res: { json(): unknown }) => ((res.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => `${e.field} ${e.code}`);

test('admin routes are for platform admins only', async () => {
  const users = [
    await account(platform, [{ role: 'coop_admin', organisationId: fed.coopNorth }]),
    await account(platform, [{ role: 'association_staff', organisationId: fed.national }]),
    await account(platform),
  ];
  const requests = [
    { method: 'GET', url: '/api/v1/admin/accounts' },
    { method: 'POST', url: '/api/v1/admin/accounts', payload: { email: uniqueEmail(), displayName: 'X', password: 'long enough password' } },
    { method: 'POST', url: `/api/v1/admin/accounts/${admin.id}/grants`, payload: { role: 'platform_admin' } },
    { method: 'DELETE', url: `/api/v1/admin/accounts/${admin.id}/grants/${ZERO}` },
  ] as const;
  for (const u of users) {
    const headers = await platform.signIn(u.email, PASSWORD);
    for (const r of requests) {
      const res = await platform.app.inject({ ...r, headers });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url}: ${res.body}`);
      assert.equal((res.json() as { type: string }).type, '/problems/forbidden');
    }
  }
  for (const r of requests) {
    const res = await platform.app.inject(r);
    assert.equal(res.statusCode, 401, `${r.method} ${r.url} anonymous`);
  }
  const count = await platform.database.query<{ n: number }>("SELECT count(*)::int AS n FROM role_grants WHERE role = 'platform_admin'");
  assert.equal(count.rows[0]!.n, 1);
});

test('create an account with grants', async () => {
  const email = uniqueEmail('created');
  const res = await platform.app.inject({
    method: 'POST',
    url: '/api/v1/admin/accounts',
    headers: h,
    payload: {
      email,
      displayName: 'Created One',
      password: 'long enough password',
      personId: fed.personNorth,
      grants: [{ role: 'coop_admin', organisationId: fed.coopNorth }, { role: 'association_staff', organisationId: fed.northAssoc }],
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const view = res.json() as { id: string; email: string; personId: string; grants: { id: string; role: string; organisationName: string }[]; disabled: boolean; lockedUntil: null };
  assert.equal(view.email, email);
  assert.equal(view.personId, fed.personNorth);
  assert.deepEqual(
    view.grants.map((g) => [g.role, g.organisationName]),
    [
      ['association_staff', 'Lega Nord'],
      ['coop_admin', 'Coop Nord'],
    ],
  );
  assert.ok(view.grants.every((g) => /^[0-9a-f-]{36}$/.test(g.id)));
  assert.equal(view.disabled, false);
  assert.equal(view.lockedUntil, null);
  await platform.signIn(email, 'long enough password');

  const post = (payload: Record<string, unknown>) => platform.app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers: h, payload });
  const dup = await post({ email: email.toUpperCase(), displayName: 'Dup', password: 'long enough password' });
  assert.equal(dup.statusCode, 409);
  assert.deepEqual(fieldsOf(dup), ['body/email identity.email.taken']);
  const linked = await post({ email: uniqueEmail(), displayName: 'Other', password: 'long enough password', personId: fed.personNorth });
  assert.equal(linked.statusCode, 409);
  assert.deepEqual(fieldsOf(linked), ['body/personId identity.person.already-linked']);
  const short = await post({ email: uniqueEmail(), displayName: 'Short', password: 'tooshort' });
  assert.deepEqual(fieldsOf(short), ['body/password identity.password.too-short']);
  const badGrant = await post({ email: uniqueEmail(), displayName: 'G', password: 'long enough password', grants: [{ role: 'coop_admin', organisationId: fed.southAssoc }] });
  assert.equal(badGrant.statusCode, 400);
  assert.deepEqual(fieldsOf(badGrant), ['body/grants/0/organisationId identity.organisation.not-cooperative']);
  const unknownField = await post({ email: uniqueEmail(), displayName: 'G', password: 'long enough password', grants: [{ role: 'platform_admin', scope: 'all' }] });
  assert.deepEqual(fieldsOf(unknownField), ['body/grants/0/scope field.unknown']);
  // Nothing half-done: the failed creations left no account behind.
  const n = await platform.database.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE display_name IN ('Dup', 'Other', 'Short', 'G')");
  assert.equal(n.rows[0]!.n, 0);
});

test('list and search accounts with paging', async () => {
  for (let i = 0; i < 3; i++) await account(platform, [], { email: `zeta-${i}@search.example.org` });
  const list = (qs: string) => platform.app.inject({ method: 'GET', url: `/api/v1/admin/accounts${qs}`, headers: h });
  const all = await list('');
  assert.equal(all.statusCode, 200);
  const body = all.json() as { items: { email: string }[]; total: number; page: number; pageSize: number };
  assert.equal(body.page, 1);
  assert.equal(body.pageSize, 20);
  assert.ok(body.total >= 4);
  const search = await list('?q=SEARCH.example&pageSize=2&page=2&lang=en');
  assert.equal(search.statusCode, 200, search.body);
  const page2 = search.json() as { items: { email: string }[]; total: number; page: number; pageSize: number };
  assert.equal(page2.total, 3);
  assert.deepEqual(page2.items.map((i) => i.email), ['zeta-2@search.example.org']);
  const wildcard = await list(`?q=${encodeURIComponent('%')}`);
  assert.equal((wildcard.json() as { total: number }).total, 0, '% is matched literally');
  const bad = await list('?pageSize=0');
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fieldsOf(bad), ['querystring/pageSize field.range']);
  const unknown = await list('?sort=email');
  assert.equal(unknown.statusCode, 400);
  assert.deepEqual(fieldsOf(unknown), ['querystring/sort field.unknown']);
});

test('grant and revoke roles; changes apply to the next request', async () => {
  const u = await account(platform);
  const uh = await platform.signIn(u.email, PASSWORD);
  const grant = (payload: Record<string, unknown>, id = u.id) =>
    platform.app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${id}/grants`, headers: h, payload });

  const first = await grant({ role: 'coop_admin', organisationId: fed.coopSouth });
  assert.equal(first.statusCode, 201, first.body);
  const g = first.json() as { id: string; role: string; organisationId: string; organisationName: string; organisationKind: string };
  assert.deepEqual({ ...g, id: undefined }, { id: undefined, role: 'coop_admin', organisationId: fed.coopSouth, organisationName: 'Coop Sud', organisationKind: 'cooperative' });
  const again = await grant({ role: 'coop_admin', organisationId: fed.coopSouth });
  assert.equal(again.statusCode, 200);
  assert.equal((again.json() as { id: string }).id, g.id);
  const session = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: uh });
  assert.equal((session.json() as { account: { grants: unknown[] } }).account.grants.length, 1);

  assert.equal((await grant({ role: 'coop_admin', organisationId: fed.coopSouth }, ZERO)).statusCode, 404);
  assert.deepEqual(fieldsOf(await grant({ role: 'platform_admin', organisationId: fed.national })), ['body/organisationId identity.organisation.not-allowed']);
  assert.deepEqual(fieldsOf(await grant({ role: 'association_staff' })), ['body/organisationId identity.organisation.required']);

  const del = await platform.app.inject({ method: 'DELETE', url: `/api/v1/admin/accounts/${u.id}/grants/${g.id}`, headers: h });
  assert.equal(del.statusCode, 204);
  const gone = await platform.app.inject({ method: 'DELETE', url: `/api/v1/admin/accounts/${u.id}/grants/${g.id}`, headers: h });
  assert.equal(gone.statusCode, 404);
  const after = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: uh });
  assert.deepEqual((after.json() as { account: { grants: unknown[] } }).account.grants, []);
  const audits = await platform.database.query<{ action: string }>(
    "SELECT action FROM audit_log WHERE subject_id = $1 AND action IN ('role.grant', 'role.revoke') ORDER BY id",
    [u.id],
  );
  assert.deepEqual(audits.rows.map((r) => r.action), ['role.grant', 'role.revoke']);
  const badId = await platform.app.inject({ method: 'DELETE', url: `/api/v1/admin/accounts/${u.id}/grants/not-a-uuid`, headers: h });
  assert.equal(badId.statusCode, 400);
  assert.deepEqual(fieldsOf(badId), ['params/grantId field.pattern']);
});

test('the last platform admin cannot be removed', async () => {
  const grants = await platform.database.query<{ id: string }>("SELECT id FROM role_grants WHERE account_id = $1 AND role = 'platform_admin'", [admin.id]);
  const res = await platform.app.inject({ method: 'DELETE', url: `/api/v1/admin/accounts/${admin.id}/grants/${grants.rows[0]!.id}`, headers: h });
  assert.equal(res.statusCode, 409);
  // With a second admin it can.
  const second = await account(platform, [{ role: 'platform_admin', organisationId: null }]);
  const ok = await platform.app.inject({ method: 'DELETE', url: `/api/v1/admin/accounts/${admin.id}/grants/${grants.rows[0]!.id}`, headers: h });
  assert.equal(ok.statusCode, 204);
  const nowForbidden = await platform.app.inject({ method: 'GET', url: '/api/v1/admin/accounts', headers: h });
  assert.equal(nowForbidden.statusCode, 403);
  assert.ok(second.id);
});
