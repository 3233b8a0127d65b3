// The exchange ledger through the API and in SQL: recording, validation naming the field with nothing written,
// reversals (once, mirrored, with a reason), immutability enforced by the database, members reading their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, work, type Ctx } from './helpers.ts';

let c: Ctx;
let url: string;
before(async () => {
  c = await setup();
  url = `/api/v1/cooperatives/${c.f.c1}/exchanges`;
});
after(() => c.close());

const entries = () => c.count('SELECT 1 FROM exchange_entries');

test('record an entry: 201 with the member, the kind and the amounts; audited', async () => {
  const res = await c.req('adminC1', 'POST', url, work(c.f.memberships.marioC1, '2024-03-31', 152.5, 190_625, { externalRef: 'CED-2024-03-1', description: 'Cedolino marzo' }));
  assert.equal(res.statusCode, 201, res.body);
  const e = res.json();
  assert.deepEqual([e.kind, e.quantity, e.unit, e.valueCents, e.registerNumber, e.memberName, e.reversesId, e.reversedById], ['work', 152.5, 'h', 190_625, 1, 'Rossi Mario', null, null]);
  assert.equal(await c.count(`SELECT 1 FROM audit_log WHERE action = 'exchange.record' AND subject_id = $1`, [String(e.id)]), 1);
  const delivery = await c.req('adminC1', 'POST', url, { membershipId: c.f.memberships.giuliaC1, kind: 'delivery', occurredOn: '2024-09-10', quantity: 1250.5, unit: 'kg', valueCents: 87_535, grade: 'A' });
  assert.equal(delivery.statusCode, 201, delivery.body);
  assert.equal(delivery.json().grade, 'A');
});

test('bad input is a 400 naming the field, and writes nothing', async () => {
  const before = await entries();
  const m = c.f.memberships.marioC1;
  assertProblem(await c.req('adminC1', 'POST', url, { membershipId: m, kind: 'work', occurredOn: '2024-01-31', valueCents: 100 }), 400, 'body/quantity');
  assertProblem(await c.req('adminC1', 'POST', url, { membershipId: m, kind: 'delivery', occurredOn: '2024-01-31', quantity: 3, valueCents: 100 }), 400, 'body/unit');
  assertProblem(await c.req('adminC1', 'POST', url, { membershipId: m, kind: 'gift', occurredOn: '2024-01-31', valueCents: 100 }), 400, 'body/kind');
  assertProblem(await c.req('adminC1', 'POST', url, work(m, '2099-01-31', 1, 100)), 400, 'body/occurredOn');
  assertProblem(await c.req('adminC1', 'POST', url, work(m, '2024-02-30', 1, 100)), 400, 'body/occurredOn');
  assertProblem(await c.req('adminC1', 'POST', url, work(m, '2024-01-31', 1, -5)), 400, 'body/valueCents');
  assertProblem(await c.req('adminC1', 'POST', url, work(m, '2024-01-31', 1.2345, 100)), 400, 'body/quantity');
  assertProblem(await c.req('adminC1', 'POST', url, { ...work(m, '2024-01-31', 1, 100), surprise: true }), 400, 'body/surprise');
  // Mario's membership in another co-op; Luca left at the end of 2022.
  assertProblem(await c.req('adminC1', 'POST', url, work(c.f.memberships.marioC2, '2024-01-31', 1, 100)), 400, 'body/membershipId');
  assertProblem(await c.req('adminC1', 'POST', url, work(c.f.memberships.lucaC1Exited, '2023-01-31', 1, 100)), 400, 'body/occurredOn');
  assertProblem(await c.req('adminC1', 'POST', url, { ...work(m, '2024-01-31', 1, 100), externalRef: 'CED-2024-03-1' }), 409, 'body/externalRef');
  const malformed = await c.p.app.inject({ method: 'POST', url, headers: { ...c.headers.adminC1, 'content-type': 'application/json' }, payload: '{"kind":' });
  assertProblem(malformed, 400);
  assert.equal(await entries(), before);
});

test('a correction is a reversing entry with a reason, made once; a reversal cannot be reversed', async () => {
  const orig = (await c.req('adminC1', 'POST', url, work(c.f.memberships.giuliaC1, '2024-04-30', 100, 120_000))).json();
  assertProblem(await c.req('adminC1', 'POST', `${url}/${orig.id}/reversal`, {}), 400, 'body/reason');
  const rev = await c.req('adminC1', 'POST', `${url}/${orig.id}/reversal`, { reason: 'Ore registrate due volte' });
  assert.equal(rev.statusCode, 201, rev.body);
  const r = rev.json();
  assert.deepEqual([r.reversesId, r.quantity, r.valueCents, r.occurredOn, r.reason], [orig.id, -100, -120_000, '2024-04-30', 'Ore registrate due volte']);
  assertProblem(await c.req('adminC1', 'POST', `${url}/${orig.id}/reversal`, { reason: 'di nuovo' }), 409);
  assertProblem(await c.req('adminC1', 'POST', `${url}/${r.id}/reversal`, { reason: 'storno dello storno' }), 409);
  // Another co-op's URL does not reach the entry.
  assertProblem(await c.req('admin', 'POST', `/api/v1/cooperatives/${c.f.c3}/exchanges/${orig.id}/reversal`, { reason: 'x' }), 404);
  const listed = (await c.req('adminC1', 'GET', `${url}?membershipId=${c.f.memberships.giuliaC1}&year=2024&kind=work`)).json();
  assert.equal(listed.items.find((i: { id: number }) => i.id === orig.id).reversedById, r.id);
  const summary = (await c.req('adminC1', 'GET', `${url}/summary?year=2024`)).json();
  const workRow = summary.items.find((i: { kind: string }) => i.kind === 'work');
  assert.equal(workRow.valueCents, 190_625, 'the reversed entry nets out');
});

test('the database refuses updates, deletes and reversals that do not mirror the original', async () => {
  const [row] = (await c.p.database.query<{ id: number }>('SELECT id FROM exchange_entries WHERE reverses_id IS NULL ORDER BY id LIMIT 1')).rows;
  await assert.rejects(c.p.database.query('UPDATE exchange_entries SET value_cents = 1 WHERE id = $1', [row?.id]), /append-only/);
  await assert.rejects(c.p.database.query('DELETE FROM exchange_entries WHERE id = $1', [row?.id]), /append-only/);
  await assert.rejects(
    c.p.database.query(
      `INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, reverses_id, reason)
       SELECT cooperative_id, membership_id, kind, occurred_on, -quantity, unit, -value_cents + 1, id, 'x' FROM exchange_entries WHERE id = $1`,
      [row?.id],
    ),
    /mirror/,
  );
  await assert.rejects(c.p.database.query(`INSERT INTO share_capital_movements (cooperative_id, membership_id, kind, occurred_on, shares_delta, subscribed_delta_cents, paid_delta_cents)
     VALUES ($1, $2, 'subscription', '2024-01-01', 1, 2500, 0)`, [c.f.c1, c.f.memberships.marioC1]).then(() => c.p.database.query('UPDATE share_capital_movements SET shares_delta = 2')), /append-only/);
  // No route changes or deletes an entry.
  for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
    const res = await c.req('adminC1', method, `${url}/${row?.id}`, method === 'DELETE' ? undefined : { valueCents: 1 });
    assert.ok(res.statusCode === 404 || res.statusCode === 405, `${method}: ${res.statusCode}`);
  }
});

test('a member reads their own entries only, in every co-op', async () => {
  await c.req('admin', 'POST', `/api/v1/cooperatives/${c.f.c2}/exchanges`, { membershipId: c.f.memberships.marioC2, kind: 'service', occurredOn: '2024-05-02', valueCents: 4_590 });
  const mine = await c.req('member', 'GET', '/api/v1/me/exchanges');
  assert.equal(mine.statusCode, 200);
  const items = mine.json().items as { membershipId: string; cooperativeId: string }[];
  assert.ok(items.length >= 2);
  assert.ok(items.every((i) => i.membershipId === c.f.memberships.marioC1 || i.membershipId === c.f.memberships.marioC2));
  assert.deepEqual(new Set(items.map((i) => i.cooperativeId)), new Set([c.f.c1, c.f.c2]));
  const onlyC2 = (await c.req('member', 'GET', `/api/v1/me/exchanges?cooperativeId=${c.f.c2}`)).json();
  assert.equal(onlyC2.items.length, 1);
  const outsider = (await c.req('outsider', 'GET', '/api/v1/me/exchanges')).json();
  assert.equal(outsider.total, 0);
});
