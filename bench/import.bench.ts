// Import benchmark: a generated members' register CSV (Italian format) through the real importer in commit mode,
// beside the floor of this database — a raw COPY of the same file's rows into a plain table of text columns.
// Both on a fresh scratch database, in the same run; the ratio is importer rows/s ÷ COPY rows/s.
import { createReadStream, statSync } from 'node:fs';
import type { Database } from '../src/core/db.ts';
import { computeCompanyCheckDigit } from '../src/modules/registry/domain/index.ts';
import { CSV_HEADER } from './lib/csv.ts';
import { ratio } from './lib/stats.ts';
import { runImporter, type ImporterRun } from './lib/importer.ts';

export interface ImportResult {
  rows: number;
  csvBytes: number;
  importer: { seconds: number; rowsPerSecond: number; report: ImporterRun['summary'] };
  copy: { seconds: number; rowsPerSecond: number; rows: number };
  /** importer rows/s ÷ COPY rows/s (goal ≥ 0.5). */
  ratio: number | null;
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
  log('  importer (commit mode) …');
  const run = await runImporter(database, { path: o.csvPath, cooperativeId: target.coopId, rows: o.rows, log });
  const { rows: after } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE cooperative_id = $1', [target.coopId]);
  const importerRps = o.rows / run.seconds;
  const copyRps = copy.rows / copy.seconds;
  const r = ratio(importerRps, copyRps);
  return {
    rows: o.rows,
    csvBytes,
    importer: { seconds: run.seconds, rowsPerSecond: importerRps, report: run.summary },
    copy: { seconds: copy.seconds, rowsPerSecond: copyRps, rows: copy.rows },
    ratio: r,
    goal,
    goalMet: r !== null && r >= goal,
    membersAfter: after[0]?.n ?? 0,
  };
}
