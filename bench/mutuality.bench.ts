// Mutuality benchmark on PostgreSQL (standalone: `node bench/mutuality.bench.ts [--quick] [--members N]
// [--entries N] [--pg-url URL]`), in a scratch database it creates and drops:
//   1. one consumer co-op of N members (2.8M by default, the size of the largest Italian consumer co-ops) and E purchase
//      entries for one year (50M by default), generated with generate_series inside PostgreSQL;
//   2. the ristorni of that year computed by the real service path (`computeRun`: set-based aggregation into a
//      temporary table, the rule set's ceiling, members streamed through a cursor into the domain allocator, forms with
//      the 12.5% withholding, allocation rows written with COPY, figures frozen, audit) — goal under 60 s;
//   3. beside it, in the same run and database, a single SQL aggregate over the same entries (SUM per member, the
//      floor any allocation must pay), and the ratio between the two.
// Prints a table and writes bench/results/mutuality.json. `--quick` is 100k members and 2M entries.
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';
import { openScratch, databaseBytes, DEFAULT_PG_URL } from './lib/backend.ts';
import { fmtMs, humanCount, now } from './lib/stats.ts';
import type { Principal } from '../src/core/http.ts';
import type { Database } from '../src/core/db.ts';
import { computeRun, createRun } from '../src/modules/mutuality/index.ts';
import { mutuality } from '../src/modules/mutuality/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface MutualityBenchOptions {
  members: number;
  entries: number;
  pgUrl?: string;
  year?: number;
  log?: (msg: string) => void;
}

/** The members' running totals: built in one pass after the bulk load, and the trigger's cost on a probe insert. */
export interface TotalsFigures {
  buildMs: number;
  probeEntries: number;
  /** The same probe insert without and with the totals trigger. */
  withoutMs: number;
  withMs: number;
}

export interface MutualityBenchResult {
  backend: 'postgres';
  totals: TotalsFigures;
  members: number;
  entries: number;
  year: number;
  setupSeconds: number;
  databaseBytes: number | null;
  /** computeRun end to end, and its phases (ms from the start of the call). */
  allocation: { ms: number; phases: Record<string, number> };
  /** SELECT membership_id, sum(value_cents) … GROUP BY membership_id over the same entries. */
  aggregate: { ms: number; members: number };
  /** allocation ÷ aggregate. */
  ratio: number;
  goalMs: number;
  goalMet: boolean;
  check: { poolCents: number; allocatedCents: number; allocationRows: number; sumOfRows: number; totalsMatchEntries: boolean; consistent: boolean };
}

const operator: Principal = {
  // The operator has no account: the audit log records a null actor (nullable column).
  accountId: null as unknown as string,
  personId: null,
  email: 'bench@cooperando.invalid',
  displayName: 'Benchmark',
  locale: 'it',
  grants: [{ role: 'platform_admin', organisationId: null }],
  sessionIdHash: '',
  csrfToken: '',
};

/** A co-op with `members` memberships and `entries` purchases in `year`, set-based; returns the co-op's id. */
export async function generate(database: Database, members: number, entries: number, year: number, log: (m: string) => void): Promise<{ coopId: string; totals: TotalsFigures }> {
  return database.withSession(async (s) => {
    // Bulk load only: skip the foreign-key checks (the data is consistent by construction).
    await s.query('SET session_replication_role = replica');
    await s.query('SET work_mem = \'256MB\'');
    const { rows: orgs } = await s.query<{ id: string }>(`
      WITH a AS (INSERT INTO organisations (kind, name) VALUES ('alliance', 'Alleanza') RETURNING id),
           t AS (INSERT INTO organisations (kind, name, parent_id) SELECT 'territorial', 'Territoriale', id FROM a RETURNING id)
      INSERT INTO organisations (kind, name, parent_id) SELECT 'cooperative', 'Coop Consumatori Benchmark', id FROM t RETURNING id`);
    const coopId = orgs[0]?.id as string;
    await s.query(`INSERT INTO cooperatives (organisation_id, codice_fiscale, albo_category, province) VALUES ($1, '01234567897', 'consumo', 'BO')`, [coopId]);
    log(`  ${humanCount(members)} people and memberships …`);
    await s.query(`
      INSERT INTO people (kind, given_name, family_name, legal_name, gender)
      SELECT CASE WHEN g % 50 = 0 THEN 'legal' ELSE 'natural' END, 'Nome' || g, 'Socio' || g, CASE WHEN g % 50 = 0 THEN 'Ente ' || g END,
             CASE WHEN g % 50 = 0 THEN NULL WHEN g % 2 = 0 THEN 'F' ELSE 'M' END
        FROM generate_series(1, $1::int) g`, [members]);
    await s.query(`
      INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, shares_count, share_nominal_cents, subscribed_cents, paid_cents)
      SELECT $1, id, row_number() OVER (ORDER BY created_at, id), '{utente}', '2015-01-01', '2015-01-01', 1, 2500, 2500, 2500 FROM people`, [coopId]);
    // The members' running totals (migration 0050) are kept by an insert trigger as entries arrive over the year. A
    // bulk load of a whole year at once builds them in one set-based pass instead (the same rows the trigger would
    // write; checked below), and the trigger's own cost per insert is measured apart, on probe batches.
    await s.query('ALTER TABLE exchange_entries DISABLE TRIGGER exchange_entries_totals');
    const chunk = 5_000_000;
    for (let from = 1; from <= entries; from += chunk) {
      const to = Math.min(entries, from + chunk - 1);
      log(`  entries ${humanCount(from)}–${humanCount(to)} of ${humanCount(entries)} …`);
      // Members drawn by a hash of the entry number (uneven, like real shoppers); values €1–€656; days over the year.
      await s.query(`
        INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, value_cents)
        SELECT $1, m.id, 'purchase', make_date($4::int, 1, 1) + (g % 365)::int, 100 + (hashint8(g * 7) & 65535)
          FROM generate_series($2::bigint, $3::bigint) g
          JOIN memberships m ON m.cooperative_id = $1 AND m.register_number = 1 + ((hashint8(g) & 2147483647) % $5::int)`,
        [coopId, from, to, year, members]);
    }
    // Probe batches in the previous year (outside the run): the same insert without, then with, the trigger.
    const probe = Math.max(1, Math.min(1_000_000, Math.floor(entries / 10)));
    const insertProbe = async (first: number) => {
      const t = now();
      await s.query(`
        INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, value_cents)
        SELECT $1, m.id, 'purchase', make_date($4::int, 1, 1) + (g % 365)::int, 100 + (hashint8(g * 7) & 65535)
          FROM generate_series($2::bigint, $3::bigint) g
          JOIN memberships m ON m.cooperative_id = $1 AND m.register_number = 1 + ((hashint8(g) & 2147483647) % $5::int)`,
        [coopId, entries + first, entries + first + probe - 1, year - 1, members]);
      return now() - t;
    };
    log(`  probe: ${humanCount(probe)} entries without the totals trigger …`);
    const withoutMs = await insertProbe(1);
    log('  members\' running totals, built in one pass …');
    const b0 = now();
    await s.query(`
      INSERT INTO exchange_member_totals (cooperative_id, year, kind, membership_id, grade, value_cents, quantity_milli, entries)
      SELECT cooperative_id, extract(year FROM occurred_on)::int, kind, membership_id, coalesce(grade, ''),
             sum(value_cents), coalesce(sum((quantity * 1000)::bigint), 0), count(*)
        FROM exchange_entries GROUP BY 1, 2, 3, 4, 5`);
    const buildMs = now() - b0;
    await s.query('ALTER TABLE exchange_entries ENABLE ALWAYS TRIGGER exchange_entries_totals');
    log(`  probe: ${humanCount(probe)} entries with the totals trigger …`);
    const withMs = await insertProbe(1 + probe);
    await s.query('SET session_replication_role = DEFAULT');
    log('  ANALYZE …');
    await s.query('ANALYZE people, memberships, exchange_entries, exchange_member_totals');
    return { coopId, totals: { buildMs, probeEntries: probe, withoutMs, withMs } };
  });
}

export async function benchMutuality(o: MutualityBenchOptions): Promise<MutualityBenchResult> {
  const log = o.log ?? (() => {});
  const year = o.year ?? new Date().getUTCFullYear() - 1;
  const s = await openScratch('postgres', 'mutuality', o.pgUrl ?? DEFAULT_PG_URL);
  try {
    const db = s.database.db;
    const t0 = now();
    const { coopId, totals } = await generate(s.database, o.members, o.entries, year, log);
    // The financial statements: A1 with members 80% (members' part = the ledger's total).
    const { rows: tot } = await s.database.query<{ v: number; t: number }>(
      `SELECT (SELECT sum(value_cents)::float8 FROM exchange_entries WHERE cooperative_id = $1 AND occurred_on >= make_date($2::int, 1, 1) AND occurred_on < make_date($2::int + 1, 1, 1)) AS v,
              (SELECT sum(value_cents)::float8 FROM exchange_member_totals WHERE cooperative_id = $1 AND year = $2) AS t`,
      [coopId, year],
    );
    const members = Math.round(tot[0]?.v ?? 0);
    const actor = { principal: operator, requestId: 'bench' };
    await mutuality.putStatementLines(db, actor, coopId, year, { lines: [{ line: 'A1', membersCents: members, othersCents: Math.round(members / 4) }] });
    const run = await createRun(db, actor, coopId, {
      year,
      surplusCents: Math.round(members * 0.05),
      kinds: [{ kind: 'purchase', basis: 'value' }],
      forms: { cashBps: 5_000, capitalBps: 5_000, instrumentsBps: 0 },
      withholding: true,
    });
    const setupSeconds = (now() - t0) / 1000;
    const bytes = await databaseBytes(s);

    // The floor: one aggregate per member over the same entries, same work_mem; run once untimed to even the cache.
    const aggregateSql = `SELECT count(*)::int AS n, sum(v)::float8 AS total FROM (
        SELECT membership_id, sum(value_cents) AS v FROM exchange_entries
         WHERE cooperative_id = $1 AND occurred_on >= make_date($2::int, 1, 1) AND occurred_on < make_date($2::int + 1, 1, 1)
         GROUP BY membership_id) x`;
    const aggregate = async () =>
      s.database.withSession(async (c) => {
        await c.query(`SET work_mem = '256MB'`);
        const a = now();
        const { rows } = await c.query<{ n: number }>(aggregateSql, [coopId, year]);
        return { ms: now() - a, members: rows[0]?.n ?? 0 };
      });
    log('  warm-up aggregate …');
    await aggregate();
    log('  SQL aggregate (SUM per member) …');
    const agg = await aggregate();
    log('  ristorni allocation (computeRun) …');
    const phases: Record<string, number> = {};
    const a0 = now();
    const computed = await computeRun(s.database, actor, run.id, {
      onPhase: (phase) => {
        phases[phase] = Math.round(now() - a0);
        log(`    ${phase} at ${fmtMs(now() - a0)}`);
      },
    });
    const allocMs = now() - a0;
    const { rows: check } = await s.database.query<{ n: number; total: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(amount_cents), 0)::float8 AS total FROM ristorni_allocations WHERE run_id = $1`,
      [run.id],
    );
    const fig = computed.figures;
    const c = check[0] ?? { n: 0, total: 0 };
    return {
      backend: 'postgres',
      members: o.members,
      entries: o.entries,
      year,
      totals,
      setupSeconds,
      databaseBytes: bytes,
      allocation: { ms: allocMs, phases },
      aggregate: agg,
      ratio: allocMs / agg.ms,
      goalMs: 60_000,
      goalMet: allocMs < 60_000,
      check: {
        poolCents: fig?.poolCents ?? 0,
        allocatedCents: fig?.allocatedCents ?? 0,
        allocationRows: c.n,
        sumOfRows: c.total,
        totalsMatchEntries: (tot[0]?.v ?? 0) === (tot[0]?.t ?? -1),
        consistent: c.n === agg.members && c.total === fig?.allocatedCents && fig?.allocatedCents === fig?.poolCents && (tot[0]?.v ?? 0) === (tot[0]?.t ?? -1),
      },
    };
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      members: { type: 'string' },
      entries: { type: 'string' },
      'pg-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args.help) {
    console.log('usage: node bench/mutuality.bench.ts [--quick] [--members N] [--entries N] [--pg-url URL]');
    return;
  }
  const quick = Boolean(args.quick);
  const members = Number(args.members ?? (quick ? 100_000 : 2_800_000));
  const entries = Number(args.entries ?? (quick ? 2_000_000 : 50_000_000));
  if (!Number.isInteger(members) || members < 1 || !Number.isInteger(entries) || entries < 1) throw new Error('--members and --entries must be positive whole numbers');
  const load = loadavg()[0] ?? 0;
  console.log(`Mutuality on PostgreSQL: ${humanCount(members)} members, ${humanCount(entries)} entries (${cpus().length} cores, load ${load.toFixed(1)})`);
  const r = await benchMutuality({ members, entries, pgUrl: args['pg-url'] ?? process.env.BENCH_PG_URL ?? DEFAULT_PG_URL, log: (m) => console.log(m) });
  const rows: [string, string, string, string][] = [
    ['ristorni allocation (computeRun)', fmtMs(r.allocation.ms), `SUM per member ${fmtMs(r.aggregate.ms)}`, `ratio ${r.ratio.toFixed(2)}; goal < 60 s: ${r.goalMet ? 'met' : 'NOT met'}`],
    ['  … aggregation into the basis table', fmtMs(r.allocation.phases.allocate ?? 0), '—', 'set-based SQL'],
    ['  … cursor + allocator + forms + COPY', fmtMs((r.allocation.phases.done ?? r.allocation.ms) - (r.allocation.phases.allocate ?? 0)), '—', `${humanCount(r.check.allocationRows)} rows`],
    ['pool allocated exactly', `${r.check.allocatedCents} of ${r.check.poolCents} cents`, `rows sum ${r.check.sumOfRows}`, r.check.consistent ? 'consistent' : 'INCONSISTENT'],
    ['running totals: one pass after the load', fmtMs(r.totals.buildMs), '—', r.check.totalsMatchEntries ? 'equal the entries' : 'DIFFER from the entries'],
    [`  … trigger on an insert of ${humanCount(r.totals.probeEntries)}`, fmtMs(r.totals.withMs), `without it ${fmtMs(r.totals.withoutMs)}`, `ratio ${(r.totals.withMs / r.totals.withoutMs).toFixed(2)}`],
    ['setup (generate_series, analyze)', `${r.setupSeconds.toFixed(0)} s`, r.databaseBytes ? `${(r.databaseBytes / 2 ** 30).toFixed(1)} GiB` : '—', '—'],
  ];
  const w = [40, 30, 30, 40];
  console.log(rows.map((row) => row.map((cell, i) => cell.padEnd(w[i] ?? 20)).join(' ')).join('\n'));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(
    join(HERE, 'results', 'mutuality.json'),
    `${JSON.stringify({ at: new Date().toISOString(), quick, machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, loadAverage: { start: load, end: loadavg()[0] }, result: r }, null, 2)}\n`,
  );
  console.log('wrote bench/results/mutuality.json');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
