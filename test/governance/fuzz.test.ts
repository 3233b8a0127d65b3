// Generated input (fast-check): random bodies, ids and query strings on the governance routes never produce a 5xx,
// are answered as problem+json, and a refused request writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';
import { convenedAssembly, type Scenario } from './scenario.ts';

let p: TestPlatform;
let f: SmallFederation;
let s: Scenario;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  s = await convenedAssembly(p, f, { members: 3, open: true });
  await p.app.inject({ method: 'POST', url: `/api/v1/ballots/${s.electionBallot}/open`, headers: s.admin });
});
after(() => p.close());

const TABLES = ['assemblies', 'assembly_items', 'assembly_ballots', 'assembly_candidates', 'ballot_casts', 'ballot_choices', 'assembly_proxies', 'assembly_attendance', 'governance_statutes', 'assembly_polls', 'assembly_comments', 'assembly_amendments', 'audit_log'];
const snapshot = async () => {
  const { rows } = await p.database.query<Record<string, number>>(`SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
  return rows[0] as Record<string, number>;
};

const date = fc.oneof(fc.constantFrom('2030-05-20T16:00:00Z', '2030-05-20T16:00:00+02:00', 'yesterday', ''), fc.string({ maxLength: 30 }));
const uuid = fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'x'));
const item = fc.record({ kind: fc.oneof(fc.constantFrom('resolution', 'election', 'information'), fc.string({ maxLength: 8 })), title: fc.string({ maxLength: 20 }), ballot: fc.oneof(fc.constant(null), fc.record({ method: fc.constantFrom('yes_no', 'stv', 'schulze', 'plurality', 'approval', 'x'), seats: fc.integer({ min: -1, max: 200 }), candidates: fc.array(fc.record({ name: fc.string({ maxLength: 10 }) }), { maxLength: 3 }) }, { requiredKeys: [] })) }, { requiredKeys: [] });
const assembly = fc.record({ kind: fc.constantFrom('ordinary', 'extraordinary', 'x'), title: fc.string({ maxLength: 30 }), mode: fc.constantFrom('in_person', 'hybrid', 'remote', 'mars'), firstCallAt: date, secondCallAt: date, recordDate: fc.constantFrom('2030-05-20', '2031-13-01', 'x'), items: fc.array(item, { maxLength: 3 }), extra: fc.anything() }, { requiredKeys: [] });
const vote = fc.record({ vote: fc.oneof(fc.constantFrom('yes', 'no', 'abstain', 'maybe'), fc.anything()), candidates: fc.oneof(fc.array(uuid, { maxLength: 4 }), fc.anything()), voters: fc.array(uuid, { maxLength: 3 }), postal: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] });
const statute = fc.record({ params: fc.record({ minDaysInRegister: fc.integer({ min: -5, max: 400 }), legalPersonVotes: fc.integer({ min: -1, max: 9 }), maxProxiesPerHolder: fc.integer({ min: -1, max: 20 }), financingCap: fc.record({ num: fc.integer({ min: -1, max: 5 }), den: fc.integer({ min: 0, max: 5 }) }), noticeDays: fc.integer({ min: 0, max: 40 }) }, { requiredKeys: [] }), note: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] });

test('random requests on every kind of route: never a 5xx; a refusal writes nothing', async () => {
  const routes = () => [
    { method: 'POST' as const, url: `/api/v1/cooperatives/${f.c1}/assemblies`, body: assembly },
    { method: 'POST' as const, url: `/api/v1/ballots/${s.resolutionBallot}/votes`, body: vote },
    { method: 'POST' as const, url: `/api/v1/ballots/${s.electionBallot}/votes`, body: vote },
    { method: 'PUT' as const, url: `/api/v1/cooperatives/${f.c1}/governance/statute`, body: statute },
    { method: 'POST' as const, url: `/api/v1/assemblies/${s.assemblyId}/proxies`, body: fc.record({ holderPersonId: uuid, grantorPersonId: uuid }, { requiredKeys: [] }) },
    { method: 'POST' as const, url: `/api/v1/assemblies/${s.assemblyId}/polls`, body: fc.record({ question: fc.string({ maxLength: 20 }), kind: fc.constantFrom('single', 'ranked', 'score', 'nope'), options: fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }) }, { requiredKeys: [] }) },
    { method: 'POST' as const, url: `/api/v1/assemblies/${s.assemblyId}/attendance/check-in`, body: fc.record({ personId: uuid, channel: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }) },
    { method: 'POST' as const, url: `/api/v1/assemblies/${s.assemblyId}/open`, body: fc.record({ call: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }) },
  ];
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 7 }), fc.boolean(), fc.anything(), fc.integer({ min: 0, max: 2 }), async (which, useArb, junk, headersKind) => {
      const route = routes()[which] as { method: 'POST' | 'PUT'; url: string; body: fc.Arbitrary<unknown> };
      const body = useArb ? fc.sample(route.body, 1)[0] : junk;
      const headers = headersKind === 0 ? s.admin : headersKind === 1 ? (s.memberHeaders[0] as Record<string, string>) : {};
      const before = await snapshot();
      const res = await p.app.inject({ method: route.method, url: route.url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body ?? null) });
      assert.ok(res.statusCode < 500, `${route.method} ${route.url} → ${res.statusCode}: ${res.body}`);
      if (res.statusCode >= 400) {
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.deepEqual(await snapshot(), before, `a ${res.statusCode} changed the database: ${res.body}`);
      }
    }),
    { numRuns: 250 },
  );
});

test('random ids and query strings on GET routes: never a 5xx', async () => {
  const paths = ['/api/v1/assemblies/%s', '/api/v1/assemblies/%s/roll', '/api/v1/assemblies/%s/live', '/api/v1/ballots/%s', '/api/v1/ballots/%s/export', '/api/v1/polls/%s', '/api/v1/governance/minutes/verify/%s', '/api/v1/governance/receipts/%s', '/api/v1/assemblies/%s/me'];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...paths), fc.oneof(fc.uuid(), fc.string({ maxLength: 70 }), fc.constant(s.assemblyId)), fc.dictionary(fc.constantFrom('page', 'pageSize', 'eligible', 'q', 'lang', 'x'), fc.string({ maxLength: 8 })), async (path, id, query) => {
      const url = `${path.replace('%s', encodeURIComponent(id))}?${new URLSearchParams(query).toString()}`;
      const res = await p.app.inject({ method: 'GET', url, headers: s.admin });
      assert.ok(res.statusCode < 500, `GET ${url} → ${res.statusCode}: ${res.body}`);
    }),
    { numRuns: 200 },
  );
});
