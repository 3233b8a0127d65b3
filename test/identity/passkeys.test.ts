// Passkeys: registration after a step-up, discoverable sign-in without an e-mail, step-up for sensitive actions,
// rename and removal, and the refusals — wrong origin, replayed ceremony, forged signature, no user verification,
// another account's passkey — each audited, with failures counting against the client address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { account, freshIp, PASSWORD } from './fixtures.ts';
import { SoftAuthenticator } from './support/soft-authenticator.ts';

let platform: TestPlatform;

before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await platform.close();
});

type Headers = Record<string, string>;
const post = (url: string, headers: Headers, payload?: unknown, remoteAddress?: string) =>
  platform.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), ...(remoteAddress ? { remoteAddress } : {}) });
const get = (url: string, headers: Headers) => platform.app.inject({ method: 'GET', url, headers });
const typeOf = (res: { json(): unknown }): string => (res.json() as { type: string }).type;

async function registerPasskey(headers: Headers, auth: SoftAuthenticator, name?: string) {
  const start = await post('/api/v1/me/passkeys/registration/options', headers);
  assert.equal(start.statusCode, 200, start.body);
  const { flowId, options } = start.json() as { flowId: string; options: { challenge: string; rp: { id: string; name: string }; user: { id: string; name: string } } };
  const res = await post('/api/v1/me/passkeys', headers, { flowId, response: auth.create(options), ...(name ? { name } : {}) });
  return res;
}

async function passkeySignIn(auth: SoftAuthenticator, ip = freshIp(), opts: Parameters<SoftAuthenticator['get']>[1] = {}) {
  const start = await post('/api/v1/auth/passkey/options', {}, undefined, ip);
  assert.equal(start.statusCode, 200, start.body);
  const { flowId, options } = start.json() as { flowId: string; options: { challenge: string; rpId: string; allowCredentials?: { id: string }[] } };
  assert.equal(options.allowCredentials?.length ?? 0, 0, 'discoverable: no credential list');
  assert.equal((options as { userVerification?: string }).userVerification, 'required');
  const response = auth.get(options, opts);
  return { res: await post('/api/v1/auth/passkey', {}, { flowId, response }, ip), flowId, response };
}

test('register a passkey, sign in with it (no e-mail), then list, rename and remove it', async () => {
  const a = await account(platform);
  const headers = await platform.signIn(a.email, PASSWORD);
  const auth = new SoftAuthenticator(platform.config.publicUrl);

  const opts = await post('/api/v1/me/passkeys/registration/options', headers);
  const body = opts.json() as { options: { rp: { id: string }; authenticatorSelection: { residentKey: string; userVerification: string }; attestation: string } };
  assert.equal(body.options.rp.id, 'localhost', 'RP ID is PUBLIC_URL’s host');
  assert.equal(body.options.authenticatorSelection.residentKey, 'required');
  assert.equal(body.options.authenticatorSelection.userVerification, 'required');

  const reg = await registerPasskey(headers, auth, 'Telefono di lavoro');
  assert.equal(reg.statusCode, 201, reg.body);
  const pk = reg.json() as { id: string; name: string };
  assert.equal(pk.name, 'Telefono di lavoro');

  const { res } = await passkeySignIn(auth);
  assert.equal(res.statusCode, 200, res.body);
  const session = res.json() as { account: { email: string }; csrfToken: string };
  assert.equal(session.account.email, a.email);
  const cookie = res.cookies.find((c) => c.name === 'coop_session')!;
  const h2 = { cookie: `coop_session=${cookie.value}`, 'x-csrf-token': session.csrfToken };
  const sessions = (await get('/api/v1/me/sessions', h2)).json() as { items: { current: boolean; authMethod: string }[] };
  assert.equal(sessions.items.find((s) => s.current)?.authMethod, 'passkey');

  const list = (await get('/api/v1/me/passkeys', h2)).json() as { items: { id: string; name: string; lastUsedAt: string | null }[] };
  assert.equal(list.items.length, 1);
  assert.ok(list.items[0]!.lastUsedAt);

  const renamed = await platform.app.inject({ method: 'PATCH', url: `/api/v1/me/passkeys/${pk.id}`, headers: h2, payload: { name: 'Portatile' } });
  assert.equal(renamed.statusCode, 200);
  assert.equal((renamed.json() as { name: string }).name, 'Portatile');

  // The session signed in a moment ago: removal needs no new confirmation yet.
  const removed = await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/${pk.id}`, headers: h2 });
  assert.equal(removed.statusCode, 204, removed.body);
  const again = await passkeySignIn(auth);
  assert.equal(again.res.statusCode, 401);
  assert.equal(typeOf(again.res), '/problems/passkey-invalid');

  const events = await platform.database.query<{ action: string; via: string | null }>(
    `SELECT action, details->>'via' AS via FROM audit_log WHERE subject_type = 'account' AND subject_id = $1 ORDER BY id`,
    [a.id],
  );
  const actions = events.rows.map((r) => `${r.action}${r.via ? `:${r.via}` : ''}`);
  for (const expected of ['passkey.add', 'auth.sign-in:passkey', 'passkey.rename', 'passkey.remove']) {
    assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
  }
  // The removed passkey is unknown now: the failure is audited, without an account to attribute it to.
  const failed = await platform.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign-in-failed' AND details->>'reason' = 'unknown-passkey'`,
  );
  assert.ok(failed.rows[0]!.n >= 1);
});

test('sensitive actions need a recent step-up, by passkey or by password', async () => {
  const a = await account(platform);
  const headers = await platform.signIn(a.email, PASSWORD);
  const auth = new SoftAuthenticator(platform.config.publicUrl);
  assert.equal((await registerPasskey(headers, auth)).statusCode, 201);
  // Ten minutes later the sign-in is no longer fresh.
  await platform.database.query(`UPDATE sessions SET authenticated_at = now() - interval '10 minutes' WHERE account_id = $1`, [a.id]);
  const stale = await post('/api/v1/me/passkeys/registration/options', headers);
  assert.equal(stale.statusCode, 403);
  assert.equal(typeOf(stale), '/problems/step-up-required');
  const summary = (await get('/api/v1/me/security', headers)).json() as { stepUpUntil: string | null; passkeys: number; hasPassword: boolean };
  assert.equal(summary.stepUpUntil, null);
  assert.equal(summary.passkeys, 1);
  const codes = await post('/api/v1/me/recovery-codes', headers);
  assert.equal(codes.statusCode, 403);
  const pw = await post('/api/v1/me/password', headers, { newPassword: 'another long password' });
  assert.equal(pw.statusCode, 403, 'changing the password without the current one needs a step-up');

  // Step-up with the passkey (only this account's passkeys are offered).
  const start = await post('/api/v1/me/step-up/passkey/options', headers);
  assert.equal(start.statusCode, 200, start.body);
  const { flowId, options } = start.json() as { flowId: string; options: { challenge: string; allowCredentials: { id: string }[] } };
  assert.deepEqual(options.allowCredentials.map((c) => c.id), auth.ids);
  const up = await post('/api/v1/me/step-up/passkey', headers, { flowId, response: auth.get(options) });
  assert.equal(up.statusCode, 204, up.body);
  assert.ok(((await get('/api/v1/me/security', headers)).json() as { stepUpUntil: string | null }).stepUpUntil);
  assert.equal((await post('/api/v1/me/passkeys/registration/options', headers)).statusCode, 200);
  const pw2 = await post('/api/v1/me/password', headers, { newPassword: 'another long password' });
  assert.equal(pw2.statusCode, 204, pw2.body);

  // Step-up with the password; a wrong one is refused and audited.
  await platform.database.query(`UPDATE sessions SET authenticated_at = now() - interval '10 minutes' WHERE account_id = $1`, [a.id]);
  const wrong = await post('/api/v1/me/step-up', headers, { password: 'not the password' });
  assert.equal(wrong.statusCode, 401);
  const right = await post('/api/v1/me/step-up', headers, { password: 'another long password' });
  assert.equal(right.statusCode, 204, right.body);
  const gen = await post('/api/v1/me/recovery-codes', headers);
  assert.equal(gen.statusCode, 201, gen.body);
});

test('refused: wrong origin, replayed ceremony, forged signature, no user verification, wrong flow', async () => {
  const a = await account(platform);
  const headers = await platform.signIn(a.email, PASSWORD);
  const auth = new SoftAuthenticator(platform.config.publicUrl);

  // Registration from a phishing origin.
  const start = await post('/api/v1/me/passkeys/registration/options', headers);
  const { flowId, options } = start.json() as { flowId: string; options: Parameters<SoftAuthenticator['create']>[0] };
  const phish = await post('/api/v1/me/passkeys', headers, { flowId, response: auth.create(options, { origin: 'https://cooperando.example.evil' }) });
  assert.equal(phish.statusCode, 400);
  assert.equal(typeOf(phish), '/problems/passkey-invalid');
  // The ceremony was spent by that attempt.
  const replayReg = await post('/api/v1/me/passkeys', headers, { flowId, response: auth.create(options) });
  assert.equal(replayReg.statusCode, 400);
  assert.equal(typeOf(replayReg), '/problems/passkey-ceremony');

  // Without user verification the passkey is not accepted either.
  auth.userVerified = false;
  const noUv = await registerPasskey(headers, auth);
  assert.equal(noUv.statusCode, 400);
  auth.userVerified = true;
  assert.equal((await registerPasskey(headers, auth)).statusCode, 201);

  // Sign-in: forged signature, another origin, then a replay of a good answer.
  const ip = freshIp();
  assert.equal((await passkeySignIn(auth, ip, { tamper: true })).res.statusCode, 401);
  assert.equal((await passkeySignIn(auth, ip, { origin: 'http://localhost:9999' })).res.statusCode, 401);
  const ok = await passkeySignIn(auth, ip);
  assert.equal(ok.res.statusCode, 200, ok.res.body);
  const replay = await post('/api/v1/auth/passkey', {}, { flowId: ok.flowId, response: ok.response }, ip);
  assert.equal(replay.statusCode, 400);
  assert.equal(typeOf(replay), '/problems/passkey-ceremony');

  // A step-up must use the signed-in account's own passkey.
  const other = await account(platform);
  const otherHeaders = await platform.signIn(other.email, PASSWORD);
  const s = await post('/api/v1/me/step-up/passkey/options', otherHeaders);
  assert.equal(s.statusCode, 409, 'an account without passkeys cannot step up with one');
  const mine = await post('/api/v1/me/step-up/passkey/options', headers);
  const m = mine.json() as { flowId: string; options: { challenge: string } };
  const cross = await post('/api/v1/me/step-up/passkey', otherHeaders, { flowId: m.flowId, response: auth.get({ challenge: m.options.challenge }) });
  assert.equal(cross.statusCode, 400, 'another session’s ceremony');

  const failures = await platform.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM sign_in_attempts WHERE key = $1`, [`ip:${ip}`]);
  assert.equal(failures.rows[0]!.n, 2, 'each failed passkey sign-in counted against the address');
});

test('passkey sign-in is rate limited per client address like passwords', async () => {
  const ip = freshIp();
  await platform.database.query(`INSERT INTO sign_in_attempts (key, at) SELECT $1, now() FROM generate_series(1, 30)`, [`ip:${ip}`]);
  const res = await post('/api/v1/auth/passkey/options', {}, undefined, ip);
  assert.equal(res.statusCode, 429);
  assert.ok(Number(res.headers['retry-after']) > 0);
});

test('the last passkey of an account without a password cannot be removed', async () => {
  const a = await account(platform);
  const headers = await platform.signIn(a.email, PASSWORD);
  const auth = new SoftAuthenticator(platform.config.publicUrl);
  const pk = (await registerPasskey(headers, auth)).json() as { id: string };
  await platform.database.query(`UPDATE accounts SET password_hash = NULL WHERE id = $1`, [a.id]);
  const res = await platform.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/${pk.id}`, headers });
  assert.equal(res.statusCode, 409);
  assert.equal((await get('/api/v1/me/passkeys', headers)).json<{ items: unknown[] }>().items.length, 1, 'nothing removed');
});
