// Registry API end to end through Fastify's inject: co-ops, the register, exits, roll-ups, figures, problems.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, companyCode, type SmallFederation } from '../support/fixtures.ts';
import { computePersonFiscalCode } from '../../src/modules/registry/domain/index.ts';

let p: TestPlatform;
let f: SmallFederation;
let admin: Record<string, string>;
let adminC1: Record<string, string>;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  admin = await p.signIn(f.accounts.admin.email, f.accounts.admin.password);
  adminC1 = await p.signIn(f.accounts.adminC1.email, f.accounts.adminC1.password);
});
after(() => p.close());

const get = (url: string, headers: Record<string, string>) => p.app.inject({ method: 'GET', url, headers });

test('the regional roll-up counts each co-op once even when it belongs to two sectoral associations', async () => {
  const r = await get(`/api/v1/organisations/${f.regional}/rollup`, admin);
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.cooperatives, 3);
  assert.equal(body.members.total, 5);
  const sociali = (await get(`/api/v1/organisations/${f.sociali}/rollup`, admin)).json();
  const produzione = (await get(`/api/v1/organisations/${f.produzione}/rollup`, admin)).json();
  assert.equal(sociali.cooperatives, 2);
  assert.equal(produzione.cooperatives, 2);
  assert.equal(sociali.members.total, 4);
  assert.equal(produzione.members.total, 3);
  assert.deepEqual(body.members.byGender, { F: 2, M: 2, X: 0, unknown: 1 });
  assert.equal(body.members.byType.lavoratore, 3);
});

test('roll-ups per year use the register at year end', async () => {
  const y2021 = (await get(`/api/v1/organisations/${f.regional}/rollup?year=2021`, admin)).json();
  const y2022 = (await get(`/api/v1/organisations/${f.regional}/rollup?year=2022`, admin)).json();
  assert.equal(y2021.members.total, 6);
  assert.equal(y2022.members.total, 5);
  const series = (await get(`/api/v1/organisations/${f.regional}/rollup/series?from=2019&to=2023`, admin)).json();
  assert.deepEqual(
    series.items.map((i: { year: number; members: number }) => [i.year, i.members]),
    [[2019, 4], [2020, 5], [2021, 6], [2022, 5], [2023, 5]],
  );
});

test('a co-op administrator admits, edits and closes memberships; history stays answerable', async () => {
  const cf = computePersonFiscalCode({ familyName: 'Gialli', givenName: 'Sara', birthDate: '1995-04-21', gender: 'F', belfiore: 'A944' });
  const admit = await p.app.inject({
    method: 'POST',
    url: `/api/v1/cooperatives/${f.c1}/members`,
    headers: adminC1,
    payload: { person: { kind: 'natural', givenName: 'Sara', familyName: 'Gialli', codiceFiscale: cf }, memberTypes: ['lavoratore'], admittedOn: '2024-03-01', sharesCount: 2, paidCents: 2500 },
  });
  assert.equal(admit.statusCode, 201, admit.body);
  const m = admit.json();
  assert.equal(m.registerNumber, 4);
  assert.equal(m.gender, 'F', 'gender filled from the fiscal code');
  assert.equal(m.birthDate, '1995-04-21');
  assert.equal(m.subscribedCents, 5000);

  const again = await p.app.inject({
    method: 'POST',
    url: `/api/v1/cooperatives/${f.c1}/members`,
    headers: adminC1,
    payload: { person: { kind: 'natural', givenName: 'Sara', familyName: 'Gialli', codiceFiscale: cf }, memberTypes: ['lavoratore'], admittedOn: '2024-03-01' },
  });
  assert.equal(again.statusCode, 409, 'one open membership per person and co-op');

  const patch = await p.app.inject({ method: 'PATCH', url: `/api/v1/memberships/${m.id}`, headers: adminC1, payload: { paidCents: 5000 } });
  assert.equal(patch.statusCode, 200, patch.body);
  const tooMuch = await p.app.inject({ method: 'PATCH', url: `/api/v1/memberships/${m.id}`, headers: adminC1, payload: { paidCents: 5001 } });
  assert.equal(tooMuch.statusCode, 400);
  assert.equal(tooMuch.json().errors[0].field, 'body/paidCents');
  // Amounts compare as numbers on both backends (as text, '7500' > '10000' refused a valid change on PostgreSQL).
  const raise = await p.app.inject({ method: 'PATCH', url: `/api/v1/memberships/${m.id}`, headers: adminC1, payload: { subscribedCents: 10_000, paidCents: 7_500 } });
  assert.equal(raise.statusCode, 200, raise.body);
  const shares = await p.app.inject({ method: 'PATCH', url: `/api/v1/memberships/${m.id}`, headers: adminC1, payload: { sharesCount: 4 } });
  assert.equal(shares.statusCode, 200, shares.body);
  assert.equal(shares.json().paidCents, 7_500);

  const exit = await p.app.inject({ method: 'POST', url: `/api/v1/memberships/${m.id}/exit`, headers: adminC1, payload: { exitKind: 'recesso', exitOn: '2025-06-30', exitReason: 'Trasferimento in altra città' } });
  assert.equal(exit.statusCode, 200, exit.body);
  const twice = await p.app.inject({ method: 'POST', url: `/api/v1/memberships/${m.id}/exit`, headers: adminC1, payload: { exitKind: 'recesso', exitOn: '2025-07-30' } });
  assert.equal(twice.statusCode, 409);

  const onDate = (await get(`/api/v1/cooperatives/${f.c1}/members?asOf=2025-01-01&status=active`, adminC1)).json();
  assert.ok(onDate.items.some((i: { id: string }) => i.id === m.id), 'a member on 2025-01-01');
  const today = (await get(`/api/v1/cooperatives/${f.c1}/members`, adminC1)).json();
  assert.ok(!today.items.some((i: { id: string }) => i.id === m.id), 'not a member today');
  const exited = (await get(`/api/v1/cooperatives/${f.c1}/members?status=exited`, adminC1)).json();
  assert.equal(exited.total, 2);
});

test('register listing searches, filters, sorts and pages', async () => {
  const byName = (await get(`/api/v1/cooperatives/${f.c1}/members?q=bianchi`, adminC1)).json();
  assert.equal(byName.total, 1);
  assert.equal(byName.items[0].name, 'Bianchi Giulia');
  const byType = (await get(`/api/v1/cooperatives/${f.c1}/members?memberType=sovventore`, adminC1)).json();
  assert.equal(byType.total, 1);
  const all = (await get(`/api/v1/cooperatives/${f.c1}/members?status=all&sort=name&order=desc&pageSize=1&page=2`, adminC1)).json();
  assert.equal(all.pageSize, 1);
  assert.equal(all.page, 2);
  assert.equal(all.items.length, 1);
});

test('co-ops: create with validated fiscal code, reject bad ones with the field named', async () => {
  const bad = await p.app.inject({
    method: 'POST',
    url: '/api/v1/cooperatives',
    headers: admin,
    payload: { name: 'Nuova Coop', codiceFiscale: '12345678901', territorialId: f.bologna },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(bad.json().errors[0].field, 'body/codiceFiscale');
  const good = await p.app.inject({
    method: 'POST',
    url: '/api/v1/cooperatives',
    headers: admin,
    payload: { name: 'Nuova Coop', codiceFiscale: companyCode(5005), territorialId: f.bologna, province: 'BO', sectoralIds: [f.sociali], alboCategory: 'sociali', socialType: 'A' },
  });
  assert.equal(good.statusCode, 201, good.body);
  assert.equal(good.json().region, 'Emilia-Romagna');
  const dup = await p.app.inject({
    method: 'POST',
    url: '/api/v1/cooperatives',
    headers: admin,
    payload: { name: 'Doppione', codiceFiscale: companyCode(5005), territorialId: f.bologna },
  });
  assert.equal(dup.statusCode, 409);
  const wrongParent = await p.app.inject({
    method: 'POST',
    url: '/api/v1/cooperatives',
    headers: admin,
    payload: { name: 'Altra', codiceFiscale: companyCode(5006), territorialId: f.sociali },
  });
  assert.equal(wrongParent.statusCode, 400);
  const list = (await get('/api/v1/cooperatives?q=nuova', admin)).json();
  assert.equal(list.total, 1);
});

test('yearly figures roll up by year', async () => {
  const put = await p.app.inject({
    method: 'PUT',
    url: `/api/v1/cooperatives/${f.c1}/yearly-figures/2024`,
    headers: adminC1,
    payload: { membersByType: { lavoratore: 2 }, employeesWomen: 10, employeesMen: 5, productionValueCents: 123456789, shareCapitalSubscribedCents: 20000, shareCapitalPaidCents: 15000 },
  });
  assert.equal(put.statusCode, 200, put.body);
  const r = (await get(`/api/v1/organisations/${f.bologna}/rollup?year=2024`, admin)).json();
  assert.equal(r.employees.total, 15);
  assert.equal(r.productionValueCents, 123456789);
});

test('bad input is a 4xx problem naming the field, never a 5xx', async () => {
  const cases = [
    { method: 'GET' as const, url: '/api/v1/cooperatives/not-a-uuid', field: 'params/id' },
    { method: 'GET' as const, url: `/api/v1/cooperatives/${f.c1}/members?pageSize=100000`, field: 'querystring/pageSize' },
    { method: 'GET' as const, url: `/api/v1/cooperatives/urn:uuid:${f.c1}`, field: 'params/id' },
    { method: 'GET' as const, url: `/api/v1/cooperatives/${f.c1}/members?asOf=0000-01-01`, field: 'querystring/asOf' },
    { method: 'GET' as const, url: `/api/v1/cooperatives/${f.c1}/members?unknown=1`, field: 'querystring/unknown' },
    { method: 'POST' as const, url: `/api/v1/cooperatives/${f.c1}/members`, payload: { memberTypes: ['lavoratore'], admittedOn: '2024-01-01', extra: 1 }, field: 'body/person' },
    { method: 'POST' as const, url: `/api/v1/cooperatives/${f.c1}/members`, payload: { person: { kind: 'natural' }, memberTypes: [], admittedOn: '31/12/2024' }, field: 'body/admittedOn' },
  ];
  for (const c of cases) {
    const r = await p.app.inject({ method: c.method, url: c.url, headers: adminC1, ...(c.payload ? { payload: c.payload } : {}) });
    assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${c.url} → ${r.statusCode}`);
    const body = r.json();
    assert.match(body.type, /^\/problems\//);
    assert.ok(body.errors.some((e: { field: string }) => e.field === c.field), `${c.url}: ${JSON.stringify(body.errors)}`);
  }
  const malformed = await p.app.inject({ method: 'POST', url: `/api/v1/cooperatives/${f.c1}/members`, headers: { ...adminC1, 'content-type': 'application/json' }, payload: '{"person": ' });
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json().type, '/problems/malformed-json');
  const english = await p.app.inject({ method: 'GET', url: '/api/v1/cooperatives/not-a-uuid?lang=en', headers: adminC1 });
  assert.equal(english.json().title, 'The request contains invalid data');
  const anonymousEnglish = await p.app.inject({ method: 'GET', url: '/api/v1/cooperatives', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.equal(anonymousEnglish.statusCode, 401);
  assert.equal(anonymousEnglish.json().title, 'Sign-in required');
  const italian = await p.app.inject({ method: 'GET', url: '/api/v1/cooperatives/not-a-uuid', headers: adminC1 });
  assert.equal(italian.json().title, 'La richiesta contiene dati non validi');
  const big = await p.app.inject({ method: 'POST', url: `/api/v1/cooperatives/${f.c1}/members`, headers: { ...adminC1, 'content-type': 'application/json' }, payload: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` });
  assert.equal(big.statusCode, 413);
});

test('health, readiness and the OpenAPI document', async () => {
  assert.equal((await p.app.inject('/healthz')).statusCode, 200);
  assert.equal((await p.app.inject('/readyz')).json().status, 'ready');
  const doc = (await p.app.inject('/api/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/cooperatives/{id}/members']);
  const ui = await p.app.inject('/api/docs/');
  assert.equal(ui.statusCode, 200);
});

test('register counts are cached per register version and never served stale', async () => {
  const url = `/api/v1/cooperatives/${f.c3}/members?status=all`;
  const before = (await get(url, admin)).json();
  // Twice with nothing written: the same exact count (the second from the cache).
  assert.equal((await get(url, admin)).json().total, before.total);
  // A write by any path — here plain SQL, as another module might — bumps the version and so the count.
  const [person] = (await p.database.query<{ id: string }>(
    `INSERT INTO people (kind, legal_name, codice_fiscale) VALUES ('legal', 'Consorzio Cache Soc. Coop.', $1) RETURNING id`,
    [companyCode(2999)],
  )).rows;
  await p.database.query(
    `INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on) VALUES ($1, $2, 90, '{utente}', '2024-01-01', '2024-01-01')`,
    [f.c3, person!.id],
  );
  const afterInsert = (await get(url, admin)).json();
  assert.equal(afterInsert.total, before.total + 1);
  assert.ok(afterInsert.items.some((i: { registerNumber: number }) => i.registerNumber === 90));
  await p.database.query(`UPDATE memberships SET exit_kind = 'recesso', exit_on = '2024-06-30' WHERE cooperative_id = $1 AND register_number = 90`, [f.c3]);
  assert.equal((await get(`/api/v1/cooperatives/${f.c3}/members?status=exited`, admin)).json().total, 1);
  await p.database.query(`DELETE FROM memberships WHERE cooperative_id = $1 AND register_number = 90`, [f.c3]);
  assert.equal((await get(url, admin)).json().total, before.total);
});

test('deep register pages come back in register order', async () => {
  const pages = [];
  for (const page of [1, 2, 3]) pages.push((await get(`/api/v1/cooperatives/${f.c1}/members?status=all&pageSize=1&page=${page}`, admin)).json());
  const numbers = pages.flatMap((r) => r.items.map((i: { registerNumber: number }) => i.registerNumber));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
  assert.equal(new Set(numbers).size, numbers.length);
  const desc = (await get(`/api/v1/cooperatives/${f.c1}/members?status=all&order=desc&pageSize=2`, admin)).json();
  assert.ok(desc.items[0].registerNumber > desc.items[1].registerNumber);
});
