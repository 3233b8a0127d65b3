// Consents: one per purpose, given and withdrawn with one call each, every change kept with its date and the notice
// version in force; bad input is a 4xx problem naming the field. The versioned privacy notice. The access log: who
// looked at or changed the member's data, never hidden, and nobody sees another member's log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { api, type Headers } from '../governance/helpers.ts';

let p: TestPlatform;
let f: SmallFederation;
let mario: Headers;
let giulia: Headers;
let admin: Headers;
let a: ReturnType<typeof api>;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  mario = await p.signIn(f.accounts.member.email, PASSWORD);
  giulia = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  admin = await p.signIn(f.accounts.admin.email, PASSWORD);
});
after(async () => {
  await p?.close();
});

interface Consent { purpose: string; label: string; given: boolean; givenAt: string | null; withdrawnAt: string | null; history: { givenAt: string; withdrawnAt: string | null; noticeVersion: number | null }[] }

test('consents: unbundled purposes, given and withdrawn with equal ease, the history kept', async () => {
  const list = await a.get('/api/v1/me/consents', mario);
  assert.equal(list.status, 200);
  const body = list.body as { notice: { version: number; title: string; kind: string }; items: Consent[] };
  assert.deepEqual(body.items.map((c) => c.purpose), ['newsletter', 'network-profile', 'research-statistics']);
  assert.ok(body.items.every((c) => !c.given && c.givenAt === null && c.history.length === 0), 'nothing is given by default');
  assert.equal(body.notice.kind, 'privacy_notice');
  assert.equal(body.notice.version, 1);
  assert.equal(body.notice.title, 'Informativa sul trattamento dei dati personali');

  const given = await a.post('/api/v1/me/consents/research-statistics', mario, { given: true });
  assert.equal(given.status, 200, JSON.stringify(given.body));
  const g = given.body as Consent;
  assert.equal(g.given, true);
  assert.ok(g.givenAt && !Number.isNaN(Date.parse(g.givenAt)));
  assert.equal(g.history[0]?.noticeVersion, 1);
  // Giving twice changes nothing.
  const again = (await a.post('/api/v1/me/consents/research-statistics', mario, { given: true })).body as Consent;
  assert.equal(again.history.length, 1);
  assert.equal(again.givenAt, g.givenAt);
  // Withdrawing: one call, the same shape.
  const w = (await a.post('/api/v1/me/consents/research-statistics', mario, { given: false })).body as Consent;
  assert.equal(w.given, false);
  assert.equal(w.givenAt, null);
  assert.ok(w.withdrawnAt);
  assert.equal(w.history[0]?.withdrawnAt, w.withdrawnAt);
  const twice = (await a.post('/api/v1/me/consents/research-statistics', mario, { given: false })).body as Consent;
  assert.equal(twice.withdrawnAt, w.withdrawnAt, 'withdrawing twice keeps the first date');
  // Given again: a new row, the old one kept.
  const re = (await a.post('/api/v1/me/consents/research-statistics', mario, { given: true })).body as Consent;
  assert.equal(re.given, true);
  assert.equal(re.history.length, 2);
  assert.equal(re.history[0]?.withdrawnAt, null);
  assert.equal(re.history[1]?.withdrawnAt, w.withdrawnAt);
  // Other purposes untouched; another member's consents are theirs.
  const after = ((await a.get('/api/v1/me/consents', mario)).body as { items: Consent[] }).items;
  assert.deepEqual(after.map((c) => c.given), [false, false, true]);
  const theirs = ((await a.get('/api/v1/me/consents', giulia)).body as { items: Consent[] }).items;
  assert.ok(theirs.every((c) => !c.given && c.history.length === 0));
  const audits = await p.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'consent.%' ORDER BY id`, [f.accounts.member.id]);
  assert.deepEqual(audits.rows.map((r) => r.action), ['consent.give', 'consent.withdraw', 'consent.give']);
});

test('consents in English; bad input is a problem naming the field', async () => {
  const en = await a.get('/api/v1/me/consents?lang=en', mario);
  assert.equal((en.body as { items: Consent[] }).items[0]?.label, 'News by e-mail');
  const unknown = await a.post('/api/v1/me/consents/telemarketing', mario, { given: true });
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.res.headers['content-type']), /^application\/problem\+json/);
  assert.equal((unknown.body as { errors: { field: string }[] }).errors[0]?.field, 'params/purpose');
  const cases: [string, unknown, string][] = [
    ['/api/v1/me/consents/Not_A_Purpose', { given: true }, 'params/purpose'],
    ['/api/v1/me/consents/newsletter', { given: 'yes' }, 'body/given'],
    ['/api/v1/me/consents/newsletter', {}, 'body/given'],
    ['/api/v1/me/consents/newsletter', { given: true, forEveryone: true }, 'body/forEveryone'],
  ];
  for (const [url, body, field] of cases) {
    const res = await a.post(url, mario, body);
    assert.equal(res.status, 400, `${url} ${JSON.stringify(body)}`);
    assert.ok((res.body as { errors: { field: string }[] }).errors.some((e) => e.field === field), `${field}: ${JSON.stringify(res.body)}`);
  }
  // Without the CSRF token the session cookie alone cannot change a consent.
  const noCsrf = await p.app.inject({ method: 'POST', url: '/api/v1/me/consents/newsletter', headers: { cookie: mario.cookie as string }, payload: { given: true } });
  assert.equal(noCsrf.statusCode, 403);
  const bad = await a.get('/api/v1/me/access-log?page=0', mario);
  assert.equal(bad.status, 400);
  assert.equal((bad.body as { errors: { field: string }[] }).errors[0]?.field, 'querystring/page');
});

test('the privacy notice: public, versioned; only platform administrators publish a new version', async () => {
  const cur = await p.app.inject({ method: 'GET', url: '/api/v1/privacy/documents/privacy_notice?lang=en' });
  assert.equal(cur.statusCode, 200);
  assert.equal((cur.json() as { title: string }).title, 'Privacy notice');
  assert.match((cur.json() as { body: string }).body, /\n\n/, 'paragraphs');
  assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/privacy/documents/terms' })).statusCode, 404);
  assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/privacy/documents/cookies' })).statusCode, 400);
  const doc = { kind: 'privacy_notice', titleIt: 'Informativa 2', titleEn: 'Notice 2', bodyIt: 'Testo', bodyEn: 'Text' };
  assert.equal((await a.post('/api/v1/admin/privacy/documents', giulia, doc)).status, 403);
  assert.equal((await a.post('/api/v1/admin/privacy/documents', mario, doc)).status, 403);
  const missing = await a.post('/api/v1/admin/privacy/documents', admin, { ...doc, bodyEn: '' });
  assert.equal(missing.status, 400);
  assert.equal((missing.body as { errors: { field: string }[] }).errors[0]?.field, 'body/bodyEn');
  const v2 = await a.post('/api/v1/admin/privacy/documents', admin, doc);
  assert.equal(v2.status, 201);
  assert.equal((v2.body as { version: number }).version, 2);
  // A consent given now records version 2; the earlier ones keep version 1.
  const c = (await a.post('/api/v1/me/consents/newsletter', giulia, { given: true })).body as Consent;
  assert.equal(c.history[0]?.noticeVersion, 2);
});

interface LogEntry { action: string; subjectType: string; actor: { displayName: string; self: boolean; roles: { role: string; organisationName: string | null }[] } | null; organisationName: string | null }

test('access log: who looked at or changed my data, with their role; never another member’s', async () => {
  assert.equal((await a.get(`/api/v1/memberships/${f.memberships.marioC1}`, giulia)).status, 200);
  assert.equal((await a.get(`/api/v1/memberships/${f.memberships.marioC1}`, mario)).status, 200, 'his own read');
  const exit = await a.post(`/api/v1/memberships/${f.memberships.marioC2}/exit`, admin, { exitKind: 'recesso', exitOn: '2025-12-31' });
  assert.equal(exit.status, 200, JSON.stringify(exit.body));
  const log = await a.get('/api/v1/me/access-log', mario);
  assert.equal(log.status, 200);
  const items = (log.body as { items: LogEntry[] }).items;
  // (The platform administrator's exit reads the membership too: that read is in the log as well.)
  const read = items.find((e) => e.action === 'membership.read' && e.actor?.displayName === 'Giulia Bianchi');
  assert.ok(read, JSON.stringify(items.map((e) => e.action)));
  assert.equal(read.actor?.displayName, 'Giulia Bianchi');
  assert.equal(read.actor?.self, false);
  assert.deepEqual(read.actor?.roles.map((r) => [r.role, r.organisationName]), [['coop_admin', 'Cooperativa Sociale Il Mosaico']]);
  assert.equal(read.organisationName, 'Cooperativa Sociale Il Mosaico');
  assert.equal(items.filter((e) => e.action === 'membership.read' && e.actor?.self).length, 0, 'his own reads are not "someone looked"');
  const exitEntry = items.find((e) => e.action === 'membership.exit');
  assert.equal(exitEntry?.actor?.roles[0]?.role, 'platform_admin');
  assert.ok(items.some((e) => e.action === 'consent.give' && e.actor?.self), 'his own changes are there too');
  assert.ok(items.some((e) => e.action === 'auth.sign-in'));
  const others = ((await a.get('/api/v1/me/access-log?others=true', mario)).body as { items: LogEntry[] }).items;
  assert.ok(others.length >= 2 && others.every((e) => e.actor === null || !e.actor.self));
  // Giulia's log holds what concerns her, not Mario.
  const hers = ((await a.get('/api/v1/me/access-log?pageSize=100', giulia)).body as { items: (LogEntry & { subjectId: string })[] }).items;
  assert.ok(hers.every((e) => e.subjectId !== f.memberships.marioC1 && e.subjectId !== f.accounts.member.id && e.subjectId !== f.people.mario));
  // Paging.
  const page1 = (await a.get('/api/v1/me/access-log?pageSize=1', mario)).body as { items: LogEntry[]; hasMore: boolean };
  assert.equal(page1.items.length, 1);
  assert.equal(page1.hasMore, true);
});
