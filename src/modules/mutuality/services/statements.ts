// Members' ristorni statements: every figure of a member's allocation with the formula in words (Italian and
// English), for the member themself and for their co-op's administrators; the list of a member's own statements;
// and the administrators' list of all allocations of a run.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { conflict, forbidden, notFound } from '../../../core/errors.ts';
import { canManageRegister } from '../../registry/index.ts';
import { explainStatement, ruleSet, weightOf, type RuleSetId, type ExchangeKind, type GradeLine, type MemberLine } from '../domain/index.ts';
import { coopForManaging, findCoop, findMembership, isOwnMembership } from './access.ts';
import { loadRun, runView } from './runs.ts';

interface AllocationRow {
  kind: ExchangeKind;
  valueCents: number;
  quantityMilli: number;
  weighted: string;
  capCents: number | null;
  amountCents: number;
  cashCents: number;
  capitalCents: number;
  capitalShares: number;
  instrumentsCents: number;
  withholdingCents: number;
}

const allocationColumns = sql`
  kind, value_cents::float8 AS "valueCents", quantity_milli::float8 AS "quantityMilli", weighted::text AS weighted, cap_cents::float8 AS "capCents",
  amount_cents::float8 AS "amountCents", cash_cents::float8 AS "cashCents", capital_cents::float8 AS "capitalCents", capital_shares AS "capitalShares",
  instruments_cents::float8 AS "instrumentsCents", withholding_cents::float8 AS "withholdingCents"`;

/** The statement of one membership in one run: its holder or its co-op's administrators. */
export async function getStatement(db: Db, p: Principal, runId: string, membershipId: string) {
  const run = await loadRun(db, runId);
  const m = await findMembership(db, membershipId);
  if (!m || m.cooperativeId !== run.cooperativeId) throw notFound('ristorni.no-allocation');
  if (!isOwnMembership(p, m) && !canManageRegister(p, run.cooperativeId)) throw forbidden();
  if (run.status === 'draft' || !run.figures) throw conflict('ristorni.not-computed');
  const rows = await queryRows<AllocationRow>(db, sql`
    SELECT ${allocationColumns} FROM ristorni_allocations WHERE run_id = ${runId} AND membership_id = ${membershipId}`);
  if (rows.length === 0) throw notFound('ristorni.no-allocation');
  const figures = run.figures;
  const kinds = run.inputs.kinds.map((k) => k.kind);
  const gradeRows = await queryRows<{ kind: ExchangeKind; grade: string | null; unit: string | null; valueCents: number; quantityMilli: number }>(db, sql`
    SELECT kind, grade, max(unit) AS unit, sum(value_cents)::float8 AS "valueCents", coalesce(sum(round(quantity * 1000)), 0)::float8 AS "quantityMilli"
      FROM exchange_entries
     WHERE membership_id = ${membershipId} AND occurred_on >= make_date(${run.year}::int, 1, 1) AND occurred_on < make_date(${run.year}::int + 1, 1, 1)
       AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
     GROUP BY kind, grade ORDER BY kind, grade NULLS FIRST`);
  const grades: GradeLine[] = gradeRows.map((g) => ({ ...g, weightBps: weightOf(figures.weights, g.kind, g.grade) }));
  const lines: MemberLine[] = rows.map((r) => ({ ...r, weighted: BigInt(r.weighted) }));
  const rs = ruleSet(run.ruleSet);
  const view = runView(run);
  const explained = explainStatement({
    rs,
    inputs: run.inputs,
    figures,
    status: run.status,
    approval: view.approval
      ? { assemblyDate: view.approval.assemblyDate, assemblyKind: view.approval.assemblyKind as 'ordinaria' | 'straordinaria', votesFor: view.approval.votesFor, votesAgainst: view.approval.votesAgainst, votesAbstained: view.approval.votesAbstained }
      : null,
    paidOn: run.paidOn,
    member: { natural: m.natural, shareNominalCents: m.shareNominalCents, exited: m.exitOn !== null },
    lines,
    grades,
  });
  const coop = await findCoop(db, run.cooperativeId);
  return {
    runId,
    cooperative: { id: run.cooperativeId, name: coop?.name ?? '', codiceFiscale: coop?.codiceFiscale ?? '' },
    year: run.year,
    status: run.status,
    ruleSet: run.ruleSet,
    currency: figures.currency,
    member: { membershipId, registerNumber: m.registerNumber, name: m.name, natural: m.natural, shareNominalCents: m.shareNominalCents },
    approval: view.approval,
    paidOn: run.paidOn,
    lines: explained.lines.map((l) => {
      const k = figures.kinds.find((x) => x.kind === l.kind);
      return {
        ...l,
        weighted: l.weighted.toString(),
        pool: { poolCents: k?.poolCents ?? 0, weighted: k?.weighted ?? '0', cappedCents: k?.cappedCents ?? 0, cappedWeighted: k?.cappedWeighted ?? '0', members: k?.members ?? 0 },
        grades: grades.filter((g) => g.kind === l.kind).map(({ kind, ...g }) => (void kind, g)),
      };
    }),
    // The rate the rule set applied to this member (Italy: 12.5% for natural persons when the assembly chose it).
    totals: { ...explained.totals, withholdingBps: rs.withholding({ natural: m.natural }, run.inputs) },
    explanation: explained.paragraphs,
  };
}
export type Statement = Awaited<ReturnType<typeof getStatement>>;

/** The caller's statements: every computed run of their co-ops that allocated something to them. */
export async function myRistorni(db: Db, p: Principal) {
  if (!p.personId) return { items: [] };
  const rows = await queryRows<{ runId: string; coopId: string; coopName: string; membershipId: string; year: number; status: 'computed' | 'approved' | 'paid'; ruleSet: RuleSetId; amountCents: number; netCashCents: number; capitalCents: number }>(db, sql`
    SELECT r.id AS "runId", o.id AS "coopId", o.name AS "coopName", m.id AS "membershipId", r.year, r.status, r.rule_set AS "ruleSet",
           sum(a.amount_cents)::float8 AS "amountCents", sum(a.cash_cents - a.withholding_cents)::float8 AS "netCashCents", sum(a.capital_cents)::float8 AS "capitalCents"
      FROM memberships m
      JOIN ristorni_runs r ON r.cooperative_id = m.cooperative_id AND r.status <> 'draft'
      JOIN ristorni_allocations a ON a.run_id = r.id AND a.membership_id = m.id
      JOIN organisations o ON o.id = r.cooperative_id
     WHERE m.person_id = ${p.personId}
     GROUP BY r.id, o.id, o.name, m.id, r.year, r.status, r.rule_set
     ORDER BY r.year DESC, o.name`);
  return { items: rows.map(({ coopId, coopName, ruleSet: id, ...r }) => ({ ...r, currency: ruleSet(id).currency, cooperative: { id: coopId, name: coopName } })) };
}

/** The caller's own statement in a run (their membership in the run's co-op). */
export async function myStatement(db: Db, p: Principal, runId: string) {
  const run = await loadRun(db, runId);
  if (!p.personId) throw notFound('ristorni.no-allocation');
  const [row] = await queryRows<{ id: string }>(db, sql`
    SELECT m.id FROM memberships m JOIN ristorni_allocations a ON a.run_id = ${runId} AND a.membership_id = m.id
     WHERE m.person_id = ${p.personId} AND m.cooperative_id = ${run.cooperativeId} LIMIT 1`);
  if (!row) throw notFound('ristorni.no-allocation');
  return getStatement(db, p, runId, row.id);
}

/** Every member's allocation in a run (administrators of the co-op), by register number. */
export async function listAllocations(db: Db, p: Principal, runId: string, q: { page?: number | undefined; pageSize?: number | undefined }) {
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 100;
  const rows = await queryRows<{ membershipId: string; registerNumber: number; name: string; kinds: (Omit<AllocationRow, 'weighted'> & { weighted: string | number })[] }>(db, sql`
    SELECT m.id AS "membershipId", m.register_number AS "registerNumber", coalesce(p.family_name || ' ' || p.given_name, p.legal_name) AS name,
           (SELECT json_agg(json_build_object('kind', a.kind, 'valueCents', a.value_cents, 'quantityMilli', a.quantity_milli, 'weighted', a.weighted::text,
                    'capCents', a.cap_cents, 'amountCents', a.amount_cents, 'cashCents', a.cash_cents, 'capitalCents', a.capital_cents,
                    'capitalShares', a.capital_shares, 'instrumentsCents', a.instruments_cents, 'withholdingCents', a.withholding_cents) ORDER BY a.kind)
              FROM ristorni_allocations a WHERE a.run_id = ${runId} AND a.membership_id = m.id) AS kinds
      FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE m.id IN (SELECT DISTINCT membership_id FROM ristorni_allocations WHERE run_id = ${runId})
     ORDER BY m.register_number
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const items = rows.map((r) => {
    const kinds = r.kinds.map((k) => ({ ...k, weighted: String(k.weighted) }));
    const sum = (f: 'amountCents' | 'cashCents' | 'capitalCents' | 'capitalShares' | 'instrumentsCents' | 'withholdingCents') => kinds.reduce((s, k) => s + Number(k[f]), 0);
    return {
      ...r,
      kinds,
      amountCents: sum('amountCents'),
      cashCents: sum('cashCents'),
      capitalCents: sum('capitalCents'),
      capitalShares: sum('capitalShares'),
      instrumentsCents: sum('instrumentsCents'),
      withholdingCents: sum('withholdingCents'),
    };
  });
  return { items, total: run.figures?.members ?? 0, page, pageSize };
}
