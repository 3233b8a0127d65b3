// `cooperando import` / `cooperando export` as child processes on the configured backend: exit codes 0/1/2,
// the printed report, the --report file with every rejected row, and the export files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { openDatabase, type Database } from '../../../src/core/db.ts';
import { migrate } from '../../../src/core/migrations.ts';
import { freshDatabase, type TestDatabase } from '../../support/database.ts';
import { seedFederation, memberRow, MEMBER_HEADER_IT, csvLine, TempDir, companyCode, type Federation } from './helpers.ts';

const dir = new TempDir();
let pg: TestDatabase | undefined;
let fed: Federation;
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir.path, LOG_LEVEL: 'silent', LANG: 'it_IT.UTF-8' };
delete env.DATABASE_URL;

/** Runs fn on the CLI's database (PGlite in DATA_DIR allows one process at a time, so it is closed after). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (pg) return fn(pg.database);
  const db = await openDatabase({ dataDir: dir.path });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

before(async () => {
  if (process.env.TEST_DATABASE_URL) {
    pg = await freshDatabase();
    env.DATABASE_URL = pg.url;
  }
  fed = await withDb((db) => seedFederation(db));
});
after(async () => {
  await pg?.close();
  dir.remove();
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', ...args], { env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const coopCode = companyCode(1); // the co-op seeded by seedFederation

test('import members: exit 1 with rejected rows, the report on stdout and every rejected row in --report', () => {
  const rows = [csvLine(MEMBER_HEADER_IT)];
  for (let i = 0; i < 60; i++) rows.push(csvLine(i < 55 ? memberRow(i) : [...memberRow(i)].map((c, k) => (MEMBER_HEADER_IT[k] === 'Data ammissione' ? '31/02/2021' : c))));
  const file = dir.file('soci.csv', rows.join('\r\n'));
  const report = `${dir.path}/scarti.csv`;
  const r = cli('import', 'members', '--coop', coopCode, file, '--report', report);
  assert.equal(r.code, 1, r.err + r.out);
  assert.match(r.out, /Righe lette: 60 {3}Valide: 55 {3}Scartate: 5/);
  assert.match(r.out, /Nuove: 55/);
  assert.match(r.out, /riga 57, Data ammissione, "31\/02\/2021": Data non valida/);
  const text = readFileSync(report, 'utf8');
  assert.ok(text.startsWith('\uFEFFRiga;Colonna;Valore;Codice;Motivo\r\n'));
  const lines = text.trim().split('\r\n');
  assert.equal(lines.length, 6);
  assert.match(lines[1] ?? '', /^57;Data ammissione;31\/02\/2021;import\.value\.date;/);
});

test('import members: exit 0 when nothing is rejected (re-import, English, by co-op id); exit 2 on a file-level error or an unknown co-op', () => {
  const file = dir.file('soci-ok.csv', [csvLine(MEMBER_HEADER_IT), ...Array.from({ length: 5 }, (_, i) => csvLine(memberRow(i)))].join('\n'));
  const r = cli('import', 'members', '--coop', fed.coopId, file, '--locale', 'en');
  assert.equal(r.code, 0, r.err + r.out);
  assert.match(r.out, /Unchanged: 5/);
  const json = cli('import', 'members', '--coop', coopCode, file, '--dry-run', '--json');
  assert.equal(json.code, 0);
  assert.equal(JSON.parse(json.out).unchanged, 5);

  const headerOnly = dir.file('vuoto.csv', csvLine(MEMBER_HEADER_IT) + '\n');
  const h = cli('import', 'members', '--coop', coopCode, headerOnly);
  assert.equal(h.code, 2);
  assert.match(h.err, /solo l’intestazione/);
  const missing = cli('import', 'members', '--coop', coopCode, dir.file('x.csv', 'Nome;Cognome\nA;B\n'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /Numero socio/);
  assert.equal(cli('import', 'members', '--coop', '00000000000', file).code, 2);
});

test('export members and co-ops, then import the co-ops export: nothing changes', () => {
  const csv = `${dir.path}/libro.csv`;
  const e = cli('export', 'members', '--coop', coopCode, '--out', csv, '--status', 'all');
  assert.equal(e.code, 0, e.err);
  const text = readFileSync(csv, 'utf8');
  assert.ok(text.startsWith('\uFEFFNumero socio;'));
  assert.equal(text.trim().split('\r\n').length, 56, 'header + the 55 members imported');
  const xlsx = `${dir.path}/coop.xlsx`;
  assert.equal(cli('export', 'cooperatives', '--out', xlsx).code, 0);
  assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
  const back = cli('import', 'cooperatives', xlsx);
  assert.equal(back.code, 0, back.err + back.out);
  assert.match(back.out, /Invariate: 2/);
  assert.equal(cli('export', 'members', '--coop', coopCode, '--format', 'pdf').code, 2);
});
