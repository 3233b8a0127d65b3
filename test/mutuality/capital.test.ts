// The share-capital ledger through the API: opening balances from the register, subscriptions within the per-member
// cap, instalments, transfers, redemption on exit, the certificate, and the reconciliation with the registry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, type Ctx } from './helpers.ts';

let c: Ctx;
let url: string;
before(async () => {
  c = await setup();
  url = `/api/v1/cooperatives/${c.f.c1}/share-capital/movements`;
});
after(() => c.close());

const move = (body: Record<string, unknown>) => c.req('adminC1', 'POST', url, { occurredOn: '2025-03-01', ...body });

test('opening balances copy the register for open memberships, once', async () => {
  // Every fixture membership has 4 shares of €25, 100.00 subscribed, 75.00 paid.
  const first = await c.req('adminC1', 'POST', `/api/v1/cooperatives/${c.f.c1}/share-capital/opening-balances`, { occurredOn: '2024-12-31' });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().created, 2, 'Mario and Giulia; Luca has left');
  assert.equal((await c.req('adminC1', 'POST', `/api/v1/cooperatives/${c.f.c1}/share-capital/opening-balances`, { occurredOn: '2024-12-31' })).json().created, 0);
  const rec = (await c.req('adminC1', 'GET', `/api/v1/cooperatives/${c.f.c1}/share-capital/reconciliation?year=2024`)).json();
  assert.equal(rec.mismatches.count, 0);
  assert.deepEqual(rec.ledgerNow, rec.registerNow);
  assert.equal(rec.registryFigures, null);
  assert.equal(rec.consistent, true);
});

test('subscribe within the cap, pay in instalments, never more than subscribed', async () => {
  const m = c.f.memberships.marioC1;
  const sub = await move({ kind: 'subscription', membershipId: m, shares: 2 });
  assert.equal(sub.statusCode, 201, sub.body);
  assert.deepEqual(sub.json().balance, { shares: 6, subscribedCents: 15_000, paidCents: 7_500, ristorniCents: 0 });
  const pay = await move({ kind: 'payment', membershipId: m, amountCents: 5_000 });
  assert.deepEqual(pay.json().balance.paidCents, 12_500);
  assertProblem(await move({ kind: 'payment', membershipId: m, amountCents: 2_501 }), 400, 'body/amountCents');
  assertProblem(await move({ kind: 'payment', membershipId: m }), 400, 'body/amountCents');
  // The co-op lowers the cap to €200: 6 shares (150.00) + 3 more would be 225.00.
  await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${c.f.c1}/mutuality-settings`, { ruleSet: 'IT', maxMemberCapitalCents: 20_000 });
  assertProblem(await move({ kind: 'subscription', membershipId: m, shares: 3 }), 400, 'body/shares');
  assert.equal((await move({ kind: 'subscription', membershipId: m, shares: 2 })).statusCode, 201);
  const settings = (await c.req('adminC1', 'GET', `/api/v1/cooperatives/${c.f.c1}/mutuality-settings`)).json();
  assert.deepEqual(settings, { ruleSet: 'IT', maxMemberCapitalCents: 20_000, effectiveMemberCapCents: 20_000, minNominalCents: 2_500, currency: 'EUR' });
  await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${c.f.c1}/mutuality-settings`, { ruleSet: 'IT', maxMemberCapitalCents: null });
  // The register follows the ledger: Mario's membership holds 8 shares, 200.00 subscribed, 125.00 paid.
  const { rows } = await c.p.database.query<{ shares_count: number; subscribed_cents: string; paid_cents: string }>(
    'SELECT shares_count, subscribed_cents::text, paid_cents::text FROM memberships WHERE id = $1', [m]);
  assert.deepEqual(rows[0], { shares_count: 8, subscribed_cents: '20000', paid_cents: '12500' });
  const rec = (await c.req('adminC1', 'GET', `/api/v1/cooperatives/${c.f.c1}/share-capital/reconciliation?year=2025`)).json();
  assert.equal(rec.mismatches.count, 0);
});

test('transfer moves shares with what was paid on them; the giver must hold them', async () => {
  const from = c.f.memberships.giuliaC1;
  const to = c.f.memberships.marioC1;
  const t = await move({ kind: 'transfer', membershipId: from, toMembershipId: to, shares: 2 });
  assert.equal(t.statusCode, 201, t.body);
  const [out, inn] = t.json().movements;
  assert.deepEqual([out.kind, out.sharesDelta, out.subscribedDeltaCents, out.paidDeltaCents], ['transfer_out', -2, -5_000, -3_750]);
  assert.deepEqual([inn.kind, inn.sharesDelta, inn.counterpartMembershipId], ['transfer_in', 2, from]);
  assertProblem(await move({ kind: 'transfer', membershipId: from, toMembershipId: to, shares: 3 }), 400, 'body/shares');
  assertProblem(await move({ kind: 'transfer', membershipId: from, toMembershipId: from, shares: 1 }), 400, 'body/toMembershipId');
  assertProblem(await move({ kind: 'transfer', membershipId: from, shares: 1 }), 400, 'body/toMembershipId');
  assertProblem(await move({ kind: 'transfer', membershipId: from, toMembershipId: c.f.memberships.marioC2, shares: 1 }), 400, 'body/toMembershipId');
});

test('redemption only after exit, closing the position with what is refunded', async () => {
  const luca = c.f.memberships.lucaC1Exited;
  await c.p.database.query(
    `INSERT INTO share_capital_movements (cooperative_id, membership_id, kind, occurred_on, shares_delta, subscribed_delta_cents, paid_delta_cents)
     VALUES ($1, $2, 'opening', '2020-01-01', 4, 10000, 7500)`,
    [c.f.c1, luca],
  );
  assertProblem(await move({ kind: 'redemption', membershipId: c.f.memberships.marioC1 }), 409);
  assertProblem(await move({ kind: 'redemption', membershipId: luca, occurredOn: '2023-02-01', refundCents: 9_000 }), 400, 'body/refundCents');
  assertProblem(await move({ kind: 'redemption', membershipId: luca, occurredOn: '2022-06-01' }), 400, 'body/occurredOn');
  const r = await move({ kind: 'redemption', membershipId: luca, occurredOn: '2023-02-01' });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().movements[0].refundCents, 7_500);
  assert.deepEqual(r.json().balance, { shares: 0, subscribedCents: 0, paidCents: 0, ristorniCents: 0 });
  assertProblem(await move({ kind: 'subscription', membershipId: luca, shares: 1, occurredOn: '2023-03-01' }), 400, 'body/occurredOn');
});

test('the certificate is a PDF for the holder; the reconciliation compares with the declared yearly figures', async () => {
  const pdf = await c.req('member', 'GET', `/api/v1/memberships/${c.f.memberships.marioC1}/share-certificate?lang=it`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(String(pdf.headers['content-disposition']), /certificato-quote-1\.pdf/);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${c.f.c1}/yearly-figures/2025`, { employeesWomen: 1, employeesMen: 1, productionValueCents: 1, shareCapitalSubscribedCents: 30_000, shareCapitalPaidCents: 20_000 });
  const rec = (await c.req('staffBologna', 'GET', `/api/v1/cooperatives/${c.f.c1}/share-capital/reconciliation?year=2025`)).json();
  assert.deepEqual(rec.registryFigures, { subscribedCents: 30_000, paidCents: 20_000 });
  assert.equal(rec.yearEndDifference.subscribedCents, rec.ledgerAtYearEnd.subscribedCents - 30_000);
  assert.match(rec.explanation.it, /dati annuali dichiarano/);
  const list = (await c.req('adminC1', 'GET', `/api/v1/cooperatives/${c.f.c1}/share-capital`)).json();
  assert.equal(list.totals.subscribedCents, list.items.reduce((s: number, i: { subscribedCents: number }) => s + i.subscribedCents, 0));
});
