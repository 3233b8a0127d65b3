// Adapter around the registry's streaming importer (`importFile` in src/modules/registry/import/): one members' CSV
// in commit mode into a co-op, as the platform operator, with progress on the log; returns the wall time and the
// importer's own counts.
import type { Database } from '../../src/core/db.ts';
import { importFile } from '../../src/modules/registry/import/importer.ts';

export interface ImporterSummary {
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  /** The first few rejected rows (code and column), to explain a ratio that looks wrong. */
  firstErrors: { row: number | null; column: string | null; code: string }[];
  durationMs: number;
  /** Rows done against seconds elapsed, about every 10 s (shows whether the rate holds as the register grows). */
  progress: { s: number; rows: number }[];
}

export interface ImporterRun {
  seconds: number;
  summary: ImporterSummary;
}

export interface ImporterOptions {
  path: string;
  cooperativeId: string;
  rows: number;
  log?: (msg: string) => void;
}

export async function runImporter(database: Database, o: ImporterOptions): Promise<ImporterRun> {
  let last = performance.now();
  const t0 = performance.now();
  const progress: { s: number; rows: number }[] = [];
  const report = await importFile(database, {
    kind: 'members',
    path: o.path,
    mode: 'commit',
    cooperativeId: o.cooperativeId,
    onProgress: (done) => {
      const t = performance.now();
      if (t - last < 10_000) return;
      last = t;
      progress.push({ s: Math.round((t - t0) / 100) / 10, rows: done });
      o.log?.(`  import: ${done.toLocaleString('en')}/${o.rows.toLocaleString('en')} rows (${Math.round(done / ((t - t0) / 1000))} rows/s)`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    summary: {
      totalRows: report.totalRows,
      validRows: report.validRows,
      rejectedRows: report.rejectedRows,
      inserted: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      committed: report.committed,
      firstErrors: report.errors.slice(0, 5).map((e) => ({ row: e.row, column: e.column, code: e.code })),
      durationMs: report.durationMs,
      progress,
    },
  };
}
