// Sign-in, sessions, CSRF, throttling and the /me routes, through the HTTP API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, freshIp, PASSWORD, uniqueEmail } from './fixtures.ts';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await platform.close();
});

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function signInRaw(email: string, password: string, remoteAddress = freshIp(), headers: Record<string, string> = {}) {
  return platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress, headers });
}

async function signInAs(email: string, password = PASSWORD): Promise<Record<string, string>> {
  const res = await signInRaw(email, password);
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'coop_session')!;
  return { cookie: `coop_session=${cookie.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

const tokenOf = (headers: Record<string, string>): string => headers.cookie!.slice('coop_session='.length);

test('sign-in opens a session: cookie flags, account view, only the token hash stored', async () => {
  const a = await account(platform, [{ role: 'platform_admin', organisationId: null }]);
  const res = await signInRaw(a.email.toUpperCase(), PASSWORD);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { account: Record<string, unknown>; csrfToken: string };
  assert.deepEqual(body.account, {
    id: a.id,
    email: a.email,
    displayName: 'Test User',
    locale: 'it',
    personId: null,
    grants: [{ role: 'platform_admin', organisationId: null, organisationName: null, organisationKind: null }],
  });
  assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);

  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /^coop_session=[A-Za-z0-9_-]{43};/);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.match(setCookie, /Path=\//);
  assert.doesNotMatch(setCookie, /Secure/, 'no Secure flag on an http platform');

  const token = res.cookies.find((c) => c.name === 'coop_session')!.value;
  const stored = await platform.database.query<{ id_hash: string }>('SELECT id_hash FROM sessions WHERE account_id = $1', [a.id]);
  assert.deepEqual(
    stored.rows.map((r) => r.id_hash),
    [sha256(token)],
  );

  const session = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `coop_session=${token}` } });
  assert.equal(session.statusCode, 200);
  assert.deepEqual((session.json() as { account: unknown }).account, body.account);
  assert.equal((session.json() as { csrfToken: string }).csrfToken, body.csrfToken);

  const audits = await platform.database.query<{ action: string }>("SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'auth.sign-in'", [a.id]);
  assert.equal(audits.rows.length, 1);
});

test('the cookie is Secure when the public URL is https', async () => {
  const a = await account(platform);
  const previous = platform.config.publicUrl;
  platform.config.publicUrl = 'https://cooperando.example.org';
  try {
    const res = await signInRaw(a.email, PASSWORD);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['set-cookie']), /; Secure/);
  } finally {
    platform.config.publicUrl = previous;
  }
});

test('GET /auth/session without a session is a 401 problem', async () => {
  const res = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
  assert.equal(res.statusCode, 401);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  assert.equal((res.json() as { type: string }).type, '/problems/unauthenticated');
  const bogus = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: 'coop_session=not-a-token' } });
  assert.equal(bogus.statusCode, 401);
});

test('wrong password and unknown e-mail give the same answer', async () => {
  const a = await account(platform);
  const wrong = await signInRaw(a.email, 'wrong password!');
  const unknown = await signInRaw(uniqueEmail('nobody'), 'wrong password!');
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
  assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
  assert.equal((wrong.json() as { type: string }).type, '/problems/invalid-credentials');
  assert.equal((wrong.json() as { title: string }).title, 'E-mail o password non corretti');
  assert.equal(wrong.headers['set-cookie'], undefined);

  const en = await signInRaw(a.email, 'wrong password!', freshIp(), { 'accept-language': 'en-GB,en;q=0.9' });
  assert.equal((en.json() as { title: string }).title, 'Wrong e-mail or password');

  // The failure is audited with the account id when known, and never with the password.
  const audits = await platform.database.query<{ subject_id: string | null; details: unknown }>(
    "SELECT subject_id, details FROM audit_log WHERE action = 'auth.sign-in-failed' ORDER BY id",
  );
  assert.ok(audits.rows.some((r) => r.subject_id === a.id));
  assert.ok(audits.rows.some((r) => r.subject_id === null));
  assert.ok(!JSON.stringify(audits.rows).includes('wrong password'));
});

test('sign-out ends the session and clears the cookie', async () => {
  const a = await account(platform);
  const h = await signInAs(a.email);
  const res = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: h });
  assert.equal(res.statusCode, 204);
  assert.match(String(res.headers['set-cookie']), /coop_session=;.*Max-Age=0/);
  const after = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h });
  assert.equal(after.statusCode, 401);
  const rows = await platform.database.query('SELECT 1 FROM sessions WHERE id_hash = $1', [sha256(tokenOf(h))]);
  assert.equal(rows.rows.length, 0);
  const audits = await platform.database.query("SELECT 1 FROM audit_log WHERE action = 'auth.sign-out' AND subject_id = $1", [a.id]);
  assert.equal(audits.rows.length, 1);
  // Signing out without a session is harmless.
  const again = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out' });
  assert.equal(again.statusCode, 204);
});

test('5 failures lock the e-mail for 15 minutes, known or not, then it opens again', async () => {
  const a = await account(platform);
  const ip = freshIp();
  for (let i = 0; i < 5; i++) {
    const res = await signInRaw(a.email, `wrong password ${i}`, ip);
    assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
  }
  const locked = await signInRaw(a.email, PASSWORD, freshIp());
  assert.equal(locked.statusCode, 429, locked.body);
  assert.equal((locked.json() as { type: string }).type, '/problems/account-locked');
  const retry = Number(locked.headers['retry-after']);
  assert.ok(retry > 14 * 60 && retry <= 15 * 60, `Retry-After ${retry}`);
  const row = await platform.database.query<{ locked_until: Date | string | null; failed_sign_ins: number }>(
    'SELECT locked_until, failed_sign_ins FROM accounts WHERE id = $1',
    [a.id],
  );
  assert.ok(row.rows[0]!.locked_until !== null);
  assert.equal(row.rows[0]!.failed_sign_ins, 5);
  const lockAudit = await platform.database.query("SELECT 1 FROM audit_log WHERE action = 'account.locked' AND subject_id = $1", [a.id]);
  assert.equal(lockAudit.rows.length, 1);

  // An unknown e-mail is locked the same way, so the lock tells nothing about which accounts exist.
  const ghost = uniqueEmail('ghost');
  for (let i = 0; i < 5; i++) assert.equal((await signInRaw(ghost, 'wrong password', ip)).statusCode, 401);
  const ghostLocked = await signInRaw(ghost, 'wrong password', freshIp());
  assert.equal(ghostLocked.statusCode, 429);
  assert.equal((ghostLocked.json() as { type: string }).type, '/problems/account-locked');

  // 15 minutes later (moved back in the database, which every process shares) the account opens again.
  await platform.database.query("UPDATE sign_in_attempts SET at = at - interval '16 minutes'");
  await platform.database.query("UPDATE accounts SET locked_until = now() - interval '1 minute' WHERE id = $1", [a.id]);
  const ok = await signInRaw(a.email, PASSWORD, freshIp());
  assert.equal(ok.statusCode, 200, ok.body);
  const reset = await platform.database.query<{ failed_sign_ins: number; locked_until: unknown }>(
    'SELECT failed_sign_ins, locked_until FROM accounts WHERE id = $1',
    [a.id],
  );
  assert.deepEqual(reset.rows[0], { failed_sign_ins: 0, locked_until: null });
});

test('more than 30 failures from one address in 15 minutes give 429 rate-limited', async () => {
  const a = await account(platform);
  const ip = freshIp();
  for (let i = 0; i < 30; i++) {
    const res = await signInRaw(uniqueEmail('spray'), 'wrong password', ip);
    assert.equal(res.statusCode, 401, `attempt ${i + 1}: ${res.body}`);
  }
  const limited = await signInRaw(a.email, PASSWORD, ip);
  assert.equal(limited.statusCode, 429);
  assert.equal((limited.json() as { type: string }).type, '/problems/rate-limited');
  assert.ok(Number(limited.headers['retry-after']) > 0);
  // Another address is not affected.
  assert.equal((await signInRaw(a.email, PASSWORD, freshIp())).statusCode, 200);
});

test('unsafe methods of a signed-in request need the CSRF header', async () => {
  const a = await account(platform);
  const h = await signInAs(a.email);
  const cookieOnly = { cookie: h.cookie! };
  const noHeader = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: cookieOnly, payload: { displayName: 'X' } });
  assert.equal(noHeader.statusCode, 403);
  assert.equal((noHeader.json() as { type: string }).type, '/problems/csrf');
  const wrong = await platform.app.inject({
    method: 'PATCH',
    url: '/api/v1/me/account',
    headers: { ...cookieOnly, 'x-csrf-token': 'A'.repeat(43) },
    payload: { displayName: 'X' },
  });
  assert.equal(wrong.statusCode, 403);
  for (const [method, url] of [
    ['POST', '/api/v1/auth/sign-out'],
    ['DELETE', '/api/v1/me/sessions/0123456789abcdef'],
    ['POST', '/api/v1/me/password'],
  ] as const) {
    const res = await platform.app.inject({ method, url, headers: cookieOnly, payload: {} });
    assert.equal(res.statusCode, 403, `${method} ${url}`);
  }
  // Safe methods do not need it.
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: cookieOnly })).statusCode, 200);
  // With the header the change goes through.
  const ok = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: h, payload: { displayName: 'Nuovo Nome' } });
  assert.equal(ok.statusCode, 200);
  assert.equal((ok.json() as { displayName: string }).displayName, 'Nuovo Nome');
  // A stale cookie carries no authority, so signing in again with it needs no token.
  await platform.database.query('DELETE FROM sessions WHERE id_hash = $1', [sha256(tokenOf(h))]);
  const again = await signInRaw(a.email, PASSWORD, freshIp(), cookieOnly);
  assert.equal(again.statusCode, 200);
});

test('sessions expire after inactivity and slide while used', async () => {
  const a = await account(platform);
  const h = await signInAs(a.email);
  const idHash = sha256(tokenOf(h));

  // Used within the last minute: no write.
  await platform.database.query("UPDATE sessions SET last_seen_at = now() - interval '10 seconds' WHERE id_hash = $1", [idHash]);
  const before = await platform.database.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM sessions WHERE id_hash = $1', [idHash]);
  await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h });
  const same = await platform.database.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM sessions WHERE id_hash = $1', [idHash]);
  assert.equal(new Date(same.rows[0]!.last_seen_at).getTime(), new Date(before.rows[0]!.last_seen_at).getTime());

  // Idle for two minutes: the next request moves last_seen_at and the expiry forward.
  await platform.database.query(
    "UPDATE sessions SET last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '5 minutes' WHERE id_hash = $1",
    [idHash],
  );
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h })).statusCode, 200);
  const slid = await platform.database.query<{ fresh: boolean; extended: boolean }>(
    `SELECT last_seen_at > now() - interval '1 minute' AS fresh,
            expires_at > now() + interval '${platform.config.sessionTtlHours - 1} hours' AS extended
       FROM sessions WHERE id_hash = $1`,
    [idHash],
  );
  assert.deepEqual(slid.rows[0], { fresh: true, extended: true });

  // Past its expiry the session is gone for every route.
  await platform.database.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1", [idHash]);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h })).statusCode, 401);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: h })).statusCode, 401);
});

test('a disabled account cannot sign in and its sessions stop working', async () => {
  const a = await account(platform);
  const h = await signInAs(a.email);
  await platform.database.query('UPDATE accounts SET disabled_at = now() WHERE id = $1', [a.id]);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h })).statusCode, 401);
  assert.equal((await signInRaw(a.email, PASSWORD)).statusCode, 401);
});

test('changing the password revokes the other sessions', async () => {
  const a = await account(platform);
  const first = await signInAs(a.email);
  const second = await signInAs(a.email);
  const change = (headers: Record<string, string>, payload: unknown) =>
    platform.app.inject({ method: 'POST', url: '/api/v1/me/password', headers, payload: payload as Record<string, string>, remoteAddress: freshIp() });

  const wrong = await change(first, { currentPassword: 'not my password', newPassword: 'another long password' });
  assert.equal(wrong.statusCode, 400);
  assert.deepEqual(
    (wrong.json() as { errors: { field: string; code: string }[] }).errors.map((e) => [e.field, e.code]),
    [['body/currentPassword', 'identity.password.wrong']],
  );
  const short = await change(first, { currentPassword: PASSWORD, newPassword: 'short' });
  assert.equal(short.statusCode, 400);
  assert.equal((short.json() as { errors: { field: string }[] }).errors[0]!.field, 'body/newPassword');

  const ok = await change(first, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: first })).statusCode, 200);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: second })).statusCode, 401);
  assert.equal((await signInRaw(a.email, PASSWORD)).statusCode, 401);
  assert.equal((await signInRaw(a.email, 'a brand new passphrase')).statusCode, 200);
  const audits = await platform.database.query("SELECT details FROM audit_log WHERE action = 'account.password-change' AND subject_id = $1", [a.id]);
  assert.equal(audits.rows.length, 1);
  assert.ok(!JSON.stringify(audits.rows).includes('passphrase'));
});

test('my sessions: list, end another one, end the current one', async () => {
  const a = await account(platform);
  const other = await signInAs(a.email);
  const h = await signInAs(a.email);
  const list = await platform.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { ...h, 'user-agent': 'TestBrowser/1.0' } });
  assert.equal(list.statusCode, 200);
  const items = (list.json() as { items: { id: string; current: boolean; createdAt: string; lastSeenAt: string; userAgent: string | null }[] }).items;
  assert.equal(items.length, 2);
  assert.equal(items.filter((i) => i.current).length, 1);
  for (const i of items) {
    assert.match(i.id, /^[0-9a-f]{16}$/);
    assert.ok(!Number.isNaN(Date.parse(i.createdAt)) && !Number.isNaN(Date.parse(i.lastSeenAt)));
    assert.ok(!sha256(tokenOf(h)).startsWith(i.id) || i.current);
  }
  const otherItem = items.find((i) => !i.current)!;
  const del = await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${otherItem.id}`, headers: h });
  assert.equal(del.statusCode, 204);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: other })).statusCode, 401);
  const again = await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${otherItem.id}`, headers: h });
  assert.equal(again.statusCode, 404);
  const bad = await platform.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions/nothex', headers: h });
  assert.equal(bad.statusCode, 400);
  // Another account's session cannot be ended.
  const b = await account(platform);
  const hb = await signInAs(b.email);
  const own = items.find((i) => i.current)!;
  assert.equal((await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${own.id}`, headers: hb })).statusCode, 404);
  const self = await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${own.id}`, headers: h });
  assert.equal(self.statusCode, 204);
  assert.match(String(self.headers['set-cookie']), /Max-Age=0/);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h })).statusCode, 401);
});

test('the account locale drives messages; ?lang= overrides it', async () => {
  const a = await account(platform, [], { locale: 'en' });
  const h = await signInAs(a.email);
  const bad = () => platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: h, payload: { locale: 'fr' } });
  assert.equal(((await bad()).json() as { title: string }).title, 'The request contains invalid data');
  const it = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account?lang=it', headers: h, payload: { locale: 'fr' } });
  assert.equal((it.json() as { title: string }).title, 'La richiesta contiene dati non validi');
  const set = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: h, payload: { locale: 'it' } });
  assert.equal(set.statusCode, 200);
  assert.equal((set.json() as { locale: string }).locale, 'it');
  assert.equal(((await bad()).json() as { title: string }).title, 'La richiesta contiene dati non validi');
  const blank = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: h, payload: { displayName: '   ' } });
  assert.equal(blank.statusCode, 400);
  assert.equal((blank.json() as { errors: { field: string }[] }).errors[0]!.field, 'body/displayName');
});

test('malformed bodies and unknown fields are 400 problems naming the field', async () => {
  const post = (payload: string, contentType = 'application/json') =>
    platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload, headers: { 'content-type': contentType }, remoteAddress: freshIp() });
  const fieldsOf = (res: { json(): unknown }) => ((res.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => `${e.field} ${e.code}`);

  const unknown = await post(JSON.stringify({ email: 'a@example.org', password: 'x', admin: true }));
  assert.equal(unknown.statusCode, 400);
  assert.deepEqual(fieldsOf(unknown), ['body/admin field.unknown']);

  const missing = await post(JSON.stringify({ email: 'a@example.org' }));
  assert.equal(missing.statusCode, 400);
  assert.deepEqual(fieldsOf(missing), ['body/password field.required']);

  const badEmail = await post(JSON.stringify({ email: 'not an email', password: 'whatever' }));
  assert.equal(badEmail.statusCode, 400);
  assert.deepEqual(fieldsOf(badEmail), ['body/email field.format']);

  const wrongType = await post(JSON.stringify({ email: 'a@example.org', password: 42 }));
  assert.deepEqual(fieldsOf(wrongType), ['body/password field.type']);

  const broken = await post('{"email": ');
  assert.equal(broken.statusCode, 400);
  assert.equal((broken.json() as { type: string }).type, '/problems/malformed-json');

  const notJson = await post('email=a', 'application/x-www-form-urlencoded');
  assert.equal(notJson.statusCode, 415);

  const a = await account(platform);
  const h = await signInAs(a.email);
  const patch = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: h, payload: { displayName: 'ok', email: 'x@y.z' } });
  assert.equal(patch.statusCode, 400);
  assert.deepEqual(fieldsOf(patch), ['body/email field.unknown']);
  const nul = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me/account', headers: h, payload: { displayName: 'a\u0000b' } });
  assert.equal(nul.statusCode, 400);
  assert.deepEqual(fieldsOf(nul), ['body/displayName field.pattern']);
});

test('the OpenAPI document describes the identity routes', async () => {
  const res = await platform.app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = res.json() as { paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown>; requestBody?: unknown }>> };
  for (const [path, method] of [
    ['/api/v1/auth/sign-in', 'post'],
    ['/api/v1/auth/sign-out', 'post'],
    ['/api/v1/auth/session', 'get'],
    ['/api/v1/auth/invitations/accept', 'post'],
    ['/api/v1/me/account', 'patch'],
    ['/api/v1/me/password', 'post'],
    ['/api/v1/me/sessions', 'get'],
    ['/api/v1/me/sessions/{id}', 'delete'],
    ['/api/v1/invitations', 'post'],
    ['/api/v1/admin/accounts', 'get'],
    ['/api/v1/admin/accounts', 'post'],
    ['/api/v1/admin/accounts/{id}/grants', 'post'],
    ['/api/v1/admin/accounts/{id}/grants/{grantId}', 'delete'],
  ] as const) {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method} ${path}`);
    assert.deepEqual(op.tags, ['identity']);
    assert.ok(Object.keys(op.responses).length >= 2, `${method} ${path} documents its responses`);
  }
});
