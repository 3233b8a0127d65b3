// `cooperando export members|cooperatives`: the same CSV/XLSX exports as the web app, for an operator (all
// co-ops), written to --out FILE or to standard output.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db.ts';
import { exportCooperatives, exportMembers, type ExportFormat } from '../modules/registry/export/exporter.ts';
import { findCooperative } from '../modules/registry/import/importer.ts';

type Opener = () => Promise<{ database: Database; config: Config; close(): Promise<void> }>;

interface CommonOptions {
  format?: string;
  out?: string;
  q?: string;
}

function formatOf(opts: CommonOptions): ExportFormat | null {
  const f = (opts.format ?? (opts.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv')).toLowerCase();
  return f === 'csv' || f === 'xlsx' ? f : null;
}

async function run(open: Opener, opts: CommonOptions, fn: (database: Database, format: ExportFormat, out: Writable) => Promise<boolean>): Promise<void> {
  const format = formatOf(opts);
  if (!format) {
    process.stderr.write(`--format must be csv or xlsx\n`);
    process.exitCode = 2;
    return;
  }
  if (format === 'xlsx' && !opts.out && process.stdout.isTTY) {
    process.stderr.write('an XLSX file is binary: give --out FILE\n');
    process.exitCode = 2;
    return;
  }
  const { database, close } = await open();
  try {
    const out = opts.out ? createWriteStream(opts.out) : process.stdout;
    const ok = await fn(database, format, out);
    if (!ok) process.exitCode = 2;
  } finally {
    await close();
  }
}

export function registerExportCommand(program: Command, open: Opener): void {
  const cmd = program.command('export').description('export the register of a co-op or the list of co-ops as CSV or XLSX');

  cmd
    .command('members')
    .description('export the libro soci of one co-op')
    .requiredOption('--coop <id|codice fiscale>', 'the co-op: its id or its codice fiscale')
    .option('--format <format>', 'csv or xlsx (default: from --out, else csv)')
    .option('--out <file>', 'output file (default: standard output)')
    .option('--q <text>', 'name, codice fiscale or register number')
    .option('--member-type <type>', 'only this member type (lavoratore, utente, …)')
    .option('--status <status>', 'active, exited or all (default active)')
    .option('--as-of <date>', 'the register as it was on this date (yyyy-mm-dd)')
    .action((opts: CommonOptions & { coop: string; memberType?: string; status?: string; asOf?: string }) =>
      run(open, opts, async (database, format, out) => {
        const coop = await findCooperative(database, opts.coop.trim());
        if (!coop) {
          process.stderr.write(`unknown cooperative: ${opts.coop}\n`);
          return false;
        }
        if (opts.status && !['active', 'exited', 'all'].includes(opts.status)) {
          process.stderr.write('--status must be active, exited or all\n');
          return false;
        }
        if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) {
          process.stderr.write('--as-of must be a date yyyy-mm-dd\n');
          return false;
        }
        await exportMembers(
          database,
          coop.id,
          { q: opts.q, memberType: opts.memberType, status: opts.status as 'active' | 'exited' | 'all' | undefined, asOf: opts.asOf },
          format,
          out,
        );
        return true;
      }),
    );

  cmd
    .command('cooperatives')
    .description('export the list of co-ops')
    .option('--format <format>', 'csv or xlsx (default: from --out, else csv)')
    .option('--out <file>', 'output file (default: standard output)')
    .option('--q <text>', 'name, codice fiscale or Albo number')
    .option('--province <code>', 'province code, e.g. BO')
    .option('--category <code>', 'Albo category code, e.g. sociali')
    .option('--status <status>', 'active, liquidation or struck_off')
    .option('--organisation <id>', 'only co-ops under this organisation')
    .action((opts: CommonOptions & { province?: string; category?: string; status?: string; organisation?: string }) =>
      run(open, opts, async (database, format, out) => {
        if (opts.status && !['active', 'liquidation', 'struck_off'].includes(opts.status)) {
          process.stderr.write('--status must be active, liquidation or struck_off\n');
          return false;
        }
        if (opts.organisation && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.organisation)) {
          process.stderr.write('--organisation must be an organisation id\n');
          return false;
        }
        await exportCooperatives(
          database,
          null,
          {
            q: opts.q,
            province: opts.province?.toUpperCase(),
            category: opts.category,
            status: opts.status as 'active' | 'liquidation' | 'struck_off' | undefined,
            organisationId: opts.organisation,
          },
          format,
          out,
        );
        return true;
      }),
    );
}
