// The benchmark report: one table with PostgreSQL and PGlite side by side, each figure beside its baseline and the
// ratio; printed to the console and written as bench/results/latest.{json,md} (the Markdown goes in the README).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResult } from '../import.bench.ts';
import type { RollupResult } from '../rollup.bench.ts';
import type { RegisterResult } from '../register.bench.ts';
import type { BackendKind } from './backend.ts';
import { fmtMs, fmtRate, fmtRatio, humanCount, type Summary } from './stats.ts';

export type Step<T> = { ok: true; value: T } | { ok: false; error: string } | { ok: false; skipped: string };

export interface FederationInfo {
  members: number;
  cooperatives: number;
  demoSeconds: number;
  /** Seconds of a full refreshMemberStats, when the bench had to run it. */
  statsRefreshSeconds: number | null;
  databaseBytes: number | null;
}

export interface BackendReport {
  backend: BackendKind;
  /** Members asked for (CSV rows and demo members). */
  members: number;
  import: Step<ImportResult>;
  federation: Step<FederationInfo>;
  rollup: Step<{ federation: RollupResult; regional: RollupResult | null; http: Summary | null }>;
  register: Step<RegisterResult>;
  notes: string[];
  seconds: number;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    postgres: string | null;
    pglite: string | null;
    /** 1-minute load average at the start and the end (other work on the machine skews every figure). */
    loadAverage?: { start: number; end: number };
  };
  options: Record<string, unknown>;
  backends: BackendReport[];
}

const NAMES: Record<BackendKind, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

type Cell = (b: BackendReport) => string;

interface Row {
  section: string;
  figure: string;
  cell: Cell;
  goal?: string;
}

/** A failed or skipped step shows its reason on the `primary` row of its section and a dash on the others. */
function stepCell<T>(get: (b: BackendReport) => Step<T>, fmt: (v: T, b: BackendReport) => string, primary = false): Cell {
  return (b) => {
    const s = get(b);
    if (s.ok) return fmt(s.value, b);
    if (!primary) return '—';
    return 'error' in s ? `error: ${s.error.split('\n')[0]?.slice(0, 70)}` : `skipped (${s.skipped})`;
  };
}

const pp = (s: Summary): string => `${fmtMs(s.p50)} / ${fmtMs(s.p99)}`;
const yes = (ok: boolean): string => (ok ? 'met' : 'not met');

function rows(): Row[] {
  const imp = (f: (v: ImportResult) => string, primary = false): Cell => stepCell((b) => b.import, f, primary);
  const rol = (f: (v: { federation: RollupResult; regional: RollupResult | null; http: Summary | null }) => string, primary = false): Cell =>
    stepCell((b) => b.rollup, f, primary);
  const fed = (f: (v: FederationInfo) => string): Cell => stepCell((b) => b.federation, f, true);
  const reg = (f: (v: RegisterResult) => string, primary = false): Cell => stepCell((b) => b.register, f, primary);
  const page = (i: number, f: (p: RegisterResult['pages'][number]) => string) => reg((v) => (v.pages[i] ? f(v.pages[i]) : '—'));
  return [
    { section: '1. CSV import', figure: 'rows in the file', cell: imp((v) => `${humanCount(v.rows)} (${(v.csvBytes / 2 ** 20).toFixed(0)} MiB)`, true) },
    { section: '', figure: 'importer, commit mode: rows/s (time)', cell: imp((v) => `${fmtRate(v.importer.rowsPerSecond)} (${v.importer.seconds.toFixed(1)} s)`) },
    { section: '', figure: 'baseline: raw COPY into the register tables: rows/s (time)', cell: imp((v) => `${fmtRate(v.registerCopy.rowsPerSecond)} (${v.registerCopy.seconds.toFixed(1)} s)`) },
    { section: '', figure: 'ratio importer ÷ register COPY', cell: imp((v) => `${fmtRatio(v.ratio)} (${yes(v.goalMet)})`), goal: '≥ 0.5' },
    { section: '', figure: 'floor: raw COPY into an unindexed text table: rows/s (time)', cell: imp((v) => `${fmtRate(v.copy.rowsPerSecond)} (${v.copy.seconds.toFixed(1)} s)`) },
    { section: '', figure: 'ratio importer ÷ text-table COPY', cell: imp((v) => fmtRatio(v.ratioPlain)) },
    { section: '2. Roll-up', figure: 'federation (demo generator)', cell: fed((v) => `${humanCount(v.members)} open members, ${fmtRate(v.cooperatives)} co-ops`) },
    { section: '', figure: 'computeRollup, whole federation: p50 / p99', cell: rol((v) => `${pp(v.federation.rollup)} (${v.federation.rollup.runs} runs, ${yes(v.federation.goalMet)})`, true), goal: 'p99 ≤ 50 ms' },
    { section: '', figure: 'baseline: naive register scan: p50 / p99', cell: rol((v) => `${pp(v.federation.naive)} (${v.federation.naive.runs} runs)`) },
    { section: '', figure: 'speed-up naive ÷ roll-up (p50 / p99)', cell: rol((v) => `${fmtRatio(v.federation.speedupP50)} / ${fmtRatio(v.federation.speedupP99)}`) },
    { section: '', figure: 'largest regional: roll-up vs naive p99', cell: rol((v) => (v.regional ? `${fmtMs(v.regional.rollup.p99)} vs ${fmtMs(v.regional.naive.p99)} (${fmtRatio(v.regional.speedupP99)})` : '—')) },
    { section: '', figure: 'GET …/rollup (HTTP inject): p50 / p99', cell: rol((v) => (v.http ? pp(v.http) : '—')) },
    { section: '', figure: 'naive and aggregate results agree', cell: rol((v) => (v.federation.consistent && (v.regional?.consistent ?? true) ? 'yes' : 'NO')) },
    { section: '3. Register page', figure: 'biggest co-op', cell: reg((v) => `${humanCount(v.coop.members)} members`, true) },
    { section: '', figure: 'load', cell: reg((v) => `${v.connections} conn × ${v.durationS} s`) },
    { section: '', figure: 'middle page: route req/s, p99', cell: page(0, (p) => `${fmtRate(p.real.rps)} req/s, ${fmtMs(p.real.latencyMs.p99)} (page ${p.page}, ${p.real.requests} req)`) },
    { section: '', figure: 'baseline: bare Fastify, same body: req/s, p99', cell: page(0, (p) => `${fmtRate(p.bare.rps)} req/s, ${fmtMs(p.bare.latencyMs.p99)} (${(p.bodyBytes / 1024).toFixed(0)} KiB)`) },
    { section: '', figure: 'ratio route ÷ bare (req/s)', cell: page(0, (p) => fmtRatio(p.rpsRatio)) },
    { section: '', figure: 'first page: route req/s, p99', cell: page(1, (p) => `${fmtRate(p.real.rps)} req/s, ${fmtMs(p.real.latencyMs.p99)} (${p.real.requests} req)`) },
    { section: '', figure: 'first page: ratio route ÷ bare (req/s)', cell: page(1, (p) => fmtRatio(p.rpsRatio)) },
  ];
}

function table(r: BenchReport): string[][] {
  const head = ['Benchmark', 'Figure', ...r.backends.map((b) => NAMES[b.backend]), 'Goal'];
  const body = rows().map((row) => [row.section, row.figure, ...r.backends.map((b) => row.cell(b)), row.goal ?? '']);
  return [head, ...body];
}

export function renderText(r: BenchReport): string {
  const t = table(r);
  const widths = (t[0] as string[]).map((_, i) => Math.max(...t.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const sep = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(t[0] as string[]), sep, ...t.slice(1).map(line)];
  return [...out, '', ...notes(r)].join('\n');
}

function notes(r: BenchReport): string[] {
  const lines: string[] = [];
  for (const b of r.backends) for (const n of b.notes) lines.push(`- ${NAMES[b.backend]}: ${n}`);
  return lines;
}

export function renderMarkdown(r: BenchReport): string {
  const t = table(r);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const md = [
    `| ${(t[0] as string[]).map(esc).join(' | ')} |`,
    `|${(t[0] as string[]).map(() => '---').join('|')}|`,
    ...t.slice(1).map((row) => `| ${row.map((c, i) => (i === 0 && c ? `**${esc(c)}**` : esc(c))).join(' | ')} |`),
  ];
  const m = r.machine;
  return [
    `### Benchmarks (\`npm run bench${r.quick ? ' -- --quick' : ''}\`)`,
    '',
    `Measured ${r.finishedAt.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ` +
      `PostgreSQL ${m.postgres?.split(' ')[0] ?? '—'} (default settings), PGlite ${m.pglite ?? '—'}; total ${(r.seconds / 60).toFixed(1)} min; ` +
      (m.loadAverage ? `load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end. ` : '') +
      'Each figure is beside a baseline measured in the same run; no figure is asserted.',
    '',
    ...md,
    '',
    ...notes(r),
    '',
    'How each figure is taken:',
    '1. **Import** — a members’ register CSV generated to a temporary file (template’s Italian headers, `;`, `dd/mm/yyyy`, ' +
      '`1.234,56`, valid unique codici fiscali) goes through the real importer in commit mode into one co-op of a fresh database; ' +
      'the baseline is a raw `COPY` of the same rows into the register’s own tables (`people`, `memberships`, with their indexes, ' +
      'constraints and foreign keys), from COPY files prepared beforehand (untimed) with the importer’s own row validation, on the ' +
      'same database and emptied again before the importer runs. The floor — a raw `COPY` of the file into an unindexed table of ' +
      'text columns — is shown too: no loader that maintains the register’s six membership indexes and two foreign keys can approach it.',
    '2. **Roll-up** — `computeRollup` (today’s members by type and gender, co-ops, declared figures) of the federation’s root ' +
      'over the demo generator’s federation, reading the `coop_member_stats` aggregates kept by `refreshMemberStats`; the baseline ' +
      'is the same roll-up counting members by scanning `memberships ⋈ people` of every co-op in the subtree (fewer runs: each ' +
      'scan takes seconds). Both are checked to give the same answer.',
    '3. **Register page** — `GET /api/v1/cooperatives/:id/members?page=N&pageSize=100` of the biggest co-op, signed in as a ' +
      'platform admin, under autocannon (worker thread) over a real socket on 127.0.0.1; the baseline is a bare Fastify route in ' +
      'the same process returning the same response body as a static string.',
    '',
  ].join('\n');
}

export function writeReport(r: BenchReport, dir: string): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const md = join(dir, 'latest.md');
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(md, renderMarkdown(r));
  return { json, md };
}
