// `npm run bench [-- options]`: the platform's benchmarks on PostgreSQL and PGlite, side by side, each figure beside
// a baseline measured in the same run (reported as a ratio; nothing is asserted).
//   1. import of a generated members' CSV through the real importer vs a raw COPY of the same rows;
//   2. the federation roll-up (computeRollup over coop_member_stats) vs a naive scan of the register;
//   3. a register page under HTTP load vs a bare Fastify route returning the same bytes.
// Results: a table on stdout, bench/results/latest.json and bench/results/latest.md (for the README).
import { parseArgs } from 'node:util';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { openScratch, databaseBytes, DEFAULT_PG_URL, type BackendKind, type ScratchDatabase } from './lib/backend.ts';
import { generateMembersCsv, type CsvInfo } from './lib/csv.ts';
import { generateFederation } from './lib/demo.ts';
import { renderText, writeReport, type BackendReport, type BenchReport, type Step } from './lib/report.ts';
import { sample, summarize, humanCount, type Summary } from './lib/stats.ts';
import { benchImport } from './import.bench.ts';
import { benchRollup, rollupTargets } from './rollup.bench.ts';
import { benchRegister, biggestCoop, startPlatform } from './register.bench.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Module benchmarks (child processes) that failed: the run exits non-zero after writing the report. */
const failedModules: string[] = [];
const FULL_MEMBERS = 2_800_000;
/** PGlite (single-threaded WebAssembly, one connection) gets a tenth of the full size unless told otherwise. */
const PGLITE_FULL_MEMBERS = 280_000;
const QUICK_MEMBERS = 120_000;
const PGLITE_QUICK_MEMBERS = 60_000;

const USAGE = `usage: npm run bench -- [options]
  --quick                  smaller sizes and shorter load (a few minutes in all)
  --backend <b>            pglite | postgres | both (default both)
  --members <n>            members (CSV rows and demo memberships) on PostgreSQL (default ${FULL_MEMBERS}, quick ${QUICK_MEMBERS})
  --pglite-members <n>     the same on PGlite (default ${PGLITE_FULL_MEMBERS}, quick ${PGLITE_QUICK_MEMBERS}; --members alone sets both)
  --import-rows <n>        CSV rows for the import only (default: the backend's members)
  --coops <n>              co-ops in the demo federation (default 1250, quick 300)
  --only <list>            comma-separated subset of import,rollup,register,governance,mutuality,identity,evote
                           (the last four are each module's own script, bench/<name>.bench.ts, on PostgreSQL
                           except evote, the verifiable secret ballot's cryptography, which needs no database;
                           each writes bench/results/<name>.json; --members given here is passed to governance and
                           mutuality, --backend pglite to identity)
  --runs <n>               roll-up runs (default 200)
  --naive-runs <n>         naive-scan runs (default 10, quick 5)
  --connections <n>        autocannon connections (default 10)
  --duration <s>           autocannon seconds per run (default 15, quick 5)
  --pg-url <url>           PostgreSQL server for the scratch databases (default ${DEFAULT_PG_URL}; or BENCH_PG_URL)
  --seed <n>               generator seed (default 2026)
  --keep-csv               keep the generated CSV files in ${tmpdir()}
  --render <file.json>     only re-render a saved report (e.g. bench/results/latest.json) to the console and latest.md`;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'both' },
    members: { type: 'string' },
    'pglite-members': { type: 'string' },
    'import-rows': { type: 'string' },
    coops: { type: 'string' },
    only: { type: 'string' },
    runs: { type: 'string' },
    'naive-runs': { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    'pg-url': { type: 'string' },
    seed: { type: 'string' },
    'keep-csv': { type: 'boolean', default: false },
    render: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.render) {
  const saved = JSON.parse(readFileSync(args.render, 'utf8')) as BenchReport;
  const files = writeReport(saved, join(HERE, 'results'));
  console.log(renderText(saved));
  console.log(`\nwrote ${files.json} and ${files.md}`);
  process.exit(0);
}

function int(name: string, v: string | undefined, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min}\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const quick = args.quick ?? false;
const backendArg = args.backend ?? 'both';
if (!['pglite', 'postgres', 'both'].includes(backendArg)) {
  console.error(`--backend must be pglite, postgres or both\n\n${USAGE}`);
  process.exit(2);
}
const backends: BackendKind[] = backendArg === 'both' ? ['postgres', 'pglite'] : [backendArg as BackendKind];
const pgMembers = int('members', args.members, quick ? QUICK_MEMBERS : FULL_MEMBERS, 100);
const pgliteMembers = int('pglite-members', args['pglite-members'] ?? args.members, quick ? PGLITE_QUICK_MEMBERS : PGLITE_FULL_MEMBERS, 100);
const importRows = args['import-rows'] === undefined ? null : int('import-rows', args['import-rows'], 0, 100);
const coopsWanted = int('coops', args.coops, quick ? 300 : 1250);
const runs = int('runs', args.runs, 200);
const naiveRuns = int('naive-runs', args['naive-runs'], quick ? 5 : 10);
const connections = int('connections', args.connections, 10);
const duration = int('duration', args.duration, quick ? 5 : 15);
const seed = int('seed', args.seed, 2026, 0);
const pgUrl = args['pg-url'] ?? process.env.BENCH_PG_URL ?? DEFAULT_PG_URL;
/** Each module's own benchmark: a standalone script (bench/<name>.bench.ts) run after the registry's, in a child process. */
const MODULE_BENCHES = ['governance', 'mutuality', 'identity', 'evote'] as const;
const REGISTRY_STEPS = ['import', 'rollup', 'register'];
const requested = (args.only ?? [...REGISTRY_STEPS, ...MODULE_BENCHES].join(',')).split(',').map((s) => s.trim());
for (const s of requested) {
  if (![...REGISTRY_STEPS, ...MODULE_BENCHES].includes(s)) {
    console.error(`--only takes ${[...REGISTRY_STEPS, ...MODULE_BENCHES].join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
}
const steps = new Set(requested.filter((s) => REGISTRY_STEPS.includes(s)));
const moduleBenches = MODULE_BENCHES.filter((m) => requested.includes(m) && existsSync(join(HERE, `${m}.bench.ts`)));

const t0 = performance.now();
const log = (msg: string): void => {
  const s = ((performance.now() - t0) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[${s} s] ${msg}\n`);
};
const errorText = (e: unknown): string => (e instanceof Error ? `${e.message}` : String(e));

async function postgresVersion(): Promise<string | null> {
  const c = new pg.Client({ connectionString: pgUrl });
  try {
    await c.connect();
    const { rows } = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0]?.v ?? null;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

function pgliteVersion(): string | null {
  const p = join(HERE, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version : null;
}

// Scratch databases still open, closed (dropped) on Ctrl-C / SIGTERM too, as are the generated CSVs.
const openScratches = new Set<ScratchDatabase>();
async function scratchDb(kind: BackendKind, label: string): Promise<ScratchDatabase> {
  const s = await openScratch(kind, label, pgUrl);
  openScratches.add(s);
  return {
    ...s,
    async close() {
      openScratches.delete(s);
      await s.close();
    },
  };
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    log(`${signal}: dropping the scratch databases …`);
    void Promise.allSettled([...openScratches].map((s) => s.close())).then(() => {
      if (!args['keep-csv']) for (const c of csvCache.values()) rmSync(c.path, { force: true });
      process.exit(130);
    });
  });
}

const csvCache = new Map<number, CsvInfo>();
async function csvFor(rows: number): Promise<CsvInfo> {
  const cached = csvCache.get(rows);
  if (cached) return cached;
  const path = join(tmpdir(), `coop-bench-members-${rows}-${seed}.csv`);
  log(`generating a ${humanCount(rows)}-row members' CSV → ${path}`);
  let last = performance.now();
  const info = await generateMembersCsv(path, {
    rows,
    seed,
    onProgress: (n) => {
      if (performance.now() - last < 10_000) return;
      last = performance.now();
      log(`  csv: ${n.toLocaleString('en')}/${rows.toLocaleString('en')} rows`);
    },
  });
  log(`  csv: ${humanCount(rows)} rows, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB in ${info.seconds.toFixed(1)} s`);
  csvCache.set(rows, info);
  return info;
}

async function step<T>(name: string, fn: () => Promise<T>): Promise<Step<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { ok: false, error: errorText(e) };
  }
}
const skipped = (why: string) => ({ ok: false as const, skipped: why });

async function runBackend(kind: BackendKind): Promise<BackendReport> {
  const started = performance.now();
  const members = kind === 'postgres' ? pgMembers : pgliteMembers;
  const notes: string[] = [];
  if (kind === 'pglite' && members < pgMembers) {
    notes.push(
      `${humanCount(members)} members instead of ${humanCount(pgMembers)}: PGlite is single-threaded WebAssembly with one connection, ` +
        `and ${humanCount(pgMembers)} would take most of the time budget on its own (set --pglite-members to change it)`,
    );
  }
  const report: BackendReport = {
    backend: kind,
    members,
    import: skipped('not requested'),
    federation: skipped('not requested'),
    rollup: skipped('not requested'),
    register: skipped('not requested'),
    notes,
    seconds: 0,
  };

  if (steps.has('import')) {
    const rows = importRows ?? members;
    if (rows !== members) notes.push(`the import used ${humanCount(rows)} CSV rows (--import-rows)`);
    log(`── ${kind}: 1. import of ${humanCount(rows)} members`);
    report.import = await step(`${kind} import`, async () => {
      const csv = await csvFor(rows);
      const scratch = await scratchDb(kind, 'import');
      try {
        return await benchImport(scratch.database, { csvPath: csv.path, rows: csv.rows, log });
      } finally {
        await scratch.close();
      }
    });
    if (report.import.ok) {
      const v = report.import.value;
      log(`  importer ${Math.round(v.importer.rowsPerSecond)} rows/s vs register COPY ${Math.round(v.registerCopy.rowsPerSecond)} rows/s (ratio ${v.ratio?.toFixed(2)}), text-table COPY ${Math.round(v.copy.rowsPerSecond)} rows/s`);
      if (v.membersAfter !== v.rows) notes.push(`the importer left ${v.membersAfter} memberships for ${v.rows} CSV rows`);
    }
  }

  if (steps.has('rollup') || steps.has('register')) {
    log(`── ${kind}: demo federation with ${humanCount(members)} members`);
    const scratch = await scratchDb(kind, 'fed');
    try {
      const coops = Math.max(1, Math.min(coopsWanted, Math.floor(members / 20)));
      report.federation = await step(`${kind} demo`, async () => {
        const fed = await generateFederation(scratch.database, { members, coops, seed, log });
        log(`  demo: ${fed.cooperatives} co-ops, ${humanCount(fed.members)} open memberships in ${fed.seconds.toFixed(0)} s`);
        return {
          members: fed.members,
          cooperatives: fed.cooperatives,
          demoSeconds: fed.seconds,
          statsRefreshSeconds: fed.statsRefreshSeconds,
          databaseBytes: await databaseBytes(scratch),
        };
      });
      if (!report.federation.ok) {
        report.rollup = skipped('no federation');
        report.register = skipped('no federation');
      } else {
        if (kind === 'postgres') await scratch.database.query('ANALYZE');
        let httpRollup: Summary | null = null;
        let rollupTargetId: string | null = null;
        if (steps.has('rollup')) {
          log(`── ${kind}: 2. roll-up`);
          report.rollup = await step(`${kind} roll-up`, async () => {
            const targets = await rollupTargets(scratch.database);
            const root = targets[0];
            if (!root) throw new Error('no organisation with members');
            rollupTargetId = root.id;
            const federation = await benchRollup(scratch.database, root, { runs, naiveRuns, log });
            log(`  roll-up p50 ${federation.rollup.p50.toFixed(2)} ms p99 ${federation.rollup.p99.toFixed(2)} ms; naive p50 ${federation.naive.p50.toFixed(0)} ms`);
            const regionalTarget = targets.find((t) => t.kind === 'regional' && t.id !== root.id);
            const regional = regionalTarget ? await benchRollup(scratch.database, regionalTarget, { runs, naiveRuns, log }) : null;
            return { federation, regional, http: null as Summary | null };
          });
        }
        if (steps.has('register') || (report.rollup.ok && rollupTargetId)) {
          log(`── ${kind}: 3. register page under load`);
          const running = await startPlatform(scratch.database, scratch.url);
          try {
            if (report.rollup.ok && rollupTargetId) {
              const url = `/api/v1/organisations/${rollupTargetId}/rollup`;
              const inject = async () => {
                const res = await running.platform.app.inject({ method: 'GET', url, headers: running.headers });
                if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
              };
              httpRollup = summarize(await sample(inject, runs, 10));
              report.rollup.value.http = httpRollup;
            }
            if (steps.has('register')) {
              report.register = await step(`${kind} register`, async () => {
                const coop = await biggestCoop(scratch.database);
                if (!coop) throw new Error('no co-op with members');
                if (coop.members < 100_000) {
                  notes.push(`the biggest co-op has ${humanCount(coop.members)} members (< 100k at this size)`);
                }
                const r = await benchRegister(running, coop, { connections, duration, log });
                for (const p of r.pages) {
                  log(`  ${p.label}: ${Math.round(p.real.rps)} req/s p99 ${p.real.latencyMs.p99} ms vs bare ${Math.round(p.bare.rps)} req/s p99 ${p.bare.latencyMs.p99} ms`);
                  const bad = p.real.non2xx + p.real.errors + p.real.timeouts;
                  if (bad > 0) notes.push(`register ${p.label}: ${p.real.non2xx} non-2xx, ${p.real.errors} errors, ${p.real.timeouts} timeouts under load`);
                }
                return r;
              });
            }
          } finally {
            await running.close();
          }
        }
      }
    } finally {
      await scratch.close();
    }
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

const startedAt = new Date().toISOString();
const loadStart = loadavg()[0] ?? 0;
log(
  `bench: ${quick ? 'quick, ' : ''}backends ${backends.join(', ')}; members: ${backends
    .map((b) => `${b} ${humanCount(b === 'postgres' ? pgMembers : pgliteMembers)}`)
    .join(', ')}; steps ${[...steps].join(', ')}`,
);
const reports: BackendReport[] = [];
try {
  if (steps.size > 0) for (const b of backends) reports.push(await runBackend(b));
  for (const m of moduleBenches) {
    log(`── module benchmark: ${m} (bench/${m}.bench.ts)`);
    // The sizes asked for here reach the modules that take them; otherwise each uses its own (quick) defaults.
    const own = m === 'identity' ? (backendArg === 'pglite' ? ['--backend', 'pglite'] : []) : args.members ? ['--members', args.members] : [];
    const r = spawnSync(process.execPath, [join(HERE, `${m}.bench.ts`), ...(quick ? ['--quick'] : []), '--pg-url', pgUrl, ...own], { stdio: 'inherit' });
    if (r.status !== 0) {
      log(`  ${m} benchmark failed (exit ${r.status ?? r.signal})`);
      failedModules.push(m);
    }
  }
} finally {
  if (!args['keep-csv']) for (const c of csvCache.values()) rmSync(c.path, { force: true });
}

const cpu = cpus();
const report: BenchReport = {
  startedAt,
  finishedAt: new Date().toISOString(),
  seconds: (performance.now() - t0) / 1000,
  quick,
  machine: {
    cpus: cpu.length,
    cpuModel: (cpu[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    postgres: backends.includes('postgres') ? await postgresVersion() : null,
    pglite: backends.includes('pglite') ? pgliteVersion() : null,
    loadAverage: { start: Math.round(loadStart * 100) / 100, end: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
  },
  options: { backends, pgMembers, pgliteMembers, importRows, coops: coopsWanted, runs, naiveRuns, connections, duration, seed, steps: [...steps] },
  backends: reports,
};
if (failedModules.length) console.error(`module benchmarks failed: ${failedModules.join(', ')}`);
if (steps.size === 0) process.exit(failedModules.length ? 1 : 0);
const files = writeReport(report, join(HERE, 'results'));
console.log('\n' + renderText(report));
console.log(`\nwrote ${files.json} and ${files.md} (${(report.seconds / 60).toFixed(1)} min)`);
if (failedModules.length) process.exitCode = 1;
