// Portability (issue 6): two Cooperando instances in two processes on two databases. A member of instance A
// downloads their copy over HTTP and uploads it to their account on instance B; B's own copy then holds everything
// A's did — the profile field by field, each membership as an external membership with its credential, every
// history row — and a third instance (in this process) imports B's copy with the history's origin kept. Bad bundles
// (tampered, schema-invalid, not a ZIP, an oversized entry, another version, another person's) are refused with a 4xx
// naming the file and nothing written; a second upload of the same bundle changes nothing; one account never sees
// another's imports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/core/db.ts';
import { migrate } from '../../src/core/migrations.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createPlatform } from '../../src/app.ts';
import { hashPassword } from '../../src/modules/identity/password.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { convenedAssembly } from '../governance/scenario.ts';
import { api } from '../governance/helpers.ts';
import { NOT_REAGGREGATED } from '../../src/modules/privacy/import/service.ts';

type Item = Record<string, unknown>;
type Files = Record<string, Uint8Array>;
const ROOT = new URL('../../', import.meta.url).pathname;
const SECRET = 'portability-secret-portability-secret';
const PROFILE = ['kind', 'given_name', 'family_name', 'legal_name', 'codice_fiscale', 'birth_date', 'gender', 'email', 'phone', 'comune', 'province'];
const MEMBERSHIP = ['cooperative_name', 'cooperative_codice_fiscale', 'cooperative_albo_number', 'register_number', 'member_types', 'applied_on', 'admitted_on', 'registered_on', 'shares_count', 'share_nominal_cents', 'subscribed_cents', 'paid_cents', 'exit_kind', 'exit_on', 'exit_reason'];
const OWN = new Set(['profile', 'memberships', 'imports', 'external-memberships', 'imported-records']);

// ---------------------------------------------------------------- two databases, two processes

interface Store {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh PGlite data directory, or a fresh database on TEST_DATABASE_URL's server. */
async function freshStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-port-'));
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    return { env: { DATA_DIR: dir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir: dir }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `coop_port_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    env: { DATA_DIR: dir, DATABASE_URL: url },
    open: () => openDatabase({ databaseUrl: url, poolSize: 2 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  url: string;
  child: ChildProcess;
  log: string[];
}

/** `cooperando serve` in its own process, as an operator starts it. */
async function serve(store: Store): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...store.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, SESSION_SECRET: SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log.join('')}`)), 90_000);
    child.stdout?.on('data', (d: Buffer) => {
      log.push(d.toString());
      if (/listening on/.test(d.toString())) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log.join('')}`));
    });
  });
  child.removeAllListeners('exit');
  return { url, child, log };
}

async function stop(i: Instance | undefined): Promise<void> {
  if (!i || i.child.exitCode !== null) return;
  const exited = new Promise((r) => i.child.once('exit', r));
  i.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (i.child.exitCode === null) i.child.kill('SIGKILL');
}

/** A signed-in browser-like client over real HTTP. */
class Client {
  cookie = '';
  csrf = '';
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }
  async signIn(email: string, password = PASSWORD): Promise<this> {
    const res = await fetch(`${this.base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    assert.equal(res.status, 200, `sign-in ${email}: ${await res.clone().text()}`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('coop_session='));
    assert.ok(session, 'session cookie');
    this.cookie = session.split(';')[0] as string;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this;
  }
  private headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie, 'x-csrf-token': this.csrf } : {};
  }
  async json(method: string, path: string, body?: unknown): Promise<{ status: number; body: Item }> {
    const res = await fetch(`${this.base}${path}`, { method, headers: { ...this.headers(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Item) : {} };
  }
  async download(): Promise<Uint8Array> {
    const res = await fetch(`${this.base}/api/v1/me/data-export`, { headers: this.headers() });
    assert.equal(res.status, 200, await res.clone().text());
    return new Uint8Array(await res.arrayBuffer());
  }
  async upload(zip: Uint8Array): Promise<{ status: number; body: Item }> {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(zip)], { type: 'application/zip' }), 'cooperando-dati.zip');
    const res = await fetch(`${this.base}/api/v1/me/data-import`, { method: 'POST', headers: this.headers(), body: form });
    return { status: res.status, body: (await res.json()) as Item };
  }
}

// ---------------------------------------------------------------- bundles

const data = (files: Files, section: string): Item[] => {
  const f = files[`data/${section}.json`];
  return f ? ((JSON.parse(new TextDecoder().decode(f)) as { items: Item[] }).items) : [];
};
const manifestOf = (files: Files) => JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { instance: { url: string }; sections: { section: string; rows: number }[]; files: { path: string; bytes: number; sha256: string }[] };

/** Rezips after `change`, with the manifest's sizes and hashes recomputed (a well-formed bundle with other content). */
function rebuild(files: Files, change: (f: Files) => void): Uint8Array {
  const out: Files = { ...files };
  change(out);
  const manifest = manifestOf(out);
  for (const f of manifest.files) {
    const bytes = out[f.path] as Uint8Array;
    f.bytes = bytes.byteLength;
    f.sha256 = createHash('sha256').update(bytes).digest('hex');
  }
  out['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(out);
}
const editJson = (files: Files, path: string, edit: (doc: { items: Item[] }) => void) => {
  const doc = JSON.parse(new TextDecoder().decode(files[path])) as { items: Item[] };
  edit(doc);
  files[path] = strToU8(JSON.stringify(doc, null, 2));
};

/** multipart/form-data by hand, for the in-process instance. */
function multipart(zip: Uint8Array, contentType = 'application/zip'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----coop${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bundle.zip"\r\nContent-Type: ${contentType}\r\n\r\n`),
    Buffer.from(zip),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// ---------------------------------------------------------------- the scene

const stores: Store[] = [];
let A: Instance;
let B: Instance;
let C: TestPlatform;
let f: SmallFederation;
let bundleA: Uint8Array;
let filesA: Files;
let marioB: Client;
let otherB: Client;
let importedB: Item;
let filesB: Files;
let roundTripMs = 0;
/** B's copy after the import, as Mario would take it to a third platform. */
let bundleBBytes: Uint8Array;
const bundleB = (): Uint8Array => bundleBBytes;

/** An account (with no person) on a database that no process is serving yet. */
async function account(database: Database, email: string, name: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(database.db, sql`INSERT INTO accounts (email, password_hash, display_name) VALUES (${email}, ${await hashPassword(PASSWORD)}, ${name}) RETURNING id`);
  return (row as { id: string }).id;
}

before(async () => {
  const storeA = await freshStore();
  const storeB = await freshStore();
  stores.push(storeA, storeB);
  // Instance A's history is made through its own API (an assembly, a vote) in this process, then A is served from
  // another process on the same database; PGlite admits one process at a time, so this one closes first.
  {
    const database = await storeA.open();
    await migrate(database);
    const config = loadConfig({}, { dataDir: storeA.env.DATA_DIR as string, databaseUrl: storeA.env.DATABASE_URL || undefined, sessionSecret: SECRET, logLevel: 'silent' });
    const platform = await createPlatform({ config, database, logger: false, serveWeb: false, migrated: true });
    const p: TestPlatform = {
      ...platform,
      async signIn(email: string, password: string) {
        const res = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
        const cookie = res.cookies.find((c) => c.name === 'coop_session');
        return { cookie: `coop_session=${cookie?.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
      },
    };
    f = await seedSmallFederation(database);
    const s = await convenedAssembly(p, f, { open: true, members: 3 });
    const a = api(p);
    const mario = await p.signIn(f.accounts.member.email, PASSWORD);
    assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/open`, s.admin)).status, 200);
    assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, mario, { vote: 'yes' })).status, 201);
    const admin = await p.signIn(f.accounts.admin.email, PASSWORD);
    assert.equal((await a.post(`/api/v1/memberships/${f.memberships.marioC2}/exit`, admin, { exitKind: 'recesso', exitOn: '2025-12-31', exitReason: 'Trasferimento a Bologna' })).status, 200);
    await database.db.execute(sql`INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, description)
      VALUES (${f.c1}, ${f.memberships.marioC1}, 'work', '2025-03-31', 160.5, 'h', 200000, 'Marzo 2025')`);
    await platform.close();
    await database.close();
  }
  // Instance B: Mario's account, not yet linked to any record, and another member's.
  {
    const database = await storeB.open();
    await migrate(database);
    await account(database, f.accounts.member.email, 'Mario Rossi');
    await account(database, 'altra.persona@example.it', 'Altra persona');
    await database.close();
  }
  [A, B] = await Promise.all([serve(storeA), serve(storeB)]);

  // On A, Mario gets a membership credential and downloads his copy.
  const marioA = await new Client(A.url).signIn(f.accounts.member.email);
  const cred = await marioA.json('POST', '/api/v1/me/credentials', { membershipId: f.memberships.marioC1 });
  assert.equal(cred.status, 201, JSON.stringify(cred.body));
  bundleA = await marioA.download();
  filesA = unzipSync(bundleA);

  // On B, he uploads it.
  marioB = await new Client(B.url).signIn(f.accounts.member.email);
  otherB = await new Client(B.url).signIn('altra.persona@example.it');
  const t0 = performance.now();
  const up = await marioB.upload(bundleA);
  roundTripMs = performance.now() - t0;
  assert.equal(up.status, 201, JSON.stringify(up.body));
  importedB = up.body;
  bundleBBytes = await marioB.download();
  filesB = unzipSync(bundleBBytes);
});

after(async () => {
  await Promise.all([stop(A), stop(B)]);
  await C?.close();
  for (const s of stores) await s.drop();
});

// ---------------------------------------------------------------- the round trip

test('A → B: the profile, every membership (with its credential) and every history row arrive, field by field', () => {
  console.log(`# import of the member’s copy on B: ${roundTripMs.toFixed(0)} ms, ${bundleA.byteLength} bytes`);
  const report = importedB.import as { sourceUrl: string; counts: { memberships: number; credentials: number; records: number; skipped: { section: string }[] }; profileFilled: string[]; conflicts: unknown[] };
  assert.equal(importedB.alreadyImported, false);
  assert.equal(report.sourceUrl, A.url);
  assert.equal(report.counts.memberships, 2);
  assert.equal(report.counts.credentials, 1);
  assert.deepEqual(report.conflicts, []);
  assert.ok(report.counts.skipped.some((s) => s.section === 'sessions'), 'A’s sessions are set aside, with the reason');

  // Profile: B had no record for Mario; it now has A's, every field equal.
  const [pa] = data(filesA, 'profile');
  const [pb] = data(filesB, 'profile');
  assert.ok(pa && pb, 'a profile on both sides');
  for (const k of PROFILE) assert.deepEqual(pb[k], pa[k], `profile.${k}`);
  assert.deepEqual(report.profileFilled.sort(), PROFILE.filter((k) => pa[k] !== null).sort());

  // Memberships: each of A's is on B as an external membership kept at A, with every field.
  const mA = data(filesA, 'memberships');
  const ext = data(filesB, 'external-memberships');
  assert.equal(mA.length, 2);
  assert.equal(ext.length, mA.length);
  for (const m of mA) {
    const e = ext.find((x) => x.origin_membership_id === m.id);
    assert.ok(e, `membership ${String(m.id)} on B`);
    assert.equal(e.origin_url, A.url);
    for (const k of MEMBERSHIP) assert.deepEqual(e[k], m[k], `membership ${String(m.cooperative_name)}.${k}`);
  }
  assert.ok(mA.every((m) => typeof m.cooperative_codice_fiscale === 'string' && /^\d{11}$/.test(m.cooperative_codice_fiscale)), 'the co-op’s tax code travels');
  // The credential issued on A, kept on B to be verified later against A's keys.
  const [credA] = data(filesA, 'membership-credentials');
  const withCred = ext.find((x) => x.origin_membership_id === f.memberships.marioC1);
  assert.equal(withCred?.credential_sd_jwt, credA?.sd_jwt);
  assert.equal(withCred?.credential_id, credA?.id);
  assert.equal(ext.find((x) => x.origin_membership_id === f.memberships.marioC2)?.credential_sd_jwt, null);

  // History: every row of every section A exported (but those set aside) is on B, as it was.
  const records = data(filesB, 'imported-records');
  let compared = 0;
  for (const { section, rows } of manifestOf(filesA).sections) {
    if (OWN.has(section) || section in NOT_REAGGREGATED) continue;
    const mine = records.filter((r) => r.section === section);
    assert.equal(mine.length, rows, `section ${section}: ${mine.length} of ${rows} rows`);
    for (const row of data(filesA, section)) {
      assert.ok(mine.some((r) => r.origin_url === A.url && JSON.stringify(sortKeys(r.data)) === JSON.stringify(sortKeys(row))), `${section}: a row is missing or changed`);
      compared += 1;
    }
  }
  for (const section of ['assemblies', 'assembly-roll', 'votes-cast', 'open-votes', 'exchanges', 'membership-credentials']) {
    assert.ok(records.some((r) => r.section === section), `history section ${section} present`);
  }
  assert.ok(compared >= 8, `${compared} history rows compared`);
});

/** Key order is not data (jsonb reorders keys). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Item).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

test('the same bundle twice changes nothing; GET /me/imported lists it with its source and date', async () => {
  const again = await marioB.upload(bundleA);
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.alreadyImported, true);
  const list = await marioB.json('GET', '/api/v1/me/imported');
  assert.equal(list.status, 200);
  const items = list.body.items as { id: string; sourceUrl: string; importedAt: string; memberships: { hasCredential: boolean }[] }[];
  assert.equal(items.length, 1);
  assert.equal(items[0]?.sourceUrl, A.url);
  assert.ok(!Number.isNaN(Date.parse(items[0]?.importedAt as string)));
  assert.deepEqual(items[0]?.memberships.map((m) => m.hasCredential).sort(), [false, true]);
  const after = unzipSync(await marioB.download());
  assert.equal(data(after, 'external-memberships').length, 2);
  assert.equal(data(after, 'imported-records').length, data(filesB, 'imported-records').length);
});

test('authorisation: no session is a 401; another account sees none of Mario’s imports and cannot remove them', async () => {
  const anon = new Client(B.url);
  assert.equal((await anon.json('GET', '/api/v1/me/imported')).status, 401);
  assert.equal((await anon.upload(bundleA)).status, 401);
  assert.deepEqual((await otherB.json('GET', '/api/v1/me/imported')).body.items, []);
  const id = (importedB.import as { id: string }).id;
  const del = await otherB.json('DELETE', `/api/v1/me/imported/${id}`);
  assert.equal(del.status, 404);
  assert.equal(((await marioB.json('GET', '/api/v1/me/imported')).body.items as unknown[]).length, 1);
});

// ---------------------------------------------------------------- bad bundles and the second move (in-process C)

let cMario: Record<string, string>;
let cOther: Record<string, string>;
let cFresh: Record<string, string>;

async function cUpload(h: Record<string, string>, zip: Uint8Array, contentType?: string) {
  const m = multipart(zip, contentType);
  const res = await C.app.inject({ method: 'POST', url: '/api/v1/me/data-import', headers: { ...h, ...m.headers }, payload: m.payload });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() as { errors?: { field: string; code: string }[]; alreadyImported?: boolean; import?: Item; detail?: string } };
}
test('bad bundles are refused with a 4xx naming the file, and nothing is written', async () => {
  C = await startTestPlatform();
  const db = C.database;
  // Mario on C already has a record (same tax code, another e-mail); another person has another tax code; a third
  // account has no record at all (and is the one the bad bundles are tried on).
  const [pa] = data(filesA, 'profile');
  const [person] = await queryRows<{ id: string }>(db.db, sql`INSERT INTO people (kind, given_name, family_name, codice_fiscale, email)
    VALUES ('natural', 'Mario', 'Rossi', ${pa?.codice_fiscale as string}, 'mario@altrove.it') RETURNING id`);
  const mid = await account(db, f.accounts.member.email, 'Mario Rossi');
  await db.db.execute(sql`UPDATE accounts SET person_id = ${person?.id as string} WHERE id = ${mid}`);
  await account(db, 'fresh@example.it', 'Nuovo');
  await account(db, 'other@example.it', 'Altro');
  cMario = await C.signIn(f.accounts.member.email, PASSWORD);
  cFresh = await C.signIn('fresh@example.it', PASSWORD);
  cOther = await C.signIn('other@example.it', PASSWORD);
  const [otherPerson] = await queryRows<{ id: string }>(db.db, sql`INSERT INTO people (kind, given_name, family_name, codice_fiscale) VALUES ('natural', 'Altro', 'Socio', 'SCALTR80A01A944X') RETURNING id`);
  await db.db.execute(sql`UPDATE accounts SET person_id = ${otherPerson?.id as string} WHERE email = 'other@example.it'`);
  // Nothing written means no import rows, no audit entry, and no record created for the account without one.
  const [{ people: baseline } = { people: 0 }] = await queryRows<{ people: number }>(db.db, sql`SELECT count(*)::int AS people FROM people`);

  const files = unzipSync(bundleB());
  const check = async (label: string, zip: Uint8Array, status: number, field: RegExp, contentType?: string) => {
    const r = await cUpload(cFresh, zip, contentType);
    assert.equal(r.status, status, `${label}: ${JSON.stringify(r.body)}`);
    assert.match(r.type, /application\/problem\+json/, label);
    assert.ok(r.body.errors?.some((e) => field.test(e.field)), `${label}: ${JSON.stringify(r.body.errors)}`);
    const [n] = await queryRows<{ imports: number; ext: number; rec: number; people: number; audits: number }>(db.db, sql`
      SELECT (SELECT count(*)::int FROM privacy_imports) AS imports, (SELECT count(*)::int FROM privacy_external_memberships) AS ext,
             (SELECT count(*)::int FROM privacy_imported_records) AS rec, (SELECT count(*)::int FROM people) AS people,
             (SELECT count(*)::int FROM audit_log WHERE action = 'privacy.import') AS audits`);
    assert.deepEqual(n, { imports: 0, ext: 0, rec: 0, people: baseline, audits: 0 }, `${label}: nothing written`);
  };

  // A changed byte in a data file: its hash no longer matches the manifest.
  const tampered: Files = { ...files };
  const prof = new TextDecoder().decode(files['data/profile.json']).replace('"Rossi"', '"Russo"');
  tampered['data/profile.json'] = strToU8(prof);
  await check('tampered', zipSync(tampered), 422, /^file\/data\/profile\.json$/);
  // Hashes recomputed, but a value of the wrong type: the data file fails its JSON Schema.
  await check('schema-invalid', rebuild(files, (x) => editJson(x, 'data/external-memberships.json', (d) => { (d.items[0] as Item).shares_count = 'quattro'; })), 422, /^file\/data\/external-memberships\.json\/items\/0\/shares_count$/);
  // Not a ZIP at all.
  await check('not a zip', strToU8('name;surname\nMario;Rossi\n'), 415, /^file$/, 'text/csv');
  // An entry that inflates past the cap (a zip bomb in miniature: 33 MiB of zeros, a few KB compressed).
  await check('oversized entry', zipSync({ ...files, 'data/huge.json': new Uint8Array(33 * 1024 * 1024) }, { level: 1 }), 413, /^file\/data\/huge\.json$/);
  // Another format version.
  await check('version', rebuild(files, (x) => {
    const m = JSON.parse(new TextDecoder().decode(x['manifest.json'])) as Item;
    m.formatVersion = 2;
    x['manifest.json'] = strToU8(JSON.stringify(m));
  }), 422, /^file\/manifest\.json\/formatVersion$/);
  // A problem found late (after the profile was created in the transaction): everything rolls back.
  await check('late failure', rebuild(files, (x) => editJson(x, 'data/imported-records.json', (d) => { (d.items[0] as Item).section = 'Not a section'; })), 422, /^file\/data\/imported-records\.json\/items\/0\/section$/);
  // Someone else's copy (another tax code than the account's record): refused.
  const r = await cUpload(cOther, bundleB(), undefined);
  assert.equal(r.status, 409, JSON.stringify(r.body));
  assert.equal(r.body.errors?.[0]?.field, 'file/data/profile.json/items/0/codice_fiscale');
});

test('B → C, the second move: the external memberships keep their origin (A) and credential, the history its rows; conflicts are reported, not overwritten', async () => {
  const r = await cUpload(cMario, bundleB());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const report = r.body.import as { sourceUrl: string; conflicts: { field: string; reason: string; current: string; imported: string }[]; profileFilled: string[] };
  assert.equal(report.sourceUrl, B.url);
  // C's record had another e-mail: kept, reported; the empty fields were filled.
  assert.deepEqual(report.conflicts.map((c) => [c.field, c.reason, c.current]), [['email', 'different-value', 'mario@altrove.it']]);
  assert.ok(report.profileFilled.includes('birth_date') && report.profileFilled.includes('comune'));

  const res = await C.app.inject({ method: 'GET', url: '/api/v1/me/data-export', headers: cMario });
  assert.equal(res.statusCode, 200);
  const filesC = unzipSync(new Uint8Array(res.rawPayload));
  const [pa] = data(filesA, 'profile');
  const [pc] = data(filesC, 'profile');
  for (const k of PROFILE) if (k !== 'email') assert.deepEqual(pc?.[k], pa?.[k], `profile.${k}`);
  assert.equal(pc?.email, 'mario@altrove.it');

  const strip = (e: Item) => Object.fromEntries(Object.entries(e).filter(([k]) => !['id', 'import_id', 'account_id'].includes(k)));
  const extB = data(filesB, 'external-memberships').map(strip);
  const extC = data(filesC, 'external-memberships').map(strip);
  assert.equal(extC.length, extB.length);
  for (const e of extB) assert.ok(extC.some((x) => JSON.stringify(sortKeys(x)) === JSON.stringify(sortKeys(e))), `external membership ${String(e.origin_membership_id)} unchanged`);
  assert.ok(extC.every((e) => e.origin_url === A.url));

  const recB = data(filesB, 'imported-records');
  const recC = data(filesC, 'imported-records');
  for (const rb of recB) {
    assert.ok(recC.some((rc) => rc.section === rb.section && rc.origin_url === rb.origin_url && JSON.stringify(sortKeys(rc.data)) === JSON.stringify(sortKeys(rb.data))), `record ${String(rb.section)} kept with its origin`);
  }
  // B's own summary of the first import travels as a record from B.
  assert.ok(recC.some((rc) => rc.section === 'imports' && rc.origin_url === B.url && (rc.data as Item).source_url === A.url));
});

test('removing an import removes its memberships and history (and is audited)', async () => {
  const id = (importedB.import as { id: string }).id;
  assert.equal((await marioB.json('DELETE', `/api/v1/me/imported/${id}`)).status, 204);
  assert.deepEqual((await marioB.json('GET', '/api/v1/me/imported')).body.items, []);
  const after = unzipSync(await marioB.download());
  assert.equal(data(after, 'external-memberships').length, 0);
  assert.equal(data(after, 'imported-records').length, 0);
  assert.ok(data(after, 'audit-log').some((e) => e.action === 'privacy.import.delete'));
  assert.equal((await marioB.json('DELETE', `/api/v1/me/imported/${id}`)).status, 404);
});
