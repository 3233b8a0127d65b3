// "Download my data": the ZIP holds every catalogue section as JSON valid against its (published) JSON Schema, as
// CSV explained column by column in the README, the profile as vCard and the assemblies as iCalendar, with a manifest
// whose hashes match; it holds the member's data and nobody else's, no secrets, and the download is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/core/db.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { convenedAssembly, type Scenario } from '../governance/scenario.ts';
import { api, type Headers } from '../governance/helpers.ts';
import { EXPORTED } from '../../src/modules/privacy/catalogue.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

let p: TestPlatform;
let f: SmallFederation;
let s: Scenario;
let mario: Headers;
let giulia: Headers;
let files: Record<string, string>;
let raw: Record<string, Uint8Array>;
let exportMs = 0;

async function download(h: Headers): Promise<{ status: number; files: Record<string, string>; raw: Record<string, Uint8Array>; headers: Record<string, unknown>; ms: number; body: string }> {
  const t0 = performance.now();
  const res = await p.app.inject({ method: 'GET', url: '/api/v1/me/data-export', headers: h });
  const ms = performance.now() - t0;
  if (res.statusCode !== 200) return { status: res.statusCode, files: {}, raw: {}, headers: res.headers, ms, body: res.body };
  const unzipped = unzipSync(new Uint8Array(res.rawPayload));
  // Decoded without dropping a byte-order mark (the CSV files start with one).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return { status: 200, files: Object.fromEntries(Object.entries(unzipped).map(([k, v]) => [k, decoder.decode(v)])), raw: unzipped, headers: res.headers, ms, body: '' };
}

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  s = await convenedAssembly(p, f, { open: true, members: 3 });
  const a = api(p);
  mario = await p.signIn(f.accounts.member.email, PASSWORD);
  giulia = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/open`, s.admin)).status, 200);
  const vote = await a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, mario, { vote: 'yes' });
  assert.equal(vote.status, 201, JSON.stringify(vote.body));
  // The co-op's administrator reads Mario's membership, an exchange is recorded on it, and a platform administrator
  // records his exit from the other co-op.
  assert.equal((await a.get(`/api/v1/memberships/${f.memberships.marioC1}`, giulia)).status, 200);
  const admin = await p.signIn(f.accounts.admin.email, PASSWORD);
  const exited = await a.post(`/api/v1/memberships/${f.memberships.marioC2}/exit`, admin, { exitKind: 'recesso', exitOn: '2025-12-31', exitReason: 'Trasferimento a Bologna' });
  assert.equal(exited.status, 200, JSON.stringify(exited.body));
  await p.database.db.execute(sql`INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, description)
    VALUES (${f.c1}, ${f.memberships.marioC1}, 'work', '2025-03-31', 160.5, 'h', 200000, 'Marzo 2025')`);
  assert.equal((await a.post('/api/v1/me/consents/newsletter', mario, { given: true })).status, 200);
  const d = await download(mario);
  assert.equal(d.status, 200, d.body);
  files = d.files;
  raw = d.raw;
  exportMs = d.ms;
});
after(async () => {
  await p?.close();
});

const data = (section: string) => JSON.parse(files[`data/${section}.json`] as string) as { items: Record<string, unknown>[] };

test('the ZIP has a manifest, a README, vCard, iCalendar and, for every section, JSON, its schema and CSV', () => {
  for (const name of ['manifest.json', 'README.txt', 'profile.vcf', 'assemblies.ics', 'schemas/manifest.schema.json']) assert.ok(files[name], `${name} missing`);
  for (const e of EXPORTED) {
    for (const path of [`data/${e.section}.json`, `schemas/${e.section}.schema.json`, `csv/${e.section}.csv`]) assert.ok(files[path], `${path} missing`);
  }
  console.log(`# export of the member: ${exportMs.toFixed(0)} ms, ${Object.keys(files).length} files`);
});

test('every JSON file is valid against its JSON Schema; the manifest lists every file with its SHA-256', () => {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  for (const e of EXPORTED) {
    const validate = ajv.compile(JSON.parse(files[`schemas/${e.section}.schema.json`] as string));
    const ok = validate(data(e.section));
    assert.ok(ok, `${e.section}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  const manifest = JSON.parse(files['manifest.json'] as string) as { format: string; formatVersion: number; generatedAt: string; instance: { url: string }; files: { path: string; sha256: string; bytes: number }[]; sections: { section: string; rows: number }[] };
  const validate = ajv.compile(JSON.parse(files['schemas/manifest.schema.json'] as string));
  assert.ok(validate(manifest), JSON.stringify(validate.errors));
  assert.equal(manifest.format, 'cooperando-personal-data');
  assert.equal(manifest.formatVersion, 1);
  assert.ok(!Number.isNaN(Date.parse(manifest.generatedAt)));
  assert.deepEqual(manifest.files.map((x) => x.path).sort(), Object.keys(files).filter((k) => k !== 'manifest.json').sort());
  for (const entry of manifest.files) {
    assert.equal(entry.sha256, createHash('sha256').update(raw[entry.path] as Uint8Array).digest('hex'), entry.path);
  }
  assert.equal(manifest.sections.find((x) => x.section === 'memberships')?.rows, 2);
});

test('the member’s data across modules is there', () => {
  const profile = data('profile').items;
  assert.equal(profile.length, 1);
  assert.equal(profile[0]?.id, f.people.mario);
  assert.equal(profile[0]?.family_name, 'Rossi');
  assert.equal(data('account').items[0]?.email, f.accounts.member.email);
  const memberships = data('memberships').items;
  assert.deepEqual(memberships.map((m) => m.cooperative_name).sort(), ['Cooperativa Romagnola Servizi', 'Cooperativa Sociale Il Mosaico']);
  assert.equal(memberships.find((m) => m.id === f.memberships.marioC2)?.exit_reason, 'Trasferimento a Bologna');
  assert.equal(data('assemblies').items.length, 1);
  assert.equal(data('assembly-roll').items[0]?.person_id, f.people.mario);
  assert.equal(data('assembly-notices').items.length, 1);
  assert.equal(data('votes-cast').items[0]?.ballot_id, s.resolutionBallot);
  assert.deepEqual(data('open-votes').items.map((v) => v.choice), ['yes']);
  const ex = data('exchanges').items;
  assert.equal(ex.length, 1);
  assert.equal(ex[0]?.quantity, '160.500');
  assert.equal(ex[0]?.occurred_on, '2025-03-31');
  assert.deepEqual(data('consents').items.map((c) => [c.purpose, c.withdrawn_at, c.notice_version]), [['newsletter', null, 1]]);
  const sessions = data('sessions').items;
  assert.ok(sessions.length >= 1);
  assert.match(String(sessions[0]?.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'timestamps in ISO 8601 UTC');
  const log = data('audit-log').items.map((e) => e.action);
  for (const action of ['membership.exit', 'membership.read', 'consent.give', 'auth.sign-in']) assert.ok(log.includes(action), `${action} in the audit log section: ${log.join(', ')}`);
});

test('no secrets and nobody else’s data in the copy', async () => {
  const all = Object.values(files).join('\n');
  assert.doesNotMatch(all, /\$argon2/, 'no password hash');
  const [session] = await queryRows<{ id_hash: string; csrf_token: string }>(p.database.db, sql`SELECT id_hash, csrf_token FROM sessions WHERE account_id = ${f.accounts.member.id} LIMIT 1`);
  assert.ok(session);
  assert.ok(!all.includes(session.id_hash) && !all.includes(session.csrf_token), 'no session secrets');
  assert.ok(!('password_hash' in (data('account').items[0] ?? {})));
  const [giuliaPerson] = await queryRows<{ codice_fiscale: string }>(p.database.db, sql`SELECT codice_fiscale FROM people WHERE id = ${f.people.giulia}`);
  for (const other of [f.people.giulia, f.people.luca, f.people.anna, giuliaPerson!.codice_fiscale, 'Bianchi', 'Verdi', s.members[0]!.personId, s.members[0]!.email]) {
    assert.ok(!all.includes(other), `someone else's data in Mario's copy: ${other}`);
  }
});

test('README explains every exported column in Italian and English; CSV has one column per field', () => {
  const readme = files['README.txt'] as string;
  assert.match(readme, /ITALIANO/);
  assert.match(readme, /ENGLISH/);
  for (const e of EXPORTED) {
    assert.ok(readme.includes(`data/${e.section}.json`), e.section);
    for (const [col, r] of Object.entries(e.columns)) {
      if (r.export) assert.ok(readme.includes(`  ${col}\r\n    IT: ${r.description.it}\r\n    EN: ${r.description.en}`), `${e.table}.${col} not explained`);
    }
  }
  assert.match(readme, /password_hash\r\n {4}IT: .*non esportata/);
  const csv = files['csv/memberships.csv'] as string;
  assert.ok(csv.startsWith('\uFEFFid;cooperative_id;person_id;register_number;'));
  assert.equal(csv.trim().split('\r\n').length, 3, 'header and two memberships');
});

test('vCard and iCalendar', () => {
  const vcf = files['profile.vcf'] as string;
  assert.match(vcf, /^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
  assert.match(vcf, /\r\nFN:Mario Rossi\r\n/);
  assert.match(vcf, /\r\nN:Rossi;Mario;;;\r\n/);
  assert.match(vcf, /\r\nBDAY:19800517\r\n/);
  assert.match(vcf, /END:VCARD\r\n$/);
  const ics = files['assemblies.ics'] as string;
  assert.match(ics, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 1);
  assert.match(ics, new RegExp(`UID:assembly-${s.assemblyId}@`));
  assert.match(ics, /SUMMARY:Assemblea di prova/);
  assert.match(ics, /DTSTART:\d{8}T\d{6}Z/);
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `unfolded line: ${line}`);
});

test('the download is audited, answers as a file, and the schemas are published', async () => {
  const [entry] = await queryRows<{ details: Record<string, unknown> }>(p.database.db, sql`SELECT details FROM audit_log WHERE action = 'privacy.export' AND subject_id = ${f.accounts.member.id}`);
  assert.ok(entry, 'privacy.export in the audit log');
  const res = await p.app.inject({ method: 'GET', url: '/api/v1/me/data-export', headers: mario });
  assert.equal(res.headers['content-type'], 'application/zip');
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="cooperando-dati-\d{4}-\d\d-\d\d\.zip"$/);
  assert.equal(res.headers['cache-control'], 'no-store');
  const published = await p.app.inject({ method: 'GET', url: '/api/v1/privacy/schemas/memberships.schema.json' });
  assert.equal(published.statusCode, 200);
  assert.deepEqual(published.json(), JSON.parse(files['schemas/memberships.schema.json'] as string));
  assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/privacy/schemas/manifest.schema.json' })).statusCode, 200);
  const unknown = await p.app.inject({ method: 'GET', url: '/api/v1/privacy/schemas/nothing.schema.json' });
  assert.equal(unknown.statusCode, 404);
  assert.match(String(unknown.headers['content-type']), /application\/problem\+json/);
  const bad = await p.app.inject({ method: 'GET', url: '/api/v1/privacy/schemas/..%2Fetc.schema.json' });
  assert.equal(bad.statusCode, 400);
  assert.equal((bad.json() as { errors: { field: string }[] }).errors[0]?.field, 'params/name');
});

test('authorisation: signed out is 401; the export is always the caller’s own, and asking for another’s is refused', async () => {
  for (const url of ['/api/v1/me/data-export', '/api/v1/me/consents', '/api/v1/me/access-log']) {
    const res = await p.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 401, url);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  assert.equal((await p.app.inject({ method: 'POST', url: '/api/v1/me/consents/newsletter', payload: { given: true } })).statusCode, 401);
  // No parameter names a subject: an attempt is a 400 naming the field, not someone else's data.
  for (const q of ['accountId', 'personId']) {
    const res = await p.app.inject({ method: 'GET', url: `/api/v1/me/data-export?${q}=${f.accounts.adminC1.id}`, headers: mario });
    assert.equal(res.statusCode, 400);
    assert.equal((res.json() as { errors: { field: string }[] }).errors[0]?.field, `querystring/${q}`);
  }
  // Giulia administers Mario's co-op: her own copy still holds none of Mario's personal data.
  const g = await download(giulia);
  assert.equal(g.status, 200);
  const all = Object.values(g.files).join('\n');
  const [cf] = await queryRows<{ codice_fiscale: string }>(p.database.db, sql`SELECT codice_fiscale FROM people WHERE id = ${f.people.mario}`);
  for (const other of [f.people.mario, cf!.codice_fiscale, 'Rossi', f.accounts.member.email]) assert.ok(!all.includes(other), `Mario's data in Giulia's copy: ${other}`);
  assert.equal(JSON.parse(g.files['data/profile.json'] as string).items[0].id, f.people.giulia);
  // An account linked to no person gets its account data, an empty profile section and a vCard of its name.
  const outsider = await download(await p.signIn(f.accounts.outsider.email, PASSWORD));
  assert.equal(outsider.status, 200);
  assert.equal(JSON.parse(outsider.files['data/profile.json'] as string).items.length, 0);
  assert.equal(JSON.parse(outsider.files['data/memberships.json'] as string).items.length, 0);
  assert.match(outsider.files['profile.vcf'] as string, /FN:Persona esterna/);
});
