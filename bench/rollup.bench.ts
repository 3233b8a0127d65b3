// Roll-up benchmark: `computeRollup` (reads the coop_member_stats aggregates kept by `refreshMemberStats`) over the
// whole federation, beside the naive way — the same roll-up with the member counts taken by scanning the register
// (memberships ⋈ people of every co-op in the subtree, grouped by type and gender). Both run against the same
// database in the same process; the naive result is checked against the aggregate one.
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../src/core/db.ts';
import { coopsUnderSql } from '../src/modules/registry/scope.ts';
import { computeRollup, buildRollup } from '../src/modules/registry/service.ts';
import type { Rollup } from '../src/modules/registry/types.ts';
import { sample, summarize, ratio, type Summary } from './lib/stats.ts';

export interface RollupTarget {
  id: string;
  name: string;
  kind: string;
  cooperatives: number;
  members: number;
}

export interface RollupResult {
  target: RollupTarget;
  /** computeRollup (service level, no HTTP), milliseconds. */
  rollup: Summary;
  /** The naive scan, milliseconds. */
  naive: Summary;
  /** naive p50 / roll-up p50, naive p99 / roll-up p99. */
  speedupP50: number | null;
  speedupP99: number | null;
  goalP99Ms: number;
  goalMet: boolean;
  /** The naive and the aggregate roll-ups agree. */
  consistent: boolean;
}

/** The same roll-up as `computeRollup(db, orgId, null)`, but counting today's members by scanning the register. */
export async function naiveRollup(db: Db, orgId: string): Promise<Rollup> {
  const figuresYear = new Date().getUTCFullYear() - 1;
  const coops = coopsUnderSql(orgId);
  const today = new Date().toISOString().slice(0, 10);
  const [counts] = await queryRows<{ cooperatives: number }>(db, sql`
    SELECT count(*)::int AS cooperatives FROM cooperatives c
     WHERE c.organisation_id IN (${coops}) AND c.status <> 'struck_off'`);
  const memberRows = await queryRows<{ member_type: string; gender: string; members: number }>(db, sql`
    SELECT x.t AS member_type, coalesce(p.gender, '?') AS gender, count(*)::int AS members
      FROM memberships m
      JOIN people p ON p.id = m.person_id
      CROSS JOIN LATERAL (SELECT DISTINCT unnest(m.member_types || '{*}'::text[]) AS t) x
     WHERE m.cooperative_id IN (${coops})
       AND m.admitted_on <= ${today}::date AND (m.exit_on IS NULL OR m.exit_on > ${today}::date)
     GROUP BY 1, 2`);
  const [fig] = await queryRows<{ women: number; men: number; other: number; pv: number; sub: number; paid: number }>(db, sql`
    SELECT coalesce(sum(employees_women), 0)::float8 AS women, coalesce(sum(employees_men), 0)::float8 AS men,
           coalesce(sum(employees_other), 0)::float8 AS other, coalesce(sum(production_value_cents), 0)::float8 AS pv,
           coalesce(sum(share_capital_subscribed_cents), 0)::float8 AS sub, coalesce(sum(share_capital_paid_cents), 0)::float8 AS paid
      FROM yearly_figures WHERE year = ${figuresYear} AND cooperative_id IN (${coops})`);
  return buildRollup(orgId, null, figuresYear, counts?.cooperatives ?? 0, memberRows, fig);
}

/** Stable JSON (sorted keys) for comparing two roll-ups. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Organisations (not co-ops) by today's members under them, biggest first; the first is the whole federation. */
export async function rollupTargets(database: Database): Promise<RollupTarget[]> {
  const { rows } = await database.query<RollupTarget>(`
    SELECT o.id, o.name, o.kind,
           count(DISTINCT s.cooperative_id)::int AS cooperatives,
           coalesce(sum(s.members), 0)::float8 AS members
      FROM organisations o
      JOIN organisation_closure c ON c.ancestor_id = o.id
      JOIN coop_member_stats s ON s.cooperative_id = c.descendant_id AND s.year = 9999 AND s.member_type = '*'
     WHERE o.kind <> 'cooperative'
     GROUP BY o.id, o.name, o.kind
     ORDER BY members DESC, o.kind
     LIMIT 50`);
  return rows;
}

export interface RollupBenchOptions {
  runs: number;
  naiveRuns: number;
  goalP99Ms?: number;
  log?: (msg: string) => void;
}

export async function benchRollup(database: Database, target: RollupTarget, o: RollupBenchOptions): Promise<RollupResult> {
  const db = database.db;
  const log = o.log ?? (() => {});
  const goalP99Ms = o.goalP99Ms ?? 50;
  const aggregate = await computeRollup(db, target.id, null);
  log(`  naive scan of ${target.name} (${o.naiveRuns} runs) …`);
  const naiveOnce = await naiveRollup(db, target.id);
  const consistent = canonical(aggregate) === canonical(naiveOnce);
  const naive = summarize(await sample(() => naiveRollup(db, target.id), o.naiveRuns, 1));
  log(`  computeRollup on ${target.name} (${o.runs} runs) …`);
  const rollup = summarize(await sample(() => computeRollup(db, target.id, null), o.runs, 10));
  return {
    target,
    rollup,
    naive,
    speedupP50: ratio(naive.p50, rollup.p50),
    speedupP99: ratio(naive.p99, rollup.p99),
    goalP99Ms,
    goalMet: rollup.p99 <= goalP99Ms,
    consistent,
  };
}
