// Rule sets are pluggable per co-op: the US patronage rules (Subchapter T) run through the same year-end code with
// their own limits (20% in money with a qualified notice, no withholding), currency and words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, pdfText, type Ctx } from './helpers.ts';

let c: Ctx;
before(async () => {
  c = await setup();
});
after(() => c.close());

test('the rule sets are listed with their forms and legal basis', async () => {
  const r = (await c.req('member', 'GET', '/api/v1/mutuality/rule-sets')).json();
  assert.deepEqual(r.items.map((i: { id: string }) => i.id), ['IT', 'US']);
  const us = r.items[1];
  assert.equal(us.currency, 'USD');
  assert.match(us.forms[1].name.en, /qualified written notice/i);
  assert.match(us.legalBasis.forms.en, /1388\(c\)/);
  assert.equal((await c.req('anonymous', 'GET', '/api/v1/mutuality/rule-sets')).statusCode, 401);
});

test('a US co-op: qualified notices need 20% in money; patronage dividends by patronage', async () => {
  const { f } = c;
  assert.equal((await c.req('admin', 'PUT', `/api/v1/cooperatives/${f.c2}/mutuality-settings`, { ruleSet: 'US' })).json().effectiveMemberCapCents, null);
  for (const [m, v] of [[f.memberships.marioC2, 300_000], [f.memberships.coopSpaC2, 100_000]] as const) {
    assert.equal((await c.req('admin', 'POST', `/api/v1/cooperatives/${f.c2}/exchanges`, { membershipId: m, kind: 'purchase', occurredOn: '2025-05-05', valueCents: v })).statusCode, 201);
  }
  await c.req('admin', 'PUT', `/api/v1/cooperatives/${f.c2}/financial-statements/2025`, { lines: [{ line: 'A1', membersCents: 400_000, othersCents: 400_000 }] });
  const base = { year: 2025, surplusCents: 100_000, kinds: [{ kind: 'purchase' }] };
  assertProblem(await c.req('admin', 'POST', `/api/v1/cooperatives/${f.c2}/ristorni`, { ...base, forms: { cashBps: 1_000, capitalBps: 9_000, instrumentsBps: 0 } }), 400, 'body/forms/cashBps');
  assertProblem(await c.req('admin', 'POST', `/api/v1/cooperatives/${f.c2}/ristorni`, { ...base, withholding: true }), 400, 'body/withholding');
  assertProblem(await c.req('admin', 'POST', `/api/v1/cooperatives/${f.c2}/ristorni`, { ...base, forms: { cashBps: 5_000, capitalBps: 4_000, instrumentsBps: 0 } }), 400, 'body/forms');
  const run = (await c.req('admin', 'POST', `/api/v1/cooperatives/${f.c2}/ristorni`, { ...base, forms: { cashBps: 2_000, capitalBps: 8_000, instrumentsBps: 0 } })).json();
  assert.equal(run.ruleSet, 'US');
  assert.equal(run.inputs.legalReserveBps, 0);
  const computed = (await c.req('admin', 'POST', `/api/v1/ristorni/${run.id}/compute`)).json();
  // Earnings 1,000.00 × patronage 4,000 ÷ total 8,000 = 500.00, shared 3:1 → 375.00 and 125.00.
  assert.equal(computed.figures.currency, 'USD');
  assert.equal(computed.figures.ceiling.ceilingCents, 50_000);
  assert.match(computed.figures.kinds[0].explanation.en, /\$1,000\.00/);
  const s = (await c.req('member', 'GET', `/api/v1/me/ristorni/${run.id}`)).json();
  // 20% in money, 80% retained in cents (no shares): 75.00 and 300.00.
  assert.deepEqual([s.totals.amountCents, s.totals.cashCents, s.totals.capitalCents, s.totals.capitalShares, s.totals.withholdingCents], [37_500, 7_500, 30_000, 0, 0]);
  assert.ok(s.explanation.some((p: { en: string }) => /1388/.test(p.en)));
  // The earnings left: 1,000 − 500 = 500.00 retained as unallocated equity, no mutual funds.
  assert.deepEqual([computed.figures.profit.mutualFundsCents, computed.figures.profit.reserveCents], [0, 50_000]);

  // Everything the member and the board read about this co-op is in dollars: the settings, the member's list of
  // refunds and of capital, the statement and the certificate as PDFs — no euro sign, no Codice civile article.
  assert.equal((await c.req('admin', 'GET', `/api/v1/cooperatives/${f.c2}/mutuality-settings`)).json().currency, 'USD');
  const mine = (await c.req('member', 'GET', '/api/v1/me/ristorni')).json().items.find((i: { runId: string }) => i.runId === run.id);
  assert.equal(mine.currency, 'USD');
  const capital = (await c.req('member', 'GET', '/api/v1/me/share-capital')).json().items;
  assert.deepEqual(capital.map((i: { membership: { cooperativeId: string; currency: string } }) => [i.membership.cooperativeId === f.c2, i.membership.currency]).sort(), [[false, 'EUR'], [true, 'USD']]);
  const statement = pdfText((await c.req('member', 'GET', `/api/v1/me/ristorni/${run.id}/pdf?lang=en`)).rawPayload);
  assert.match(statement, /\$375\.00/);
  assert.match(statement, /\$75\.00/);
  assert.doesNotMatch(statement, /€|Withholding/);
  const certificate = pdfText((await c.req('member', 'GET', `/api/v1/memberships/${f.memberships.marioC2}/share-certificate?lang=en`)).rawPayload);
  assert.match(certificate, /Nominal value of one share/);
  assert.match(certificate, /\$\d/);
  assert.doesNotMatch(certificate, /€|art\. 2525/);
});

test('the OpenAPI document describes the mutuality routes with their schemas', async () => {
  const doc = (await c.p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const path of ['/api/v1/cooperatives/{id}/exchanges', '/api/v1/ristorni/{runId}/compute', '/api/v1/me/ristorni/{runId}', '/api/v1/cooperatives/{id}/share-capital/reconciliation', '/api/v1/cooperatives/{id}/prevalence/{year}']) {
    assert.ok(doc.paths[path], `${path} is documented`);
  }
  const body = doc.paths['/api/v1/cooperatives/{id}/exchanges'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(body.required.sort(), ['kind', 'membershipId', 'occurredOn', 'valueCents']);
});
