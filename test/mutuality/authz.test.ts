// The authorisation matrix of the mutuality routes: a member sees only their own entries, statements and shares;
// a co-op administrator only their co-op; association staff read within their subtree (ledger, prevalence, runs,
// balances) but not members' statements; an outsider nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, work, ROLES, type Ctx, type Who } from './helpers.ts';

let c: Ctx;
let runId: string;
before(async () => {
  c = await setup();
  const { f } = c;
  for (const m of [f.memberships.marioC1, f.memberships.giuliaC1]) {
    const r = await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/exchanges`, work(m, '2025-06-30', 800, 1_000_000));
    assert.equal(r.statusCode, 201, r.body);
  }
  await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${f.c1}/financial-statements/2025`, { lines: [{ line: 'B9', membersCents: 2_000_000, othersCents: 500_000 }] });
  runId = (await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/ristorni`, { year: 2025, surplusCents: 300_000, kinds: [{ kind: 'work' }] })).json().id;
  assert.equal((await c.req('adminC1', 'POST', `/api/v1/ristorni/${runId}/compute`)).statusCode, 200);
});
after(() => c.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
async function matrix(name: string, method: Method, url: () => string, expected: Record<Who, number>, payload?: () => unknown) {
  for (const who of ROLES) {
    const res = await c.req(who, method, url(), payload?.());
    assert.equal(res.statusCode, expected[who], `${name} as ${who}: expected ${expected[who]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
}
const readers = { anonymous: 401, admin: 200, staffBologna: 200, staffSociali: 200, adminC1: 200, adminC3: 403, member: 403, outsider: 403 } as const;
const managers = { anonymous: 401, admin: 200, staffBologna: 403, staffSociali: 403, adminC1: 200, adminC3: 403, member: 403, outsider: 403 } as const;

test('the ledger of c1: its admin and the staff above it read; its admin writes', async () => {
  await matrix('GET ledger', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/exchanges`, readers);
  await matrix('GET summary', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/exchanges/summary?year=2025`, readers);
  await matrix('POST entry', 'POST', () => `/api/v1/cooperatives/${c.f.c1}/exchanges`, { ...managers, admin: 201, adminC1: 201 }, () => work(c.f.memberships.giuliaC1, '2024-01-31', 1, 100));
  // c2 is Romagna: not Bologna staff's, and not c1's admin's.
  await matrix('GET ledger c2', 'GET', () => `/api/v1/cooperatives/${c.f.c2}/exchanges`, { ...readers, staffBologna: 403, adminC1: 403 });
});

test('figures, prevalence, weights, settings: read in scope, written by the co-op admin', async () => {
  await matrix('GET prevalence', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/prevalence/2025`, readers);
  await matrix('GET lines', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/financial-statements`, readers);
  await matrix('PUT lines 2024', 'PUT', () => `/api/v1/cooperatives/${c.f.c1}/financial-statements/2024`, managers, () => ({ lines: [{ line: 'B9', membersCents: 10, othersCents: 5 }] }));
  await matrix('PUT weights 2024', 'PUT', () => `/api/v1/cooperatives/${c.f.c1}/quality-weights/2024`, managers, () => ({ items: [{ kind: 'work', grade: '', weightBps: 10_000 }] }));
  await matrix('GET settings', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/mutuality-settings`, readers);
  await matrix('PUT settings', 'PUT', () => `/api/v1/cooperatives/${c.f.c1}/mutuality-settings`, managers, () => ({ ruleSet: 'IT' }));
});

test('runs: read in scope; allocations and other members’ statements only by the co-op admin', async () => {
  await matrix('GET run', 'GET', () => `/api/v1/ristorni/${runId}`, readers);
  await matrix('GET runs', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/ristorni`, readers);
  await matrix('GET allocations', 'GET', () => `/api/v1/ristorni/${runId}/allocations`, managers);
  await matrix("GET Giulia's statement", 'GET', () => `/api/v1/ristorni/${runId}/statements/${c.f.memberships.giuliaC1}`, managers);
  await matrix("GET Mario's statement", 'GET', () => `/api/v1/ristorni/${runId}/statements/${c.f.memberships.marioC1}`, { ...managers, member: 200 });
  await matrix("GET Mario's statement PDF", 'GET', () => `/api/v1/ristorni/${runId}/statements/${c.f.memberships.marioC1}/pdf`, { ...managers, member: 200 });
  await matrix('POST create run c1 2024', 'POST', () => `/api/v1/cooperatives/${c.f.c1}/ristorni`, { ...managers, admin: 201, adminC1: 409 }, () => ({ year: 2024, surplusCents: 1, kinds: [{ kind: 'work' }] }));
  // My own statement: the member has one; the others have none in this run.
  await matrix('GET my statement', 'GET', () => `/api/v1/me/ristorni/${runId}`, { anonymous: 401, admin: 404, staffBologna: 404, staffSociali: 404, adminC1: 200, adminC3: 404, member: 200, outsider: 404 });
});

test('share capital: the holder and the readers see balances; certificates for the holder and the admins only', async () => {
  await matrix('GET balances', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/share-capital`, readers);
  await matrix('GET reconciliation', 'GET', () => `/api/v1/cooperatives/${c.f.c1}/share-capital/reconciliation?year=2025`, readers);
  await matrix("GET Mario's capital", 'GET', () => `/api/v1/memberships/${c.f.memberships.marioC1}/share-capital`, { ...readers, member: 200 });
  await matrix("GET Giulia's capital", 'GET', () => `/api/v1/memberships/${c.f.memberships.giuliaC1}/share-capital`, readers);
  await matrix("GET Mario's certificate", 'GET', () => `/api/v1/memberships/${c.f.memberships.marioC1}/share-certificate`, { ...managers, member: 200 });
  await matrix('POST subscription', 'POST', () => `/api/v1/cooperatives/${c.f.c1}/share-capital/movements`, { ...managers, admin: 201, adminC1: 201 }, () => ({ kind: 'subscription', membershipId: c.f.memberships.giuliaC1, occurredOn: '2025-02-01', shares: 1 }));
});

test('the lists of “mine” never show anyone else’s', async () => {
  const mine = (await c.req('member', 'GET', '/api/v1/me/ristorni')).json();
  assert.deepEqual(mine.items.map((i: { membershipId: string }) => i.membershipId), [c.f.memberships.marioC1]);
  assert.deepEqual((await c.req('outsider', 'GET', '/api/v1/me/ristorni')).json(), { items: [] });
  const capital = (await c.req('member', 'GET', '/api/v1/me/share-capital')).json();
  assert.deepEqual(new Set(capital.items.map((i: { membership: { id: string } }) => i.membership.id)), new Set([c.f.memberships.marioC1, c.f.memberships.marioC2]));
});
