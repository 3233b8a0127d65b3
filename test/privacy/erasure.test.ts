// Erasure (GDPR art. 17): every exported table and column has an erasure rule; the member asks, an officer of one of
// the member's co-ops executes in one transaction; afterwards no table holds the member's former personal values
// outside the columns the catalogue declares kept by law, the register still lists the membership with its legal
// fields, the member can no longer sign in, credentials are revoked, connected applications get a notice, and the
// receipt says what was deleted, pseudonymised and kept, and why. Authorisation: nobody erases someone else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { api, type Headers } from '../governance/helpers.ts';
import { CATALOGUE, EXPORTED } from '../../src/modules/privacy/catalogue.ts';
import { executeErasure, pseudonym, type ErasureReport } from '../../src/modules/privacy/erasure/executor.ts';

const KEY = 'test-pseudonym-key-kept-apart-0123456789';
let p: TestPlatform;
let f: SmallFederation;
let a: ReturnType<typeof api>;
let mario: Headers;
let giulia: Headers;
let costruttori: Headers;
const EMAIL = 'mario.rossi@example.it';
const PHONE = '+39 051 765 4321';

before(async () => {
  p = await startTestPlatform({ config: { privacyPseudonymKey: KEY } });
  f = await seedSmallFederation(p.database);
  a = api(p);
  const q = p.database.query.bind(p.database);
  const acc = f.accounts.member.id;
  await q(`UPDATE people SET phone = $2 WHERE id = $1`, [f.people.mario, PHONE]);
  // Mario's footprint across modules: a passkey, a consent, a mail, a failed sign-in, a connected application with a
  // grant and a token, a membership credential, a mutual exchange.
  await q(`INSERT INTO passkeys (account_id, credential_id, public_key, name) VALUES ($1, 'cred-mario', '\\x01'::bytea, 'Telefono di Mario')`, [acc]);
  await q(`INSERT INTO consents (account_id, purpose) VALUES ($1, 'newsletter')`, [acc]);
  await q(`INSERT INTO mail_outbox (to_address, subject, text_body, template, locale, status, account_id) VALUES ($1, 'Benvenuto Mario Rossi', 'x', 'welcome', 'it', 'sent', $2)`, [EMAIL, acc]);
  await q(`INSERT INTO sign_in_attempts (key) VALUES ($1)`, [`email:${EMAIL}`]);
  await q(`INSERT INTO oidc_clients (client_id, name, token_endpoint_auth_method, redirect_uris) VALUES ('rp-1', 'Portale partner', 'none', '{https://rp.example.org/cb}')`);
  await q(`INSERT INTO platform_secrets (name, value) VALUES ('oidc-pairwise-salt', 'salt-for-tests') ON CONFLICT (name) DO NOTHING`);
  await q(`INSERT INTO oidc_models (model, id, payload) VALUES ('Grant', 'g-mario', $1::jsonb)`, [JSON.stringify({ accountId: acc, clientId: 'rp-1' })]);
  await q(`INSERT INTO oidc_models (model, id, payload, grant_id) VALUES ('AccessToken', 'at-mario', $1::jsonb, 'g-mario')`, [JSON.stringify({ accountId: acc, clientId: 'rp-1', grantId: 'g-mario' })]);
  await q(`INSERT INTO status_lists (id, size) VALUES (900, 65536)`);
  await q(`INSERT INTO membership_credentials (account_id, membership_id, cooperative_id, status_list_id, status_idx, kid, issued_at, expires_at, via, sd_jwt)
           VALUES ($1, $2, $3, 900, 7, 'k1', now(), now() + interval '1 year', 'web', 'eyJ.mario-rossi.sd-jwt~')`, [acc, f.memberships.marioC1, f.c1]);
  await q(`INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, recorded_by) VALUES ($1, $2, 'work', '2025-03-01', 80, 'ore', 120000, $3)`, [f.c1, f.memberships.marioC1, f.accounts.adminC1.id]);
  mario = await p.signIn(EMAIL, PASSWORD);
  giulia = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  costruttori = await p.signIn(f.accounts.adminC3.email, PASSWORD);
});
after(async () => {
  await p?.close();
});

test('every exported table has an erasure rule, and an update rule names every column', () => {
  const problems: string[] = [];
  for (const e of EXPORTED) {
    const r = e.erasure;
    if (!r) problems.push(`${e.table}: no erasure rule`);
    else if (r.action === 'update') {
      const cols = Object.keys(e.columns);
      for (const c of cols) if (!(c in r.columns)) problems.push(`${e.table}.${c}: no erasure rule`);
      for (const c of Object.keys(r.columns)) if (!cols.includes(c)) problems.push(`${e.table}.${c}: rule for a column the catalogue does not have`);
    }
    if (r && r.action !== 'delete') {
      assert.ok(r.basis.it.trim() && r.basis.en.trim(), `${e.table}: a legal basis in both languages`);
      assert.match(r.basis.en, /arts?\. \d/, `${e.table}: the basis names its article`);
    }
  }
  assert.deepEqual(problems, []);
});

test('authorisation: wrong confirmation, someone else executing, a member executing', async () => {
  const wrong = await a.post('/api/v1/me/erasure-request', mario, { confirmEmail: 'giulia@example.it' });
  assert.equal(wrong.status, 400);
  assert.match(String(wrong.res.headers['content-type']), /^application\/problem\+json/);
  assert.equal((wrong.body as { errors: { field: string }[] }).errors[0]?.field, 'body/confirmEmail');
  const unknownField = await a.post('/api/v1/me/erasure-request', mario, { confirmEmail: EMAIL, accountId: f.accounts.adminC1.id });
  assert.equal(unknownField.status, 400, 'a member cannot name another account');
});

let requestId = '';
let receiptToken = '';

test('a failed erasure leaves nothing half-done (one transaction)', async () => {
  await assert.rejects(
    p.database.rawTransaction(async (tx) => {
      await executeErasure(tx, { accountId: f.accounts.member.id, personIds: [f.people.mario] }, KEY);
      throw new Error('boom');
    }),
    /boom/,
  );
  const { rows } = await p.database.query<{ email: string }>(`SELECT email FROM accounts WHERE id = $1`, [f.accounts.member.id]);
  assert.equal(rows[0]?.email, EMAIL);
  const s = await p.database.query(`SELECT 1 FROM sessions WHERE account_id = $1`, [f.accounts.member.id]);
  assert.ok(s.rows.length > 0);
});

test('the member asks; officers of other co-ops and the member cannot execute; an officer of the member’s co-op does', async () => {
  const made = await a.post('/api/v1/me/erasure-request', mario, { confirmEmail: EMAIL.toUpperCase(), message: 'Cancellate i miei dati, grazie' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const body = made.body as { request: { id: string; status: string; kind: string; cooperativeIds: string[]; dueAt: string; receivedAt: string }; receiptToken: string };
  assert.equal(body.request.kind, 'erasure');
  assert.equal(body.request.status, 'received');
  assert.deepEqual([...body.request.cooperativeIds].sort(), [f.c1, f.c2].sort());
  requestId = body.request.id;
  receiptToken = body.receiptToken;
  const twice = await a.post('/api/v1/me/erasure-request', mario, { confirmEmail: EMAIL });
  assert.equal(twice.status, 409);

  const byMember = await a.post(`/api/v1/privacy/requests/${requestId}/execute`, mario);
  assert.equal(byMember.status, 403);
  const byOther = await a.post(`/api/v1/privacy/requests/${requestId}/execute`, costruttori);
  assert.equal(byOther.status, 404, 'a co-op admin of another co-op does not even see it');
  const list = await a.get(`/api/v1/privacy/requests?cooperativeId=${f.c3}`, costruttori);
  assert.ok(!(list.body as { items: { id: string }[] }).items.some((r) => r.id === requestId));

  const started = performance.now();
  const done = await a.post(`/api/v1/privacy/requests/${requestId}/execute`, giulia);
  const ms = Math.round(performance.now() - started);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal((done.body as { status: string }).status, 'answered');
  console.log(`# erasure executed in ${ms} ms`);
  const again = await a.post(`/api/v1/privacy/requests/${requestId}/execute`, giulia);
  assert.equal(again.status, 409);
});

test('after erasure no table holds the member’s former values outside the declared kept columns', async () => {
  // Kept columns: those a rule keeps, and the excluded tables that are the co-op's records.
  const kept = new Set<string>();
  for (const e of CATALOGUE) {
    if (e.kind === 'excluded') {
      if (e.category === 'cooperative-record') for (const c of e.columns) kept.add(`${e.table}.${c}`);
      continue;
    }
    const r = e.erasure;
    if (r.action === 'keep') for (const c of Object.keys(e.columns)) kept.add(`${e.table}.${c}`);
    if (r.action === 'update') for (const [c, rule] of Object.entries(r.columns)) if (rule === 'keep' || typeof rule === 'object') kept.add(`${e.table}.${c}`);
  }
  const { rows: cols } = await p.database.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1, 2`,
  );
  const byTable = new Map<string, string[]>();
  for (const r of cols) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  // Values no law keeps must be gone everywhere; the register's names and codice fiscale may stay only where kept.
  const { rows: cf } = await p.database.query<{ codice_fiscale: string }>(`SELECT codice_fiscale FROM people WHERE id = $1`, [f.people.mario]);
  const nowhere = [EMAIL, PHONE, '1980-05-17', 'Mario Rossi', 'Telefono di Mario', 'cred-mario', 'eyJ.mario-rossi'];
  const onlyKept = ['Rossi', cf[0]!.codice_fiscale];
  const found: string[] = [];
  for (const [table, columns] of byTable) {
    if (table === 'schema_migrations') continue;
    const { rows } = await p.database.query<Record<string, string | null>>(`SELECT ${columns.map((c) => `"${c}"::text AS "${c}"`).join(', ')} FROM "${table}"`);
    for (const row of rows) {
      for (const c of columns) {
        const v = row[c]?.toLowerCase();
        if (!v) continue;
        for (const needle of nowhere) if (v.includes(needle.toLowerCase())) found.push(`${table}.${c} holds "${needle}"`);
        for (const needle of onlyKept) if (v.includes(needle.toLowerCase()) && !kept.has(`${table}.${c}`)) found.push(`${table}.${c} holds "${needle}" and is not declared kept`);
      }
    }
  }
  // Other people named Rossi would be a false alarm: the fixture has none.
  assert.deepEqual([...new Set(found)], []);
});

test('the register keeps the membership with its legal fields; the profile loses what the law does not require', async () => {
  const m = await a.get(`/api/v1/memberships/${f.memberships.marioC1}`, giulia);
  assert.equal(m.status, 200, JSON.stringify(m.body));
  const { rows } = await p.database.query<Record<string, unknown>>(`SELECT given_name, family_name, codice_fiscale, comune, email, phone, birth_date, gender FROM people WHERE id = $1`, [f.people.mario]);
  const person = rows[0]!;
  assert.equal(person.given_name, 'Mario');
  assert.equal(person.family_name, 'Rossi');
  assert.ok(person.codice_fiscale);
  assert.equal(person.comune, 'Bologna');
  for (const c of ['email', 'phone', 'birth_date', 'gender']) assert.equal(person[c], null, c);
  const { rows: ms } = await p.database.query<{ register_number: number; paid_cents: number }>(`SELECT register_number, paid_cents FROM memberships WHERE person_id = $1 ORDER BY register_number`, [f.people.mario]);
  assert.equal(ms.length, 2);
});

test('the member can no longer sign in; sessions, passkeys, grants and tokens are gone; the credential is revoked', async () => {
  const signIn = await p.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: EMAIL, password: PASSWORD } });
  assert.ok(signIn.statusCode >= 400 && signIn.statusCode < 500, `sign-in refused (${signIn.statusCode})`);
  const oldSession = await a.get('/api/v1/me/consents', mario);
  assert.equal(oldSession.status, 401);
  const acc = f.accounts.member.id;
  for (const [table, where] of [['sessions', 'account_id = $1'], ['passkeys', 'account_id = $1'], ['role_grants', 'account_id = $1'], ['oidc_models', `payload->>'accountId' = $1::text`]] as const) {
    const { rows } = await p.database.query(`SELECT 1 FROM ${table} WHERE ${where}`, [acc]);
    assert.equal(rows.length, 0, table);
  }
  const { rows: acct } = await p.database.query<{ email: string; password_hash: string | null; disabled_at: unknown; person_id: string | null }>(`SELECT email, password_hash, disabled_at, person_id FROM accounts WHERE id = $1`, [acc]);
  assert.equal(acct[0]!.email, pseudonym(KEY, EMAIL), 'the key holder can match the pseudonym; the database alone cannot');
  assert.equal(acct[0]!.password_hash, null);
  assert.ok(acct[0]!.disabled_at);
  assert.equal(acct[0]!.person_id, null);
  const { rows: cred } = await p.database.query<{ revoked_at: unknown; revoked_reason: string; sd_jwt: string }>(`SELECT revoked_at, revoked_reason, sd_jwt FROM membership_credentials WHERE status_list_id = 900`);
  assert.ok(cred[0]!.revoked_at);
  assert.equal(cred[0]!.revoked_reason, 'account-removed');
  const { rows: consents } = await p.database.query<{ withdrawn_at: unknown }>(`SELECT withdrawn_at FROM consents WHERE account_id = $1`, [acc]);
  assert.ok(consents.length === 1 && consents[0]!.withdrawn_at, 'the consent is kept as proof, withdrawn');
});

test('connected applications: a notice in the outbox with the subject the client knows', async () => {
  const { rows } = await p.database.query<{ client_id: string; subject: string; status: string }>(`SELECT client_id, subject, status FROM privacy_erasure_notices WHERE request_id = $1`, [requestId]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.client_id, 'rp-1');
  assert.equal(rows[0]!.status, 'recorded');
  const { createHmac } = await import('node:crypto');
  assert.equal(rows[0]!.subject, createHmac('sha256', 'salt-for-tests').update(`rp.example.org|${f.accounts.member.id}`).digest('base64url'));
});

test('the receipt (by token, no session) says what was deleted, pseudonymised and kept, and why', async () => {
  const r = await a.get(`/api/v1/privacy/erasure-receipts/${receiptToken}`, {});
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const body = r.body as { status: string; message: string | null; result: ErasureReport };
  assert.equal(body.status, 'answered');
  assert.equal(body.message, null);
  const t = (name: string) => body.result.tables.find((x) => x.table === name);
  assert.equal(t('sessions')?.outcome, 'deleted');
  assert.equal(t('passkeys')?.outcome, 'deleted');
  assert.equal(t('memberships')?.outcome, 'kept');
  assert.match(t('memberships')!.basis!.it, /art\. 2421/);
  assert.match(t('memberships')!.basis!.en, /art\. 2421/);
  assert.deepEqual(t('accounts')?.pseudonymised, ['email']);
  assert.ok(t('people')?.erased.includes('email') && t('people')?.kept.includes('codice_fiscale'));
  assert.equal(body.result.clients[0]?.clientName, 'Portale partner');
  const audit = await p.database.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_log WHERE action = 'privacy.erasure'`);
  assert.equal(audit.rows.length, 1);
  const bad = await a.get(`/api/v1/privacy/erasure-receipts/${'A'.repeat(43)}`, {});
  assert.equal(bad.status, 404);
});
