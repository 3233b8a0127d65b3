// Import benchmark: a generated members' register CSV (Italian format) through the real importer in commit mode,
// beside two raw COPY baselines measured in the same run on the same database:
//   - the same rows COPYed into the register's own tables (people, memberships: the same indexes, constraints and
//     foreign keys the importer writes through) from files prepared beforehand — what `psql \copy` of already
//     cleaned data costs, the floor for loading this register;
//   - the file COPYed into a plain table of text columns with no index — the floor of the database itself.
// The ratios are importer rows/s ÷ each baseline's rows/s.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/core/db.ts';
import { computeCompanyCheckDigit } from '../src/modules/registry/domain/index.ts';
import { CSV_HEADER } from './lib/csv.ts';
import { ratio } from './lib/stats.ts';
import { runImporter, type ImporterRun } from './lib/importer.ts';
import { openSource } from '../src/modules/registry/import/importer.ts';
import { mapColumns, type ColumnMapping, type MemberColumnKey } from '../src/modules/registry/import/columns.ts';
import { validateMemberRow } from '../src/modules/registry/import/rows.ts';
import { copyText } from '../src/modules/registry/import/staging.ts';

export interface ImportResult {
  rows: number;
  csvBytes: number;
  importer: { seconds: number; rowsPerSecond: number; report: ImporterRun['summary'] };
  /** Raw COPY of the file into an unindexed table of text columns. */
  copy: { seconds: number; rowsPerSecond: number; rows: number };
  /** Raw COPY of the same people and memberships into the register's tables. */
  registerCopy: { seconds: number; rowsPerSecond: number; rows: number };
  /** importer rows/s ÷ register COPY rows/s (goal ≥ 0.5). */
  ratio: number | null;
  /** importer rows/s ÷ plain-table COPY rows/s. */
  ratioPlain: number | null;
  goal: number;
  goalMet: boolean;
  /** Members in the target co-op after the import (should equal `rows`). */
  membersAfter: number;
}

/** A minimal federation (alliance → national → regional → territorial) and one co-op to import into. */
export async function createImportTarget(database: Database): Promise<{ coopId: string; territorialId: string }> {
  const org = async (kind: string, name: string, parent: string | null): Promise<string> => {
    const { rows } = await database.query<{ id: string }>('INSERT INTO organisations (kind, name, parent_id) VALUES ($1, $2, $3) RETURNING id', [kind, name, parent]);
    const id = rows[0]?.id;
    if (!id) throw new Error('organisation not created');
    return id;
  };
  const alliance = await org('alliance', 'Alleanza delle Cooperative Italiane (bench)', null);
  const national = await org('national', 'Legacoop Nazionale (bench)', alliance);
  const regional = await org('regional', 'Legacoop Emilia-Romagna (bench)', national);
  const territorialId = await org('territorial', 'Legacoop Bologna (bench)', regional);
  const coopId = await org('cooperative', 'Cooperativa Importazione Massiva', territorialId);
  const first10 = '0912345678';
  await database.query(
    `INSERT INTO cooperatives (organisation_id, codice_fiscale, albo_number, albo_section, albo_category, legal_model, comune, province, region, founded_on, status)
     VALUES ($1, $2, 'A999001', 'mutualita_prevalente', 'consumo', 'spa', 'Bologna', 'BO', 'Emilia-Romagna', '1975-01-01', 'active')`,
    [coopId, first10 + computeCompanyCheckDigit(first10)],
  );
  return { coopId, territorialId };
}

/** COPY of the CSV's rows (header skipped) into a plain table with one text column per CSV column, in one transaction. */
export async function rawCopy(database: Database, path: string): Promise<{ seconds: number; rows: number }> {
  const cols = CSV_HEADER.map((_, i) => `c${i + 1}`);
  await database.query('DROP TABLE IF EXISTS bench_copy_baseline');
  await database.query(`CREATE TABLE bench_copy_baseline (${cols.map((c) => `${c} text`).join(', ')})`);
  const copySql = `COPY bench_copy_baseline (${cols.join(', ')}) FROM STDIN WITH (FORMAT csv, DELIMITER ';')`;
  const t0 = performance.now();
  await database.rawTransaction(async (tx) => {
    let carry = '';
    let header = true;
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 8 << 20 }) as AsyncIterable<string>) {
      let text = carry + chunk;
      if (header) {
        const nl = text.indexOf('\n');
        if (nl < 0) {
          carry = text;
          continue;
        }
        text = text.slice(nl + 1);
        header = false;
      }
      const last = text.lastIndexOf('\n');
      if (last < 0) {
        carry = text;
        continue;
      }
      carry = text.slice(last + 1);
      await tx.copyFrom(copySql, text.slice(0, last + 1));
    }
    if (carry.trim()) await tx.copyFrom(copySql, carry + '\n');
  });
  const seconds = (performance.now() - t0) / 1000;
  const { rows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_copy_baseline');
  const n = rows[0]?.n ?? 0;
  await database.query('DROP TABLE bench_copy_baseline');
  return { seconds, rows: n };
}

const PEOPLE_COPY = 'COPY people (id, kind, codice_fiscale, given_name, family_name, legal_name, gender, birth_date, email, phone, comune, province) FROM STDIN WITH (FORMAT csv)';
const MEMBERSHIPS_COPY =
  'COPY memberships (cooperative_id, person_id, register_number, member_types, applied_on, admitted_on, registered_on, shares_count, share_nominal_cents, subscribed_cents, paid_cents, exit_kind, exit_on, exit_reason) FROM STDIN WITH (FORMAT csv)';

/**
 * Untimed preparation: the file's rows read and checked by the importer's own row validation (so the baseline
 * loads exactly the values the importer writes), written as two COPY files with person ids assigned up front.
 */
async function prepareRegisterCopy(path: string, cooperativeId: string, dir: string): Promise<{ people: string; memberships: string; rows: number }> {
  const source = await openSource(path);
  const mapping = mapColumns<string>('members', source.header) as ColumnMapping<MemberColumnKey>;
  const files = { people: join(dir, 'people.csv'), memberships: join(dir, 'memberships.csv') };
  const out = { people: createWriteStream(files.people), memberships: createWriteStream(files.memberships) };
  const write = async (w: typeof out.people, text: string) => {
    if (!w.write(text)) await once(w, 'drain');
  };
  let rows = 0;
  let people: (string | number | null | readonly string[])[][] = [];
  let members: (string | number | null | readonly string[])[][] = [];
  const flush = async () => {
    await write(out.people, copyText(people));
    await write(out.memberships, copyText(members));
    people = [];
    members = [];
  };
  try {
    for await (const item of source.rows) {
      if (!('cells' in item)) throw new Error(`malformed CSV row ${item.row}`);
      const res = validateMemberRow(item, mapping, { cooperativeCategory: 'consumo' });
      if (!res.ok) throw new Error(`row ${item.row} rejected: ${res.errors[0]?.code}`);
      const r = res.record;
      const id = randomUUID();
      people.push([id, r.kind, r.codiceFiscale, r.givenName, r.familyName, r.legalName, r.gender, r.birthDate, r.email, r.phone, r.comune, r.province]);
      members.push([cooperativeId, id, r.registerNumber, r.memberTypes, r.appliedOn, r.admittedOn, r.registeredOn ?? r.admittedOn, r.sharesCount ?? 0,
        r.shareNominalCents ?? 2500, r.subscribedCents ?? 0, r.paidCents ?? 0, r.exitKind, r.exitOn, r.exitReason]);
      rows++;
      if (people.length >= 20_000) await flush();
    }
    if (people.length) await flush();
  } finally {
    await source.close();
    out.people.end();
    out.memberships.end();
    await Promise.all([once(out.people, 'close'), once(out.memberships, 'close')]);
  }
  return { ...files, rows };
}

async function copyFile(tx: Parameters<Parameters<Database['rawTransaction']>[0]>[0], copySql: string, path: string): Promise<void> {
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 8 << 20 }) as AsyncIterable<string>) {
    const text = carry + chunk;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(last + 1);
    await tx.copyFrom(copySql, text.slice(0, last + 1));
  }
  if (carry) await tx.copyFrom(copySql, carry + '\n');
}

/** COPY of the prepared people and memberships into the register's tables, in one transaction; then emptied again. */
export async function registerCopy(database: Database, path: string, cooperativeId: string, log: (msg: string) => void): Promise<{ seconds: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-bench-copy-'));
  try {
    log('  preparing the COPY files (untimed) …');
    const files = await prepareRegisterCopy(path, cooperativeId, dir);
    const t0 = performance.now();
    await database.rawTransaction(async (tx) => {
      await copyFile(tx, PEOPLE_COPY, files.people);
      await copyFile(tx, MEMBERSHIPS_COPY, files.memberships);
    });
    const seconds = (performance.now() - t0) / 1000;
    const { rows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE cooperative_id = $1', [cooperativeId]);
    // The importer then starts from the same empty register the baseline had.
    await database.query('TRUNCATE memberships, people CASCADE');
    return { seconds, rows: rows[0]?.n ?? 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImportBenchOptions {
  csvPath: string;
  rows: number;
  goal?: number;
  log?: (msg: string) => void;
}

export async function benchImport(database: Database, o: ImportBenchOptions): Promise<ImportResult> {
  const log = o.log ?? (() => {});
  const goal = o.goal ?? 0.5;
  const csvBytes = statSync(o.csvPath).size;
  log('  raw COPY baseline …');
  const copy = await rawCopy(database, o.csvPath);
  if (copy.rows !== o.rows) throw new Error(`COPY baseline loaded ${copy.rows} rows, expected ${o.rows}`);
  log(`  raw COPY: ${copy.rows} rows in ${copy.seconds.toFixed(1)} s`);
  const target = await createImportTarget(database);
  log('  raw COPY into the register tables …');
  const reg = await registerCopy(database, o.csvPath, target.coopId, log);
  if (reg.rows !== o.rows) throw new Error(`register COPY loaded ${reg.rows} rows, expected ${o.rows}`);
  log(`  register COPY: ${reg.rows} rows in ${reg.seconds.toFixed(1)} s`);
  log('  importer (commit mode) …');
  const run = await runImporter(database, { path: o.csvPath, cooperativeId: target.coopId, rows: o.rows, log });
  const { rows: after } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE cooperative_id = $1', [target.coopId]);
  const importerRps = o.rows / run.seconds;
  const copyRps = copy.rows / copy.seconds;
  const registerRps = reg.rows / reg.seconds;
  const r = ratio(importerRps, registerRps);
  return {
    rows: o.rows,
    csvBytes,
    importer: { seconds: run.seconds, rowsPerSecond: importerRps, report: run.summary },
    copy: { seconds: copy.seconds, rowsPerSecond: copyRps, rows: copy.rows },
    registerCopy: { seconds: reg.seconds, rowsPerSecond: registerRps, rows: reg.rows },
    ratio: r,
    ratioPlain: ratio(importerRps, copyRps),
    goal,
    goalMet: r !== null && r >= goal,
    membersAfter: after[0]?.n ?? 0,
  };
}
