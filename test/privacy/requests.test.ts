// The privacy officer's requests tracker: the art. 12(3) deadline (one month, calendar rules), one extension by up to
// two months with a reason the member sees and only within the first month, answer and refusal with a reason, the
// overdue list from the clock, and who may see and act (the member's co-ops' administrators, platform administrators).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { api, type Headers } from '../governance/helpers.ts';
import { addMonths, isOverdue, daysLeft } from '../../src/modules/privacy/requests/deadlines.ts';
import { listOfficerRequests } from '../../src/modules/privacy/requests/service.ts';

let p: TestPlatform;
let f: SmallFederation;
let a: ReturnType<typeof api>;
let mario: Headers;
let giulia: Headers;
let costruttori: Headers;
let admin: Headers;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  mario = await p.signIn(f.accounts.member.email, PASSWORD);
  giulia = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  costruttori = await p.signIn(f.accounts.adminC3.email, PASSWORD);
  admin = await p.signIn(f.accounts.admin.email, PASSWORD);
});
after(async () => {
  await p?.close();
});

test('deadlines: calendar months, clamped to the month’s end; overdue and days left from the clock', () => {
  assert.equal(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString(), '2026-02-28T10:00:00.000Z');
  assert.equal(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString(), '2028-02-29T10:00:00.000Z');
  assert.equal(addMonths(new Date('2026-11-15T08:00:00Z'), 3).toISOString(), '2027-02-15T08:00:00.000Z');
  const r = { status: 'received' as const, dueAt: new Date('2026-03-01T00:00:00Z'), extendedDueAt: null };
  assert.equal(isOverdue(r, new Date('2026-02-28T23:59:59Z')), false);
  assert.equal(isOverdue(r, new Date('2026-03-01T00:00:01Z')), true);
  assert.equal(isOverdue({ ...r, status: 'answered' }, new Date('2027-01-01T00:00:00Z')), false, 'a closed request is never overdue');
  assert.equal(isOverdue({ ...r, extendedDueAt: new Date('2026-05-01T00:00:00Z') }, new Date('2026-04-01T00:00:00Z')), false);
  assert.equal(daysLeft(r, new Date('2026-02-20T00:00:00Z')), 9);
});

test('a member makes requests and sees them; bad input names the field', async () => {
  const made = await a.post('/api/v1/me/privacy-requests', mario, { kind: 'access', cooperativeId: f.c1 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const r = made.body as { id: string; status: string; receivedAt: string; dueAt: string; cooperativeIds: string[]; overdue: boolean };
  assert.equal(r.status, 'received');
  assert.deepEqual(r.cooperativeIds, [f.c1]);
  assert.equal(r.dueAt, addMonths(new Date(r.receivedAt), 1).toISOString());
  assert.equal(r.overdue, false);
  const rect = await a.post('/api/v1/me/privacy-requests', mario, { kind: 'rectification' });
  assert.equal(rect.status, 400);
  assert.equal((rect.body as { errors: { field: string }[] }).errors[0]?.field, 'body/message');
  const notMine = await a.post('/api/v1/me/privacy-requests', mario, { kind: 'export', cooperativeId: f.c3 });
  assert.equal(notMine.status, 400);
  assert.equal((notMine.body as { errors: { field: string }[] }).errors[0]?.field, 'body/cooperativeId');
  const badKind = await a.post('/api/v1/me/privacy-requests', mario, { kind: 'erasure' });
  assert.equal(badKind.status, 400, 'erasure has its own confirmed endpoint');
  const mine = await a.get('/api/v1/me/privacy-requests', mario);
  assert.equal((mine.body as { items: unknown[] }).items.length, 1);
  const theirs = await a.get('/api/v1/me/privacy-requests', giulia);
  assert.equal((theirs.body as { items: unknown[] }).items.length, 0);
});

test('officers: who sees what; overdue list; one extension within the first month; answer and refusal', async () => {
  // Two requests: one received 40 days ago (overdue), one today.
  const old = (await a.post('/api/v1/me/privacy-requests', mario, { kind: 'export', cooperativeId: f.c1 })).body as { id: string };
  await p.database.query(`UPDATE privacy_requests SET received_at = now() - interval '40 days', due_at = now() - interval '10 days' WHERE id = $1`, [old.id]);
  const fresh = (await a.post('/api/v1/me/privacy-requests', mario, { kind: 'rectification', message: 'Il mio comune è Imola', cooperativeId: f.c1 })).body as { id: string };

  const noCoop = await a.get('/api/v1/privacy/requests', giulia);
  assert.equal(noCoop.status, 403);
  assert.equal((noCoop.body as { errors: { field: string }[] }).errors[0]?.field, 'querystring/cooperativeId');
  assert.equal((await a.get(`/api/v1/privacy/requests?cooperativeId=${f.c1}`, costruttori)).status, 403);
  assert.equal((await a.get(`/api/v1/privacy/requests?cooperativeId=${f.c1}`, mario)).status, 403);

  const list = await a.get(`/api/v1/privacy/requests?cooperativeId=${f.c1}`, giulia);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const body = list.body as { items: { id: string; overdue: boolean; subjectName: string }[]; overdueCount: number };
  assert.equal(body.items.length, 3);
  assert.equal(body.overdueCount, 1);
  assert.equal(body.items[0]?.id, old.id, 'the most urgent first');
  assert.equal(body.items[0]?.subjectName, 'Mario Rossi');
  const overdue = (await a.get(`/api/v1/privacy/requests?cooperativeId=${f.c1}&overdue=true`, giulia)).body as { items: { id: string }[] };
  assert.deepEqual(overdue.items.map((r) => r.id), [old.id]);
  const all = (await a.get('/api/v1/privacy/requests?overdue=true', admin)).body as { items: { id: string }[] };
  assert.deepEqual(all.items.map((r) => r.id), [old.id], 'platform administrators see every co-op’s');
  // The clock is injectable: two months on, the fresh one is late too.
  const later = await listOfficerRequests(p.database, giuliaPrincipal(), { cooperativeId: f.c1, overdue: true }, new Date(Date.now() + 62 * 86_400_000));
  assert.equal(later.items.length, 3);

  const late = await a.post(`/api/v1/privacy/requests/${old.id}/extend`, giulia, { reason: 'Molti dati da raccogliere' });
  assert.equal(late.status, 409, 'past the first month an extension can no longer be notified');
  assert.equal((await a.post(`/api/v1/privacy/requests/${fresh.id}/extend`, costruttori, { reason: 'x' })).status, 404);
  const noReason = await a.post(`/api/v1/privacy/requests/${fresh.id}/extend`, giulia, {});
  assert.equal(noReason.status, 400);
  assert.equal((noReason.body as { errors: { field: string }[] }).errors[0]?.field, 'body/reason');
  const ext = await a.post(`/api/v1/privacy/requests/${fresh.id}/extend`, giulia, { reason: 'Verifica presso l’anagrafe comunale' });
  assert.equal(ext.status, 200, JSON.stringify(ext.body));
  const e = ext.body as { receivedAt: string; extendedDueAt: string; status: string };
  assert.equal(e.extendedDueAt, addMonths(new Date(e.receivedAt), 3).toISOString());
  assert.equal(e.status, 'in_progress');
  assert.equal((await a.post(`/api/v1/privacy/requests/${fresh.id}/extend`, giulia, { reason: 'ancora' })).status, 409, 'one extension only');
  // The member sees the extension and its reason.
  const mine = (await a.get('/api/v1/me/privacy-requests', mario)).body as { items: { id: string; extensionReason: string | null }[] };
  assert.equal(mine.items.find((r) => r.id === fresh.id)?.extensionReason, 'Verifica presso l’anagrafe comunale');

  const answered = await a.post(`/api/v1/privacy/requests/${fresh.id}/answer`, giulia, { answer: 'Comune corretto nel libro soci' });
  assert.equal((answered.body as { status: string }).status, 'answered');
  const refuseNoReason = await a.post(`/api/v1/privacy/requests/${old.id}/refuse`, giulia, { reason: '' });
  assert.equal(refuseNoReason.status, 400);
  assert.equal((refuseNoReason.body as { errors: { field: string }[] }).errors[0]?.field, 'body/reason');
  const refused = await a.post(`/api/v1/privacy/requests/${old.id}/refuse`, giulia, { reason: 'Richiesta identica a una già evasa' });
  assert.equal((refused.body as { status: string; refusalReason: string }).refusalReason, 'Richiesta identica a una già evasa');
  assert.equal((await a.post(`/api/v1/privacy/requests/${old.id}/answer`, giulia, { answer: 'x' })).status, 409, 'closed');
  const after = (await a.get(`/api/v1/privacy/requests?cooperativeId=${f.c1}`, giulia)).body as { overdueCount: number };
  assert.equal(after.overdueCount, 0);
  const audits = await p.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'privacy.request.%' ORDER BY id`);
  assert.ok(audits.rows.some((r) => r.action === 'privacy.request.extend') && audits.rows.some((r) => r.action === 'privacy.request.refuse'));
});

/** Giulia's principal (administrator of c1), for a direct service call with another clock. */
const giuliaPrincipal = () => ({
  accountId: f.accounts.adminC1.id, personId: f.people.giulia, email: f.accounts.adminC1.email, displayName: 'Giulia Bianchi', locale: 'it' as const,
  grants: [{ role: 'coop_admin' as const, organisationId: f.c1 }], sessionIdHash: '', csrfToken: '',
});
