// The year-end computation of a ristorni run, built to scale to millions of members in one transaction:
// 1. one set-based SQL aggregation of the year's ledger per member and kind (with quality weights and caps) into a
//    temporary table;
// 2. the rule set's ceiling and the pool per kind (pure domain code);
// 3. per kind, the members streamed in membership-id order through a cursor into compact typed arrays (≈ 60 bytes a
//    member), the domain allocator (exact largest remainder, caps by water-filling) and the split into forms;
// 4. the allocation rows written with COPY in chunks, the figures frozen on the run, an audit entry.
import type { Database, SqlRunner } from '../../../core/db.ts';
import { invalid, conflict } from '../../../core/errors.ts';
import {
  allocate,
  NO_CAP,
  planRun,
  PoolAboveCeilingError,
  DividendsTooHighError,
  splitForms,
  ruleSet,
  prevalence,
  KIND_LINE,
  KIND_NAMES,
  say,
  money,
  percentOf,
  isExchangeKind,
  type ExchangeKind,
  type KindFigures,
  type KindTotals,
  type LineFigures,
  type QualityWeight,
  type RistorniRuleSet,
  type RunFigures,
  type RunInputs,
  type RunWarning,
  type FormTotals,
} from '../domain/index.ts';
import { coopForManaging, type Actor } from './access.ts';
import { linesOf, weightsOf } from './accounts.ts';
import { loadRun, runView, type RunView } from './runs.ts';

export interface ComputeOptions {
  /** Members fetched per cursor round trip and allocation rows per COPY. */
  chunkSize?: number;
  /** Progress of the phases (benchmarks). */
  onPhase?: (phase: 'aggregate' | 'allocate' | 'write' | 'done', detail?: Record<string, number>) => void;
}

const WORK_MEM = { postgres: '256MB', pglite: '64MB' } as const;

/** Computes a draft run: ceilings, pools, every member's allocation; freezes the figures (status → computed). */
export async function computeRun(database: Database, actor: Actor, runId: string, opts: ComputeOptions = {}): Promise<RunView> {
  const db = database.db;
  const p = actor.principal;
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  if (run.status !== 'draft') throw conflict('ristorni.not-draft');
  const rs = ruleSet(run.ruleSet);
  const lines = await linesOf(db, run.cooperativeId, run.year);
  if (lines.length === 0) throw conflict('ristorni.no-lines', [{ field: 'year', code: 'ristorni.no-lines' }]);
  const weights = await weightsOf(db, run.cooperativeId, run.year);
  await database.rawTransaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '${WORK_MEM[database.kind]}'`);
    await tx.query('SELECT pg_advisory_xact_lock(1836413045, hashtext($1::text || \':\' || $2::text))', [run.cooperativeId, run.year]);
    const { rows: st } = await tx.query<{ status: string }>('SELECT status FROM ristorni_runs WHERE id = $1 FOR UPDATE', [runId]);
    if (st[0]?.status !== 'draft') throw conflict('ristorni.not-draft');
    const figures = await computeFigures(tx, rs, { runId, coopId: run.cooperativeId, year: run.year, inputs: run.inputs, lines, weights }, opts);
    await tx.query(`UPDATE ristorni_runs SET status = 'computed', figures = $2::jsonb, computed_at = now(), updated_at = now() WHERE id = $1`, [
      runId,
      JSON.stringify(figures),
    ]);
    await tx.query(
      `INSERT INTO audit_log (actor_account_id, action, subject_type, subject_id, organisation_id, request_id, details)
       VALUES ($1, 'ristorni.compute', 'ristorni_run', $2, $3, $4, $5::jsonb)`,
      [p.accountId, runId, run.cooperativeId, actor.requestId, JSON.stringify({ year: run.year, poolCents: figures.poolCents, members: figures.members })],
    );
  });
  opts.onPhase?.('done');
  return runView(await loadRun(db, runId));
}

interface Context {
  runId: string;
  coopId: string;
  year: number;
  inputs: RunInputs;
  lines: LineFigures[];
  weights: QualityWeight[];
}

/** SQL literal of a kind (kinds are a closed list, checked here, so they can be inlined). */
function kindLiteral(k: string): string {
  if (!isExchangeKind(k)) throw new Error(`unknown kind ${k}`);
  return `'${k}'`;
}

/**
 * The aggregation: per member and kind, net value, net quantity, weighted basis (Σ basis × weight) and the member's
 * cap. It reads the members' running totals per kind and grade (exchange_member_totals, kept by a trigger as entries
 * arrive; migration 0050), not the year's entries: a few rows per member instead of tens of millions of entries. A
 * grade's weight applies to its total, which is the sum of its entries' weighted bases since the weight is constant
 * within the grade; quantities are integer thousandths rounded per entry, as each entry was recorded.
 */
function basisSql(rs: RistorniRuleSet, ctx: Context, params: unknown[]): string {
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const weighted: string[] = [];
  const cap: string[] = [];
  for (const { kind, basis } of ctx.inputs.kinds) {
    const k = kindLiteral(kind);
    const grades = ctx.weights.filter((w) => w.kind === kind && w.grade !== '');
    const base = Math.trunc(ctx.weights.find((w) => w.kind === kind && w.grade === '')?.weightBps ?? 10_000);
    const rowBasis = basis === 'value' ? 't.value_cents' : 't.quantity_milli';
    const weight = grades.length === 0 ? String(base) : `(CASE ${grades.map((w) => `WHEN t.grade = ${param(w.grade)} THEN ${Math.trunc(w.weightBps)}`).join(' ')} ELSE ${base} END)`;
    weighted.push(`WHEN ${k} THEN ${rowBasis} * ${weight}`);
    const capBps = rs.allocationConstraints(kind).capBpsOfValue;
    if (capBps !== null) cap.push(`WHEN ${k} THEN greatest(a.value_cents, 0) * ${Math.trunc(capBps)} / 10000`);
  }
  const kinds = ctx.inputs.kinds.map((k) => kindLiteral(k.kind)).join(', ');
  const coop = param(ctx.coopId);
  const year = param(ctx.year);
  return `
    CREATE TEMP TABLE ristorni_basis ON COMMIT DROP AS
    SELECT a.kind, a.membership_id, a.value_cents, a.quantity_milli, a.weighted,
           ${cap.length ? `CASE a.kind ${cap.join(' ')} END` : 'NULL::bigint'} AS cap_cents,
           p.kind = 'natural' AS is_natural, m.share_nominal_cents AS nominal, m.exit_on IS NOT NULL AS exited
      FROM (SELECT t.kind, t.membership_id, sum(t.value_cents)::bigint AS value_cents, sum(t.quantity_milli)::bigint AS quantity_milli,
                   sum(CASE t.kind ${weighted.join(' ')} END)::bigint AS weighted
              FROM exchange_member_totals t
             WHERE t.cooperative_id = ${coop} AND t.year = ${year}::int AND t.kind IN (${kinds})
             GROUP BY t.kind, t.membership_id) a
      JOIN memberships m ON m.id = a.membership_id
      JOIN people p ON p.id = m.person_id
     WHERE a.weighted > 0`;
}

async function computeFigures(tx: SqlRunner, rs: RistorniRuleSet, ctx: Context, opts: ComputeOptions): Promise<RunFigures> {
  const chunk = Math.max(100, opts.chunkSize ?? 50_000);
  opts.onPhase?.('aggregate');
  const params: unknown[] = [];
  await tx.query(basisSql(rs, ctx, params), params);
  const { rows: totalRows } = await tx.query<{ kind: ExchangeKind; members: number; value: number; weighted: string; caps: number | null }>(
    `SELECT kind, count(*)::int AS members, sum(value_cents)::bigint AS value, sum(weighted)::text AS weighted, sum(cap_cents)::bigint AS caps
       FROM ristorni_basis GROUP BY kind`,
  );
  const { rows: distinct } = await tx.query<{ n: number }>('SELECT count(DISTINCT membership_id)::int AS n FROM ristorni_basis');
  const totals: KindTotals[] = ctx.inputs.kinds.map(({ kind }) => {
    const r = totalRows.find((x) => x.kind === kind);
    const capped = rs.allocationConstraints(kind).capBpsOfValue !== null;
    return { kind, members: r?.members ?? 0, valueCents: r?.value ?? 0, weighted: BigInt(r?.weighted ?? '0'), capsCents: capped ? (r?.caps ?? 0) : null };
  });

  let plan;
  try {
    plan = planRun(rs, ctx.inputs, ctx.lines, totals);
  } catch (e) {
    if (e instanceof PoolAboveCeilingError) {
      throw invalid([{ field: 'inputs/poolCents', code: 'ristorni.pool-above-ceiling', params: { ceiling: e.ceilingCents } }]);
    }
    throw e;
  }

  const forms: FormTotals = { cashCents: 0, capitalCents: 0, capitalShares: 0, instrumentsCents: 0, withholdingCents: 0 };
  const kinds: KindFigures[] = [];
  for (const t of totals) {
    const pool = plan.kindPools.find((k) => k.kind === t.kind)?.poolCents ?? 0;
    const ceiling = plan.ceiling.kinds.find((k) => k.kind === t.kind);
    opts.onPhase?.('allocate', { members: t.members });
    const outcome = await allocateKind(tx, rs, ctx, t, pool, chunk, forms, opts);
    const basis = ctx.inputs.kinds.find((k) => k.kind === t.kind)?.basis ?? 'value';
    kinds.push({
      kind: t.kind,
      basis,
      line: KIND_LINE[t.kind],
      members: t.members,
      valueCents: t.valueCents,
      quantityMilli: outcome.quantityMilli,
      weighted: t.weighted.toString(),
      capsCents: t.capsCents,
      attributableCents: ceiling?.attributableCents ?? 0,
      capCents: ceiling?.capCents ?? null,
      ceilingCents: ceiling?.ceilingCents ?? 0,
      poolCents: pool,
      allocatedCents: outcome.allocated,
      cappedMembers: outcome.cappedMembers,
      cappedCents: outcome.cappedCents,
      cappedWeighted: outcome.cappedWeighted.toString(),
      explanation: ceiling?.explanation ?? { it: '', en: '' },
      constraint: rs.allocationConstraints(t.kind).explanation,
    });
  }
  const allocated = kinds.reduce((s, k) => s + k.allocatedCents, 0);
  let profit;
  try {
    profit = rs.profitAllocation({ surplusCents: ctx.inputs.surplusCents, ristorniCents: allocated }, ctx.inputs);
  } catch (e) {
    if (e instanceof DividendsTooHighError) {
      throw invalid([{ field: 'inputs/dividendsCents', code: 'ristorni.dividends-too-high', params: { available: e.availableCents } }]);
    }
    throw e;
  }
  const warnings = warningsFor(rs, ctx, kinds);
  const explanation = say(
    {
      it: 'Ristorni {year}: tetto {ceiling}, fondo proposto {pool}, assegnati {allocated} a {members} soci. Utile netto dopo i ristorni: {net}.',
      en: 'Ristorni {year}: ceiling {ceiling}, proposed pool {pool}, {allocated} allocated to {members} members. Net profit after ristorni: {net}.',
    },
    {
      year: String(ctx.year),
      ceiling: money(plan.ceiling.ceilingCents, rs.currency),
      pool: money(plan.poolCents, rs.currency),
      allocated: money(allocated, rs.currency),
      members: distinct[0]?.n ?? 0,
      net: money(profit.allocation.netProfitCents, rs.currency),
    },
  );
  return {
    ruleSet: rs.id,
    currency: rs.currency,
    year: ctx.year,
    lines: ctx.lines,
    weights: ctx.weights,
    kinds,
    ceiling: {
      membersLinesCents: plan.ceiling.membersLinesCents,
      totalLinesCents: plan.ceiling.totalLinesCents,
      attributableCents: plan.ceiling.attributableCents,
      ceilingCents: plan.ceiling.ceilingCents,
      explanation: plan.ceiling.explanation,
    },
    poolCents: plan.poolCents,
    allocatedCents: allocated,
    members: distinct[0]?.n ?? 0,
    forms,
    profit: profit.allocation,
    profitExplanation: profit.explanation,
    warnings,
    explanation,
  };
}

/** A uuid as 16 bytes into `buf` at `i` (ids stay off the JS heap). */
function packUuid(buf: Uint8Array, i: number, id: string): void {
  Buffer.from(id.replace(/-/g, ''), 'hex').copy(buf, i * 16);
}
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function unpackUuid(buf: Uint8Array, i: number): string {
  let s = '';
  for (let b = 0; b < 16; b++) {
    s += HEX[buf[i * 16 + b] as number];
    if (b === 3 || b === 5 || b === 7 || b === 9) s += '-';
  }
  return s;
}

const ALLOCATION_COPY = `COPY ristorni_allocations (run_id, membership_id, kind, value_cents, quantity_milli, weighted, cap_cents, amount_cents,
  cash_cents, capital_cents, capital_shares, instruments_cents, withholding_cents) FROM STDIN WITH (FORMAT csv)`;

async function allocateKind(
  tx: SqlRunner,
  rs: RistorniRuleSet,
  ctx: Context,
  t: KindTotals,
  pool: number,
  chunk: number,
  forms: FormTotals,
  opts: ComputeOptions,
): Promise<{ allocated: number; cappedMembers: number; cappedCents: number; cappedWeighted: bigint; quantityMilli: number }> {
  const n = t.members;
  const ids = new Uint8Array(n * 16);
  const weights = new BigInt64Array(n);
  const caps = new BigInt64Array(n);
  const values = new Float64Array(n);
  const quantities = new Float64Array(n);
  const natural = new Uint8Array(n);
  const nominal = new Float64Array(n);
  // Membership-id order makes the allocator's tie-break (lower index first) a tie-break by membership id.
  await tx.query(`DECLARE ristorni_cur NO SCROLL CURSOR FOR
    SELECT membership_id, weighted::text AS weighted, cap_cents, value_cents, quantity_milli, is_natural, nominal, exited
      FROM ristorni_basis WHERE kind = ${kindLiteral(t.kind)} ORDER BY membership_id`);
  let i = 0;
  let quantityMilli = 0;
  type BasisRow = { membership_id: string; weighted: string; cap_cents: number | null; value_cents: number; quantity_milli: number; is_natural: boolean; nominal: number; exited: boolean };
  const fetch = () => {
    const p = tx.query<BasisRow>(`FETCH ${chunk} FROM ristorni_cur`);
    p.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
    return p;
  };
  // The next chunk is asked for before this one is unpacked, so the server reads while this process works.
  let next = fetch();
  for (;;) {
    const { rows } = await next;
    if (rows.length === 0) break;
    next = rows.length < chunk ? Promise.resolve({ rows: [] as BasisRow[], affectedRows: 0 }) : fetch();
    for (const r of rows) {
      if (i >= n) throw new Error('the ledger changed during the computation');
      packUuid(ids, i, r.membership_id);
      weights[i] = BigInt(r.weighted);
      caps[i] = r.cap_cents === null ? NO_CAP : BigInt(r.cap_cents);
      values[i] = Number(r.value_cents);
      quantities[i] = Number(r.quantity_milli);
      quantityMilli += Number(r.quantity_milli);
      natural[i] = (r.is_natural ? 1 : 0) | (r.exited ? 2 : 0);
      nominal[i] = Number(r.nominal);
      i++;
    }
  }
  await tx.query('CLOSE ristorni_cur');
  if (i !== n) throw new Error('the ledger changed during the computation');

  const result = allocate(BigInt(pool), weights, t.capsCents === null ? undefined : caps);
  let cappedCents = 0;
  let cappedWeighted = 0n;
  opts.onPhase?.('write', { members: n });
  const withholdingBps = [rs.withholding({ natural: false }, ctx.inputs), rs.withholding({ natural: true }, ctx.inputs)];
  const split = ctx.inputs.forms;
  // A member who has left cannot receive new shares: their capital part is paid in cash.
  const exitedSplit = { cashBps: split.cashBps + split.capitalBps, capitalBps: 0, instrumentsBps: split.instrumentsBps };
  let lines: string[] = [];
  // One COPY in flight while the next chunk is built: the server writes while this process computes.
  let inFlight: Promise<void> = Promise.resolve();
  const send = async (text: string) => {
    await inFlight;
    inFlight = tx.copyFrom(ALLOCATION_COPY, text);
    inFlight.catch(() => {}); // awaited by the next send or at the end
  };
  for (let k = 0; k < n; k++) {
    const amount = Number(result.amounts[k]);
    if (result.capped[k]) {
      cappedCents += amount;
      cappedWeighted += weights[k] as bigint;
    }
    const flags = natural[k] as number;
    const f = splitForms(amount, flags & 2 ? exitedSplit : split, {
      shareNominalCents: rs.capitalUnit === 'shares' ? (nominal[k] as number) : null,
      withholdingBps: withholdingBps[flags & 1] as number,
    });
    forms.cashCents += f.cashCents;
    forms.capitalCents += f.capitalCents;
    forms.capitalShares += f.capitalShares;
    forms.instrumentsCents += f.instrumentsCents;
    forms.withholdingCents += f.withholdingCents;
    const cap = caps[k] === NO_CAP || t.capsCents === null ? '' : String(caps[k]);
    lines.push(
      `${ctx.runId},${unpackUuid(ids, k)},${t.kind},${values[k]},${quantities[k]},${weights[k]},${cap},${amount},${f.cashCents},${f.capitalCents},${f.capitalShares},${f.instrumentsCents},${f.withholdingCents}`,
    );
    if (lines.length >= chunk) {
      await send(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) await send(`${lines.join('\n')}\n`);
  await inFlight;
  return { allocated: Number(result.allocated), cappedMembers: result.cappedCount, cappedCents, cappedWeighted, quantityMilli };
}

/** Things the board should look at: kinds without exchanges, a ledger far from the statement line, no prevalence. */
function warningsFor(rs: RistorniRuleSet, ctx: Context, kinds: KindFigures[]): RunWarning[] {
  const out: RunWarning[] = [];
  const cur = rs.currency;
  for (const k of kinds) {
    if (k.members === 0) {
      out.push({
        code: 'ristorni.kind-empty',
        text: say({ it: 'Nessuno scambio di {kind} registrato nel {year}.', en: 'No {kind} exchange recorded in {year}.' }, { kind: KIND_NAMES[k.kind], year: String(ctx.year) }),
      });
    }
  }
  const byLine = new Map<string, number>();
  for (const k of kinds) byLine.set(k.line, (byLine.get(k.line) ?? 0) + k.valueCents);
  for (const [line, ledger] of byLine) {
    const members = ctx.lines.find((l) => l.line === line)?.membersCents ?? 0;
    // More than 5% apart: the ledger and the financial statements tell different stories.
    if (Math.abs(ledger - members) * 20 > Math.max(ledger, members)) {
      out.push({
        code: 'ristorni.ledger-differs',
        text: say(
          {
            it: 'La voce {line} attribuisce ai soci {members}, ma gli scambi registrati valgono {ledger}: controlla il registro o il bilancio.',
            en: 'Line {line} gives members {members}, but the recorded exchanges are worth {ledger}: check the ledger or the statements.',
          },
          { line, members: money(members, cur), ledger: money(ledger, cur) },
        ),
      });
    }
  }
  const prev = prevalence(ctx.lines);
  if (rs.id === 'IT' && prev.passes === false) {
    out.push({
      code: 'ristorni.not-prevalent',
      text: say(
        {
          it: 'Nel {year} lo scambio con i soci è {pct}: non più della metà (art. 2512-2513 c.c.).',
          en: 'In {year} the exchange with members is {pct}: not more than half (art. 2512-2513 Italian Civil Code).',
        },
        { year: String(ctx.year), pct: percentOf(prev.membersCents, prev.totalCents) },
      ),
    });
  }
  return out;
}
