// Account security: recovery codes (shown once, stored hashed, each works once, locked out like passwords), the
// member's own security events, sessions listed and revoked, and the headers every response carries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, freshIp, PASSWORD } from './fixtures.ts';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform({ config: { publicUrl: 'https://cooperando.example' } });
});
after(async () => {
  await platform.close();
});

const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>, remoteAddress = freshIp()) =>
  platform.app.inject({ method: 'POST', url, headers, remoteAddress, ...(payload ? { payload } : {}) });

test('recovery codes: ten, shown once, hashed, each signs in once', async () => {
  const a = await account(platform);
  const headers = await platform.signIn(a.email, PASSWORD);
  const res = await post('/api/v1/me/recovery-codes', headers);
  assert.equal(res.statusCode, 201, res.body);
  const { codes } = res.json() as { codes: string[] };
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  const stored = await platform.database.query<{ code_hash: string }>('SELECT code_hash FROM recovery_codes WHERE account_id = $1', [a.id]);
  assert.ok(stored.rows.every((r) => !codes.some((c) => r.code_hash.includes(c.replace(/-/g, '')))), 'no code in clear');
  const status = await platform.app.inject({ method: 'GET', url: '/api/v1/me/recovery-codes', headers });
  assert.deepEqual({ ...(status.json() as object), createdAt: undefined }, { total: 10, remaining: 10, createdAt: undefined });

  // Typed loosely (capitals, spaces): still the code.
  const typed = ` ${codes[3]!.toUpperCase().replace(/-/g, ' ')} `;
  const ok = await post('/api/v1/auth/recovery-code', {}, { email: a.email, code: typed });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.ok(ok.cookies.some((c) => c.name === 'coop_session'));
  const spent = await post('/api/v1/auth/recovery-code', {}, { email: a.email, code: codes[3]! });
  assert.equal(spent.statusCode, 401);
  assert.equal((spent.json() as { type: string }).type, '/problems/recovery-code-invalid');
  assert.equal(((await platform.app.inject({ method: 'GET', url: '/api/v1/me/recovery-codes', headers })).json() as { remaining: number }).remaining, 9);

  // A new set replaces the old one.
  const second = (await post('/api/v1/me/recovery-codes', headers)).json() as { codes: string[] };
  assert.equal((await post('/api/v1/auth/recovery-code', {}, { email: a.email, code: codes[0]! })).statusCode, 401);
  assert.equal((await post('/api/v1/auth/recovery-code', {}, { email: a.email, code: second.codes[0]! })).statusCode, 200);
});

test('wrong recovery codes lock the address like wrong passwords', async () => {
  const a = await account(platform);
  for (let i = 0; i < 5; i++) assert.equal((await post('/api/v1/auth/recovery-code', {}, { email: a.email, code: 'aaaa-bbbb-cccc-dddd' })).statusCode, 401);
  const locked = await post('/api/v1/auth/recovery-code', {}, { email: a.email, code: 'aaaa-bbbb-cccc-dddd' });
  assert.equal(locked.statusCode, 429);
  assert.equal((locked.json() as { type: string }).type, '/problems/account-locked');
  const pw = await post('/api/v1/auth/sign-in', {}, { email: a.email, password: PASSWORD });
  assert.equal(pw.statusCode, 429, 'the same lock covers the password');
});

test('the member sees their own security events, and only theirs', async () => {
  const a = await account(platform);
  const other = await account(platform);
  await post('/api/v1/auth/sign-in', {}, { email: a.email, password: 'wrong password!!' });
  const headers = await platform.signIn(a.email, PASSWORD);
  await post('/api/v1/auth/sign-in', {}, { email: other.email, password: 'wrong password!!' });
  await post('/api/v1/me/password', headers, { currentPassword: PASSWORD, newPassword: 'a new long password' });
  const res = await platform.app.inject({ method: 'GET', url: '/api/v1/me/security-events', headers });
  assert.equal(res.statusCode, 200, res.body);
  const items = (res.json() as { items: { action: string; details: Record<string, unknown> }[] }).items;
  assert.deepEqual(
    items.map((i) => i.action),
    ['account.password-change', 'auth.sign-in', 'auth.sign-in-failed', 'account.create'],
  );
  assert.deepEqual(items[2]!.details, { reason: 'invalid-credentials' });
  assert.equal(items[1]!.details.via, 'password');
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/me/security-events' })).statusCode, 401);
});

test('sessions: listed with how they were opened, another one revoked', async () => {
  const a = await account(platform);
  const one = await platform.signIn(a.email, PASSWORD);
  const two = await platform.signIn(a.email, PASSWORD);
  const list = (await platform.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: one })).json() as { items: { id: string; current: boolean; authMethod: string }[] };
  assert.equal(list.items.length, 2);
  assert.ok(list.items.every((s) => s.authMethod === 'password'));
  const otherId = list.items.find((s) => !s.current)!.id;
  assert.equal((await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${otherId}`, headers: one })).statusCode, 204);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: two })).statusCode, 401);
});

test('security headers: CSP with frame-ancestors none, HSTS behind https, no-referrer', async () => {
  const res = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'self'/);
  assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  const oidc = await platform.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration' });
  assert.equal(oidc.statusCode, 200);
  assert.match(String(oidc.headers['strict-transport-security']), /max-age/);
  assert.match(String(oidc.headers['content-security-policy']), /frame-ancestors 'none'/);
  void createHash;
});

test('public endpoints that write on every call are limited per address, with a problem+json 429', async () => {
  const ip = freshIp();
  const nonce = () => platform.app.inject({ method: 'POST', url: '/api/v1/oid4vci/nonce', remoteAddress: ip });
  for (let i = 0; i < 60; i++) assert.equal((await nonce()).statusCode, 200);
  const refused = await nonce();
  assert.equal(refused.statusCode, 429);
  assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
  assert.equal(refused.json().type, '/problems/rate-limited');
  assert.ok(Number(refused.headers['retry-after']) > 0);
  // Another address is not affected.
  assert.equal((await platform.app.inject({ method: 'POST', url: '/api/v1/oid4vci/nonce', remoteAddress: freshIp() })).statusCode, 200);
});
