// `cooperando import members|cooperatives FILE`: the same import as the web app, run by an operator (no scope
// limits). Shows a progress bar with rows/s on a terminal, prints the report (the first 50 errors and the counts),
// writes every rejected row to --report FILE.csv, and exits 0 (no row rejected), 1 (some rejected) or 2 (the
// file as a whole was refused, or the co-op is unknown).
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db.ts';
import { ProblemError } from '../core/errors.ts';
import { t, type Locale } from '../core/i18n.ts';
import { importFile, findCooperative, SYSTEM_ACTOR, type ImportIssue, type ImportReport } from '../modules/registry/import/importer.ts';
import type { ImportKind } from '../modules/registry/import/columns.ts';
import { csvField } from '../modules/registry/export/writers.ts';

type Opener = () => Promise<{ database: Database; config: Config; close(): Promise<void> }>;

export interface ImportCliOptions {
  coop?: string;
  dryRun?: boolean;
  locale?: string;
  report?: string;
  json?: boolean;
  batchSize?: string;
}

const SHOWN_ERRORS = 50;

const WORDS: Record<Locale, Record<string, string>> = {
  it: {
    dry: 'Prova (nessuna modifica salvata)',
    commit: 'Importazione',
    rows: 'righe',
    total: 'Righe lette',
    valid: 'Valide',
    rejected: 'Scartate',
    inserted: 'Nuove',
    updated: 'Modificate',
    unchanged: 'Invariate',
    errors: 'Errori',
    row: 'riga',
    more: 'altri errori: vedi --report',
    file: 'File rifiutato',
    unknownCoop: 'Cooperativa sconosciuta',
    reportHeader: 'Riga;Colonna;Valore;Codice;Motivo',
  },
  en: {
    dry: 'Dry run (nothing saved)',
    commit: 'Import',
    rows: 'rows',
    total: 'Rows read',
    valid: 'Valid',
    rejected: 'Rejected',
    inserted: 'New',
    updated: 'Changed',
    unchanged: 'Unchanged',
    errors: 'Errors',
    row: 'row',
    more: 'more errors: see --report',
    file: 'File refused',
    unknownCoop: 'Unknown cooperative',
    reportHeader: 'Row;Column;Value;Code;Reason',
  },
};

function localeOf(given: string | undefined): Locale {
  if (given === 'it' || given === 'en') return given;
  return (process.env.LC_ALL ?? process.env.LANG ?? 'it').toLowerCase().startsWith('en') ? 'en' : 'it';
}

function describeProblem(err: ProblemError, locale: Locale): string {
  const parts = err.fields.length ? err.fields.map((f) => t(locale, f.code, f.params)) : [t(locale, err.detailKey ?? err.titleKey, err.detailParams)];
  return [...new Set(parts)].join('; ');
}

export function formatReport(r: ImportReport, locale: Locale): string {
  const w = WORDS[locale];
  const lines = [
    `${r.mode === 'dry-run' ? w.dry : w.commit}: ${r.kind} — ${r.format.toUpperCase()}${r.format === 'csv' ? ` (${r.encoding}, "${r.delimiter === '\t' ? '\\t' : r.delimiter}")` : ''}`,
    `${w.total}: ${r.totalRows}   ${w.valid}: ${r.validRows}   ${w.rejected}: ${r.rejectedRows}`,
    `${w.inserted}: ${r.inserted}   ${w.updated}: ${r.updated}   ${w.unchanged}: ${r.unchanged}`,
  ];
  for (const warning of r.warnings) lines.push(`! ${warning.column ? `"${warning.column}": ` : ''}${warning.reason}`);
  if (r.errors.length) {
    lines.push(`${w.errors}:`);
    for (const e of r.errors.slice(0, SHOWN_ERRORS)) lines.push(`  ${describeIssue(e, locale)}`);
    const more = r.errors.length - SHOWN_ERRORS + (r.truncated ? 1 : 0);
    if (more > 0) lines.push(`  … ${r.truncated ? '' : more + ' '}${w.more}`);
  }
  return lines.join('\n') + '\n';
}

function describeIssue(e: ImportIssue, locale: Locale): string {
  const where = [e.row !== null ? `${WORDS[locale].row} ${e.row}` : null, e.column, e.value !== null ? `"${e.value}"` : null].filter(Boolean).join(', ');
  return `${where}: ${e.reason}`;
}

async function runImport(open: Opener, kind: ImportKind, file: string, opts: ImportCliOptions): Promise<void> {
  const locale = localeOf(opts.locale);
  const w = WORDS[locale];
  const { database, close } = await open();
  let report: WriteStream | null = null;
  try {
    let cooperativeId: string | undefined;
    if (kind === 'members') {
      const coop = opts.coop ? await findCooperative(database, opts.coop.trim()) : null;
      if (!coop) {
        process.stderr.write(`${w.unknownCoop}: ${opts.coop ?? ''}\n`);
        process.exitCode = 2;
        return;
      }
      cooperativeId = coop.id;
    }
    if (opts.report) {
      report = createWriteStream(opts.report);
      report.write(`\uFEFF${w.reportHeader}\r\n`);
    }
    const reportStream = report;
    const tty = Boolean(process.stderr.isTTY) && !opts.json;
    const bar = tty
      ? new cliProgress.SingleBar(
          { format: '{bar} {percentage}% | {rows} ' + w.rows + ' | {speed} ' + w.rows + '/s | ETA {eta_formatted}', hideCursor: true, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : null;
    const started = Date.now();
    bar?.start(1, 0, { rows: 0, speed: 0 });
    let result: ImportReport;
    try {
      result = await importFile(database, {
        kind,
        path: file,
        mode: opts.dryRun ? 'dry-run' : 'commit',
        ...(cooperativeId ? { cooperativeId } : {}),
        actor: SYSTEM_ACTOR,
        locale,
        ...(opts.batchSize ? { batchSize: Number(opts.batchSize) } : {}),
        onProgress: (rows, bytes) => {
          if (!bar) return;
          const seconds = Math.max(0.001, (Date.now() - started) / 1000);
          bar.setTotal(Math.max(1, bytes.total));
          bar.update(bytes.read, { rows, speed: Math.round(rows / seconds) });
        },
        onRowError: (e) => {
          reportStream?.write([e.row ?? '', e.column ?? '', e.value ?? '', e.code, e.reason].map((x) => csvField(String(x))).join(';') + '\r\n');
        },
      });
    } finally {
      bar?.stop();
    }
    process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : formatReport(result, locale));
    process.exitCode = result.rejectedRows > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof ProblemError && err.status < 500) {
      process.stderr.write(`${w.file}: ${describeProblem(err, locale)}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  } finally {
    if (report) await new Promise<void>((resolve) => (report as WriteStream).end(resolve));
    await close();
  }
}

export function registerImportCommand(program: Command, open: Opener): void {
  const cmd = program.command('import').description('import co-ops or the members of a co-op from a CSV or XLSX file');
  const common = (c: Command) =>
    c
      .option('--dry-run', 'check everything, save nothing')
      .option('--locale <locale>', 'language of the report: it or en')
      .option('--report <file.csv>', 'write every rejected row to this CSV file')
      .option('--json', 'print the report as JSON')
      .option('--batch-size <rows>', 'rows per transaction (default 5000)');
  common(
    cmd
      .command('members')
      .description('import the libro soci of one co-op (people upserted by codice fiscale, memberships by register number)')
      .argument('<file>', 'CSV (UTF-8 or Latin-1, ";" "," or tab) or XLSX')
      .requiredOption('--coop <id|codice fiscale>', 'the co-op: its id or its codice fiscale'),
  ).action((file: string, opts: ImportCliOptions) => runImport(open, 'members', file, opts));
  common(
    cmd
      .command('cooperatives')
      .description('import co-ops (upserted by codice fiscale)')
      .argument('<file>', 'CSV (UTF-8 or Latin-1, ";" "," or tab) or XLSX'),
  ).action((file: string, opts: ImportCliOptions) => runImport(open, 'cooperatives', file, opts));
}
