// Generated input (fast-check): random bodies and query strings on the mutuality routes never produce a 5xx, and a
// refused request writes nothing (no ledger row, run, line, weight, movement or audit entry).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setup, work, type Ctx } from './helpers.ts';

let c: Ctx;
let draftId: string;
let computedId: string;
before(async () => {
  c = await setup();
  const { f } = c;
  await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/exchanges`, work(f.memberships.marioC1, '2024-06-30', 100, 100_000));
  await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${f.c1}/financial-statements/2024`, { lines: [{ line: 'B9', membersCents: 100_000, othersCents: 0 }] });
  draftId = (await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/ristorni`, { year: 2023, surplusCents: 1_000, kinds: [{ kind: 'work' }] })).json().id;
  computedId = (await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/ristorni`, { year: 2024, surplusCents: 10_000, kinds: [{ kind: 'work' }] })).json().id;
  assert.equal((await c.req('adminC1', 'POST', `/api/v1/ristorni/${computedId}/compute`)).statusCode, 200);
});
after(() => c.close());

const TABLES = ['exchange_entries', 'ristorni_runs', 'ristorni_allocations', 'mutuality_statement_lines', 'quality_weights', 'share_capital_movements', 'mutuality_settings', 'audit_log'];
async function snapshot(): Promise<string> {
  const { rows } = await c.p.database.query<Record<string, number>>(`SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
  const { rows: runs } = await c.p.database.query<{ s: string }>(`SELECT string_agg(id || status || inputs::text, ',' ORDER BY id) AS s FROM ristorni_runs`);
  return JSON.stringify([rows[0], runs[0]?.s]);
}

const date = fc.oneof(fc.constantFrom('2024-06-30', '2024-02-29', '2023-02-29', '31/12/2024', '2099-01-01', ''), fc.string({ maxLength: 12 }));
const cents = fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), fc.double(), fc.constant('1.234,56'), fc.constant(9_007_199_254_740_993));
const kind = fc.oneof(fc.constantFrom('work', 'purchase', 'delivery', 'service', 'supply'), fc.string({ maxLength: 8 }));
const membership = () => fc.oneof(fc.constantFrom(c.f.memberships.marioC1, c.f.memberships.giuliaC1, c.f.memberships.lucaC1Exited, c.f.memberships.marioC2), fc.uuid(), fc.string({ maxLength: 40 }));

async function property(method: 'POST' | 'PUT' | 'PATCH', url: () => string, body: fc.Arbitrary<unknown>, runs = 60) {
  await fc.assert(
    fc.asyncProperty(fc.oneof(body, fc.anything()), async (payload) => {
      const before = await snapshot();
      const json = JSON.stringify(payload) ?? '';
      const res = await c.p.app.inject({ method, url: url(), headers: { ...c.headers.adminC1, 'content-type': 'application/json' }, payload: json });
      assert.ok(res.statusCode < 500, `${method} ${url()} → ${res.statusCode} ${res.body.slice(0, 300)} for ${json.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(await snapshot(), before, `a refused request wrote something: ${json.slice(0, 300)}`);
      }
    }),
    { numRuns: runs },
  );
}

test('random exchange entries', () =>
  property('POST', () => `/api/v1/cooperatives/${c.f.c1}/exchanges`, fc.record(
    { membershipId: membership(), kind, occurredOn: date, quantity: fc.oneof(fc.double(), fc.integer({ min: -5, max: 20_000 }), fc.constant(null)), unit: fc.oneof(fc.constantFrom('h', 'kg', ''), fc.string({ maxLength: 25 })), valueCents: cents, grade: fc.string({ maxLength: 45 }), externalRef: fc.string({ maxLength: 5 }), extra: fc.anything() },
    { requiredKeys: [] },
  ), 120));

test('random ristorni drafts and patches', async () => {
  const run = fc.record(
    {
      year: fc.oneof(fc.integer({ min: 1800, max: 2300 }), fc.constant(2022)),
      surplusCents: cents,
      incomeTaxesCents: cents,
      kinds: fc.oneof(fc.array(fc.record({ kind, basis: fc.constantFrom('value', 'quantity', 'x') }, { requiredKeys: ['kind'] }), { maxLength: 6 }), fc.constant([{ kind: 'work' }, { kind: 'work' }])),
      poolCents: fc.oneof(cents, fc.constant(null)),
      forms: fc.record({ cashBps: fc.integer({ min: -1, max: 10_001 }), capitalBps: fc.integer({ min: -1, max: 10_001 }), instrumentsBps: fc.integer({ min: 0, max: 10_000 }) }, { requiredKeys: [] }),
      withholding: fc.oneof(fc.boolean(), fc.string()),
      legalReserveBps: fc.integer({ min: -1, max: 10_001 }),
      dividendsCents: cents,
    },
    { requiredKeys: [] },
  );
  await property('POST', () => `/api/v1/cooperatives/${c.f.c1}/ristorni`, run, 80);
  await property('PATCH', () => `/api/v1/ristorni/${draftId}`, run, 60);
});

test('random approvals, statement lines, weights, movements, settings', async () => {
  await property('POST', () => `/api/v1/ristorni/${computedId}/approval`, fc.record(
    { assemblyDate: date, assemblyKind: fc.constantFrom('ordinaria', 'straordinaria', 'x'), votesFor: fc.integer({ min: -1, max: 5 }), votesAgainst: fc.integer({ min: -1, max: 5 }), votesAbstained: fc.nat(3), resolutionText: fc.string({ maxLength: 10 }), governanceResolutionId: fc.oneof(fc.uuid(), fc.string()) },
    { requiredKeys: [] },
  ), 40);
  await property('PUT', () => `/api/v1/cooperatives/${c.f.c1}/financial-statements/2022`, fc.record({ lines: fc.array(fc.record({ line: fc.constantFrom('A1', 'B6', 'B7', 'B9', 'Z9'), membersCents: cents, othersCents: cents }), { maxLength: 5 }) }), 40);
  await property('PUT', () => `/api/v1/cooperatives/${c.f.c1}/quality-weights/2022`, fc.record({ items: fc.array(fc.record({ kind, grade: fc.string({ maxLength: 42 }), weightBps: fc.integer({ min: -1, max: 1_000_001 }) }), { maxLength: 4 }) }), 40);
  await property('POST', () => `/api/v1/cooperatives/${c.f.c1}/share-capital/movements`, fc.record(
    { kind: fc.constantFrom('subscription', 'payment', 'transfer', 'redemption', 'gift'), membershipId: membership(), occurredOn: date, shares: fc.integer({ min: -1, max: 100_000 }), amountCents: cents, toMembershipId: membership(), paidCents: cents, refundCents: cents },
    { requiredKeys: ['kind', 'membershipId', 'occurredOn'] },
  ), 80);
  await property('PUT', () => `/api/v1/cooperatives/${c.f.c1}/mutuality-settings`, fc.record({ ruleSet: fc.constantFrom('IT', 'US', 'FR'), maxMemberCapitalCents: fc.oneof(cents, fc.constant(null)) }, { requiredKeys: [] }), 30);
});

test('random query strings on the lists', async () => {
  const q = fc.dictionary(fc.constantFrom('membershipId', 'kind', 'year', 'from', 'to', 'page', 'pageSize', 'lang', 'cooperativeId', 'zzz'), fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), fc.uuid()));
  await fc.assert(
    fc.asyncProperty(q, fc.constantFrom(`/api/v1/cooperatives/${c.f.c1}/exchanges`, '/api/v1/me/exchanges', `/api/v1/cooperatives/${c.f.c1}/share-capital`, `/api/v1/ristorni/${computedId}/allocations`, `/api/v1/cooperatives/${c.f.c1}/share-capital/reconciliation`, `/api/v1/cooperatives/${c.f.c1}/exchanges/summary`), async (query, path) => {
      const res = await c.p.app.inject({ method: 'GET', url: path, query, headers: c.headers.adminC1 });
      assert.ok(res.statusCode < 500, `${path}?${new URLSearchParams(query)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }),
    { numRuns: 120 },
  );
});
