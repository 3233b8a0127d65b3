// The authorisation matrix: every registry route × every role, proving that a member sees only their own data,
// a co-op administrator only their co-op's register, association staff only their subtree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';

let p: TestPlatform;
let f: SmallFederation;
type Who = 'anonymous' | 'admin' | 'staffBologna' | 'staffSociali' | 'adminC1' | 'adminC3' | 'member' | 'outsider';
const headers: Partial<Record<Who, Record<string, string>>> = {};

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  headers.anonymous = {};
  for (const who of ['admin', 'staffBologna', 'staffSociali', 'adminC1', 'adminC3', 'member', 'outsider'] as const) {
    headers[who] = await p.signIn(f.accounts[who].email, f.accounts[who].password);
  }
});
after(() => p.close());

async function expectMatrix(name: string, req: (f: SmallFederation) => { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; payload?: unknown }, expected: Record<Who, number>) {
  for (const [who, status] of Object.entries(expected) as [Who, number][]) {
    const r = req(f);
    const res = await p.app.inject({ method: r.method, url: r.url, headers: headers[who] ?? {}, ...(r.payload ? { payload: r.payload as object } : {}) });
    assert.equal(res.statusCode, status, `${name} as ${who}: expected ${status}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
}

test('regional roll-up: platform admin only', () =>
  expectMatrix('GET regional rollup', (f) => ({ method: 'GET', url: `/api/v1/organisations/${f.regional}/rollup` }), {
    anonymous: 401, admin: 200, staffBologna: 403, staffSociali: 403, adminC1: 403, adminC3: 403, member: 403, outsider: 403,
  }));

test('territorial roll-up: its staff and the admin', () =>
  expectMatrix('GET bologna rollup', (f) => ({ method: 'GET', url: `/api/v1/organisations/${f.bologna}/rollup` }), {
    anonymous: 401, admin: 200, staffBologna: 200, staffSociali: 403, adminC1: 403, adminC3: 403, member: 403, outsider: 403,
  }));

test('register of c1 (Bologna, sociali): territorial and sectoral staff, its admin', () =>
  expectMatrix('GET c1 members', (f) => ({ method: 'GET', url: `/api/v1/cooperatives/${f.c1}/members` }), {
    anonymous: 401, admin: 200, staffBologna: 200, staffSociali: 200, adminC1: 200, adminC3: 403, member: 403, outsider: 403,
  }));

test('register of c2 (Romagna, sociali + produzione): not Bologna staff, not c1 admin', () =>
  expectMatrix('GET c2 members', (f) => ({ method: 'GET', url: `/api/v1/cooperatives/${f.c2}/members` }), {
    anonymous: 401, admin: 200, staffBologna: 403, staffSociali: 200, adminC1: 403, adminC3: 403, member: 403, outsider: 403,
  }));

test('admitting a member: the co-op admin and the platform admin only', () =>
  expectMatrix(
    'POST c1 members',
    (f) => ({ method: 'POST', url: `/api/v1/cooperatives/${f.c1}/members`, payload: { person: { kind: 'legal', legalName: `Ente ${Math.random()}` }, memberTypes: ['sovventore'], admittedOn: '2024-01-01' } }),
    { anonymous: 401, admin: 201, staffBologna: 403, staffSociali: 403, adminC1: 201, adminC3: 403, member: 403, outsider: 403 },
  ));

test("a member reads their own membership, not another's", async () => {
  await expectMatrix('GET own membership', (f) => ({ method: 'GET', url: `/api/v1/memberships/${f.memberships.marioC1}` }), {
    anonymous: 401, admin: 200, staffBologna: 200, staffSociali: 200, adminC1: 200, adminC3: 403, member: 200, outsider: 403,
  });
  await expectMatrix("GET someone else's membership", (f) => ({ method: 'GET', url: `/api/v1/memberships/${f.memberships.giuliaC1}` }), {
    anonymous: 401, admin: 200, staffBologna: 200, staffSociali: 200, adminC1: 200, adminC3: 403, member: 403, outsider: 403,
  });
});

test('editing a co-op: its admin and its territorial staff', () =>
  expectMatrix('PATCH c1', (f) => ({ method: 'PATCH', url: `/api/v1/cooperatives/${f.c1}`, payload: { pec: 'mosaico@pec.it' } }), {
    anonymous: 401, admin: 200, staffBologna: 200, staffSociali: 403, adminC1: 200, adminC3: 403, member: 403, outsider: 403,
  }));

test('yearly figures: written by the co-op admin only', () =>
  expectMatrix(
    'PUT c3 figures',
    (f) => ({ method: 'PUT', url: `/api/v1/cooperatives/${f.c3}/yearly-figures/2023`, payload: { employeesWomen: 1, employeesMen: 1, productionValueCents: 100, shareCapitalSubscribedCents: 0, shareCapitalPaidCents: 0 } }),
    { anonymous: 401, admin: 200, staffBologna: 403, staffSociali: 403, adminC1: 403, adminC3: 200, member: 403, outsider: 403 },
  ));

test('lists show only what is in scope', async () => {
  const names = async (who: Who) =>
    ((await p.app.inject({ method: 'GET', url: '/api/v1/cooperatives', headers: headers[who] ?? {} })).json().items as { id: string }[]).map((i) => i.id).sort();
  assert.deepEqual(await names('admin'), [f.c1, f.c2, f.c3].sort());
  assert.deepEqual(await names('staffBologna'), [f.c1, f.c3].sort());
  assert.deepEqual(await names('staffSociali'), [f.c1, f.c2].sort());
  assert.deepEqual(await names('adminC1'), [f.c1]);
  assert.deepEqual(await names('member'), []);
  const mine = (await p.app.inject({ method: 'GET', url: '/api/v1/me/memberships', headers: headers.member ?? {} })).json();
  assert.equal(mine.items.length, 2);
  assert.equal(mine.person.familyName, 'Rossi');
  const none = (await p.app.inject({ method: 'GET', url: '/api/v1/me/memberships', headers: headers.outsider ?? {} })).json();
  assert.deepEqual(none, { person: null, items: [] });
  const orgs = (await p.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: headers.staffBologna ?? {} })).json();
  assert.deepEqual(orgs.items.map((o: { id: string }) => o.id), [f.bologna]);
});

test('a member may see the co-ops they belong to, but not their registers', async () => {
  const own = await p.app.inject({ method: 'GET', url: `/api/v1/cooperatives/${f.c2}`, headers: headers.member ?? {} });
  assert.equal(own.statusCode, 200);
  const other = await p.app.inject({ method: 'GET', url: `/api/v1/cooperatives/${f.c3}`, headers: headers.member ?? {} });
  assert.equal(other.statusCode, 403);
});
