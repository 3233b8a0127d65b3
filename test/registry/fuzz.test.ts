// Generated input (fast-check): random bodies and query strings never produce a 5xx, and a rejected request
// writes nothing (every accepted admission adds exactly one membership; nothing else changes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';

let p: TestPlatform;
let f: SmallFederation;
let admin: Record<string, string>;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  admin = await p.signIn(f.accounts.admin.email, f.accounts.admin.password);
});
after(() => p.close());

const counts = async () => {
  const { rows } = await p.database.query<{ people: number; memberships: number; orgs: number; audit: number }>(
    'SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM memberships) AS memberships, (SELECT count(*)::int FROM organisations) AS orgs, (SELECT count(*)::int FROM audit_log) AS audit',
  );
  return rows[0] as { people: number; memberships: number; orgs: number; audit: number };
};

// Values that are sometimes right and often wrong, so both paths are exercised.
const date = fc.oneof(fc.constantFrom('2020-01-01', '2024-02-29', '2023-02-29', '31/12/2024', ''), fc.string({ maxLength: 12 }));
const person = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('natural', 'legal'), fc.string({ maxLength: 5 })),
    givenName: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('Anna')),
    familyName: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('Neri')),
    legalName: fc.string({ maxLength: 30 }),
    codiceFiscale: fc.oneof(fc.string({ minLength: 11, maxLength: 16 }), fc.constantFrom('RSSMRA80E17A944X', '00000000000')),
    gender: fc.oneof(fc.constantFrom('F', 'M', 'X'), fc.string({ maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const admission = fc.record(
  {
    person,
    memberTypes: fc.oneof(fc.constant(['lavoratore']), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), fc.constant('lavoratore')),
    admittedOn: date,
    registeredOn: date,
    registerNumber: fc.oneof(fc.integer({ min: -5, max: 3_000_000_000 }), fc.constant(1)),
    sharesCount: fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.double()),
    shareNominalCents: fc.integer({ min: 0, max: 10_000 }),
    subscribedCents: fc.integer({ min: -1, max: 1_000_000 }),
    paidCents: fc.integer({ min: -1, max: 1_000_000 }),
    unexpected: fc.anything(),
  },
  { requiredKeys: [] },
);

test('random admissions: never a 5xx, and a refusal writes nothing', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(admission, fc.anything()), async (body) => {
      const before = await counts();
      const res = await p.app.inject({ method: 'POST', url: `/api/v1/cooperatives/${f.c1}/members`, headers: admin, payload: body as object });
      assert.ok(res.statusCode < 500, `${res.statusCode}: ${res.body}`);
      const after = await counts();
      if (res.statusCode === 201) {
        assert.equal(after.memberships, before.memberships + 1);
      } else {
        assert.deepEqual(after, before, `a ${res.statusCode} changed the database`);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      }
    }),
    { numRuns: 150 },
  );
});

test('random co-op bodies and query strings: never a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({ name: fc.string(), codiceFiscale: fc.string({ maxLength: 12 }), territorialId: fc.constantFrom(f.bologna, f.sociali, '00000000-0000-0000-0000-000000000000', 'x'), province: fc.string({ maxLength: 3 }), atecoCode: fc.string({ maxLength: 9 }) }, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('q', 'page', 'pageSize', 'status', 'asOf', 'sort', 'order', 'memberType', 'x'), fc.string({ maxLength: 12 })),
      async (body, query) => {
        const before = await counts();
        const res = await p.app.inject({ method: 'POST', url: '/api/v1/cooperatives', headers: admin, payload: body });
        assert.ok(res.statusCode < 500, `${res.statusCode}: ${res.body}`);
        if (res.statusCode !== 201) assert.deepEqual(await counts(), before);
        const qs = new URLSearchParams(query).toString();
        const list = await p.app.inject({ method: 'GET', url: `/api/v1/cooperatives/${f.c1}/members?${qs}`, headers: admin });
        assert.ok(list.statusCode < 500, `${list.statusCode}: ${list.body}`);
      },
    ),
    { numRuns: 100 },
  );
});
