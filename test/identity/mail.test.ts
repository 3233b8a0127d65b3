// Mail by real SMTP (an smtp-server on a free port): e-mail verification, password reset and invitations, with
// single-use expiring tokens stored as hashes, texts in the account's language, rate limits; and without SMTP the
// outbox that platform administrators read.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, freshIp, PASSWORD, seedFederation, uniqueEmail, type Federation } from './fixtures.ts';
import { linkIn, TestSmtp } from './support/smtp.ts';

type Headers = Record<string, string>;
const typeOf = (res: { json(): unknown }): string => (res.json() as { type: string }).type;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const tokenOf = (url: string): string => url.slice(url.indexOf('#') + 1);

describe('with SMTP', () => {
  let platform: TestPlatform;
  let smtp: TestSmtp;
  let fed: Federation;
  before(async () => {
    smtp = new TestSmtp();
    const smtpUrl = await smtp.start();
    platform = await startTestPlatform({ config: { smtpUrl, mailFrom: 'Cooperando <posta@cooperando.test>' } });
    fed = await seedFederation(platform.database);
  });
  after(async () => {
    await platform.close();
    await smtp.close();
  });
  const post = (url: string, headers: Headers, payload?: unknown, remoteAddress = freshIp()) =>
    platform.app.inject({ method: 'POST', url, headers, remoteAddress, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  test('e-mail verification: a link by mail (Italian), used once', async () => {
    const a = await account(platform);
    const headers = await platform.signIn(a.email, PASSWORD);
    const before = (await platform.app.inject({ method: 'GET', url: '/api/v1/me/security', headers })).json() as { emailVerified: boolean };
    assert.equal(before.emailVerified, false);
    const res = await post('/api/v1/me/email/verification', headers);
    assert.equal(res.statusCode, 202, res.body);
    const mail = await smtp.waitFor(a.email, (m) => /Conferma il tuo indirizzo/.test(m.subject));
    assert.match(mail.raw, /^From: Cooperando <posta@cooperando\.test>/m);
    assert.match(mail.text, /per confermare che questo indirizzo e-mail è tuo/);
    const link = linkIn(mail, '/verifica-email#');
    assert.ok(link.startsWith(`${platform.config.publicUrl}/verifica-email#`), 'the token travels in the fragment, never to a server log');
    const token = tokenOf(link);
    const stored = await platform.database.query<{ n: number }>('SELECT count(*)::int AS n FROM account_tokens WHERE token_hash = $1', [sha256(token)]);
    assert.equal(stored.rows[0]!.n, 1, 'only the hash is stored');

    const ok = await post('/api/v1/auth/email/verify', {}, { token });
    assert.equal(ok.statusCode, 204, ok.body);
    const after = (await platform.app.inject({ method: 'GET', url: '/api/v1/me/security', headers })).json() as { emailVerified: boolean };
    assert.equal(after.emailVerified, true);
    const again = await post('/api/v1/auth/email/verify', {}, { token });
    assert.equal(again.statusCode, 410);
    assert.equal(typeOf(again), '/problems/token-invalid');
    assert.equal((await post('/api/v1/me/email/verification', headers)).statusCode, 409, 'verified already');
  });

  test('password reset by mail (English account): new password works, sessions end, old token dead', async () => {
    const a = await account(platform, [], { locale: 'en' });
    const oldHeaders = await platform.signIn(a.email, PASSWORD);
    const ip = freshIp();
    const res = await post('/api/v1/auth/password-reset', {}, { email: a.email.toUpperCase() }, ip);
    assert.equal(res.statusCode, 202);
    const mail = await smtp.waitFor(a.email, (m) => m.subject === 'Reset your Cooperando password');
    assert.match(mail.text, /valid for 60 minutes and works once/);
    const token = tokenOf(linkIn(mail, '/reimposta-password#'));

    const weak = await post('/api/v1/auth/password-reset/confirm', {}, { token, newPassword: 'short' });
    assert.equal(weak.statusCode, 400);
    const done = await post('/api/v1/auth/password-reset/confirm', {}, { token, newPassword: 'a brand new password' });
    assert.equal(done.statusCode, 204, done.body);
    assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: oldHeaders })).statusCode, 401, 'every session ended');
    await platform.signIn(a.email, 'a brand new password');
    const reused = await post('/api/v1/auth/password-reset/confirm', {}, { token, newPassword: 'yet another password' });
    assert.equal(reused.statusCode, 410);
    // The owner is told.
    await smtp.waitFor(a.email, (m) => m.subject === 'Cooperando security notice' && /password was reset/.test(m.text));
    const audit = await platform.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [a.id]);
    assert.ok(audit.rows.some((r) => r.action === 'account.password-reset-requested'));
    assert.ok(audit.rows.some((r) => r.action === 'account.password-reset'));
  });

  test('password reset: same answer for unknown addresses, expired tokens refused, requests limited', async () => {
    const unknown = await post('/api/v1/auth/password-reset', {}, { email: uniqueEmail('nobody') });
    assert.equal(unknown.statusCode, 202, 'no hint whether an account exists');

    const a = await account(platform);
    const ip = freshIp();
    assert.equal((await post('/api/v1/auth/password-reset', {}, { email: a.email }, ip)).statusCode, 202);
    const mail = await smtp.waitFor(a.email, (m) => /Reimposta la password/.test(m.subject));
    const token = tokenOf(linkIn(mail, '/reimposta-password#'));
    await platform.database.query(`UPDATE account_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [sha256(token)]);
    assert.equal((await post('/api/v1/auth/password-reset/confirm', {}, { token, newPassword: 'a brand new password' })).statusCode, 410);
    // Three requests per address in 15 minutes, then 429 with Retry-After.
    assert.equal((await post('/api/v1/auth/password-reset', {}, { email: a.email })).statusCode, 202);
    assert.equal((await post('/api/v1/auth/password-reset', {}, { email: a.email })).statusCode, 202);
    const limited = await post('/api/v1/auth/password-reset', {}, { email: a.email });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  test('an invitation goes by mail; accepting it verifies the address and links the person', async () => {
    const coopAdmin = await account(platform, [{ role: 'coop_admin', organisationId: fed.coopNorth }]);
    const headers = await platform.signIn(coopAdmin.email, PASSWORD);
    const email = uniqueEmail('socio');
    const res = await post('/api/v1/invitations', headers, { email, personId: fed.personNorth, displayName: 'Anna Rossi' });
    assert.equal(res.statusCode, 201, res.body);
    const mail = await smtp.waitFor(email, (m) => /Invito a Cooperando da Coop Nord/.test(m.subject));
    assert.match(mail.text, /Coop Nord ti invita a usare Cooperando/);
    const url = linkIn(mail, '/invito/');
    const token = url.slice(url.lastIndexOf('/') + 1);
    const details = await platform.app.inject({ method: 'GET', url: `/api/v1/auth/invitations/${token}` });
    assert.equal(details.statusCode, 200, details.body);
    assert.deepEqual((details.json() as { cooperatives: string[] }).cooperatives, ['Coop Nord']);
    const ok = await post('/api/v1/auth/invitations/accept', {}, { token, password: 'a good long password' });
    assert.equal(ok.statusCode, 200, ok.body);
    const row = await platform.database.query<{ verified: boolean; person_id: string }>(
      'SELECT email_verified_at IS NOT NULL AS verified, person_id FROM accounts WHERE lower(email) = $1',
      [email],
    );
    assert.deepEqual(row.rows[0], { verified: true, person_id: fed.personNorth });
  });

  test('delivered mails keep no body (no reset link stays readable)', async () => {
    await platform.app.inject({ method: 'GET', url: '/healthz' });
    const rows = await platform.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent' AND text_body IS NOT NULL`);
    assert.equal(rows.rows[0]!.n, 0);
    const sent = await platform.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent'`);
    assert.ok(sent.rows[0]!.n >= 5);
  });
});

describe('without SMTP: the outbox', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startTestPlatform();
  });
  after(async () => {
    await platform.close();
  });

  test('mails stay in the outbox, readable by platform administrators only', async () => {
    const a = await account(platform, [], { locale: 'en' });
    const headers = await platform.signIn(a.email, PASSWORD);
    assert.equal((await platform.app.inject({ method: 'POST', url: '/api/v1/me/email/verification', headers })).statusCode, 202);
    const admin = await account(platform, [{ role: 'platform_admin', organisationId: null }]);
    const adminHeaders = await platform.signIn(admin.email, PASSWORD);
    const list = await platform.app.inject({ method: 'GET', url: `/api/v1/admin/mail?to=${encodeURIComponent(a.email)}`, headers: adminHeaders });
    assert.equal(list.statusCode, 200, list.body);
    const body = list.json() as { mode: string; items: { id: string; subject: string; status: string }[] };
    assert.equal(body.mode, 'outbox');
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0]!.status, 'outbox');
    assert.equal(body.items[0]!.subject, 'Confirm your e-mail address on Cooperando');
    const one = await platform.app.inject({ method: 'GET', url: `/api/v1/admin/mail/${body.items[0]!.id}`, headers: adminHeaders });
    assert.match((one.json() as { text: string }).text, /verifica-email#/);
    assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/admin/mail', headers })).statusCode, 403, 'a member cannot read the outbox');
  });
});
