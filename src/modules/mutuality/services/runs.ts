// A year's ristorni run and its workflow: draft (inputs editable) → computed (figures frozen, see compute.ts) →
// approved by an assembly resolution → paid (capital-increase shares written to the share-capital ledger).
// The approval links the resolution the co-op's general assembly passed in the governance module (its date, kind,
// votes and text are copied from the closed ballot), or — for an assembly held off the platform — records the
// resolution as typed in. Payment before approval is refused here and by the table's constraints.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import type { Principal } from '../../../core/http.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../core/errors.ts';
import { ruleSet, type RistorniRuleSet, type RunFigures, type RunInputs, type RuleSetId } from '../domain/index.ts';
import type { ApprovalInput, RunCreate, RunPatch } from '../schemas.ts';
import { passedResolutions, type PassedResolution } from '../../governance/index.ts';
import { coopForManaging, coopForReading, iso, todayIso, type Actor } from './access.ts';
import { settingsOf } from './settings.ts';

export type RunStatus = 'draft' | 'computed' | 'approved' | 'paid';

export interface RunRow {
  id: string;
  cooperativeId: string;
  year: number;
  ruleSet: RuleSetId;
  status: RunStatus;
  inputs: RunInputs;
  figures: RunFigures | null;
  computedAt: unknown;
  assemblyDate: string | null;
  assemblyKind: 'ordinaria' | 'straordinaria' | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstained: number | null;
  resolutionText: string | null;
  governanceResolutionId: string | null;
  approvedAt: unknown;
  paidOn: string | null;
  createdAt: unknown;
}

export async function loadRun(db: Db, runId: string): Promise<RunRow> {
  const [row] = await queryRows<RunRow>(db, sql`
    SELECT id, cooperative_id AS "cooperativeId", year, rule_set AS "ruleSet", status, inputs, figures, computed_at AS "computedAt",
           assembly_date AS "assemblyDate", assembly_kind AS "assemblyKind", votes_for AS "votesFor", votes_against AS "votesAgainst",
           votes_abstained AS "votesAbstained", resolution_text AS "resolutionText", governance_resolution_id AS "governanceResolutionId",
           approved_at AS "approvedAt", paid_on AS "paidOn", created_at AS "createdAt"
      FROM ristorni_runs WHERE id = ${runId}`);
  if (!row) throw notFound('ristorni.not-found');
  return row;
}

export function runView(r: RunRow) {
  return {
    id: r.id,
    cooperativeId: r.cooperativeId,
    year: r.year,
    ruleSet: r.ruleSet,
    status: r.status,
    inputs: r.inputs,
    figures: r.figures,
    computedAt: r.computedAt ? iso(r.computedAt) : null,
    approval:
      r.assemblyDate && r.approvedAt
        ? {
            assemblyDate: r.assemblyDate,
            assemblyKind: r.assemblyKind as string,
            votesFor: r.votesFor as number,
            votesAgainst: r.votesAgainst as number,
            votesAbstained: r.votesAbstained as number,
            resolutionText: r.resolutionText as string,
            governanceResolutionId: r.governanceResolutionId,
            approvedAt: iso(r.approvedAt),
          }
        : null,
    paidOn: r.paidOn,
    createdAt: iso(r.createdAt),
  };
}
export type RunView = ReturnType<typeof runView>;

/** Inputs with the rule set's defaults filled in, and every problem with them (fields under `body/`). */
export function buildInputs(rs: RistorniRuleSet, body: Omit<RunCreate, 'year'>): { inputs: RunInputs; errors: FieldError[] } {
  const d = rs.defaults();
  const inputs: RunInputs = {
    surplusCents: body.surplusCents,
    incomeTaxesCents: body.incomeTaxesCents ?? 0,
    kinds: body.kinds.map((k) => ({ kind: k.kind as RunInputs['kinds'][number]['kind'], basis: k.basis ?? 'value' })),
    poolCents: body.poolCents ?? null,
    forms: body.forms ?? d.forms,
    withholding: body.withholding ?? d.withholding,
    legalReserveBps: body.legalReserveBps ?? d.legalReserveBps,
    dividendsCents: body.dividendsCents ?? 0,
  };
  const errors: FieldError[] = rs.validate(inputs).map((x) => ({ field: `body/${x.field}`, code: x.code, ...(x.params ? { params: x.params } : {}) }));
  const seen = new Set<string>();
  inputs.kinds.forEach((k, i) => {
    if (seen.has(k.kind)) errors.push({ field: `body/kinds/${i}/kind`, code: 'ristorni.kinds-duplicate' });
    seen.add(k.kind);
  });
  if (inputs.poolCents !== null && inputs.poolCents > inputs.surplusCents) {
    errors.push({ field: 'body/poolCents', code: 'ristorni.pool-above-ceiling', params: { ceiling: inputs.surplusCents } });
  }
  return { inputs, errors };
}

export async function createRun(db: Db, actor: Actor, coopId: string, body: RunCreate): Promise<RunView> {
  const p = actor.principal;
  await coopForManaging(db, p, coopId);
  const { rs } = await settingsOf(db, coopId);
  const { year, ...rest } = body;
  const { inputs, errors } = buildInputs(rs, rest);
  if (errors.length) throw invalid(errors);
  const id = await db
    .transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(tx, sql`
        INSERT INTO ristorni_runs (cooperative_id, year, rule_set, inputs, created_by)
        VALUES (${coopId}, ${year}, ${rs.id}, ${JSON.stringify(inputs)}::jsonb, ${p.accountId}) RETURNING id`);
      if (!row) throw new Error('insert returned nothing');
      await audit(tx, { actorAccountId: p.accountId, action: 'ristorni.create', subjectType: 'ristorni_run', subjectId: row.id, organisationId: coopId, requestId: actor.requestId, details: { year } });
      return row.id;
    })
    .catch((e: unknown) => {
      const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (code === '23505') throw conflict('ristorni.run-exists', [{ field: 'body/year', code: 'ristorni.run-exists' }]);
      throw e;
    });
  return runView(await loadRun(db, id));
}

export async function updateRun(db: Db, actor: Actor, runId: string, patch: RunPatch): Promise<RunView> {
  const p = actor.principal;
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  if (run.status !== 'draft') throw conflict('ristorni.not-draft');
  const merged = { ...run.inputs, ...patch } as Omit<RunCreate, 'year'>;
  const { inputs, errors } = buildInputs(ruleSet(run.ruleSet), merged);
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(tx, sql`
      UPDATE ristorni_runs SET inputs = ${JSON.stringify(inputs)}::jsonb, updated_at = now() WHERE id = ${runId} AND status = 'draft' RETURNING id`);
    if (!row) throw conflict('ristorni.not-draft');
    await audit(tx, { actorAccountId: p.accountId, action: 'ristorni.update', subjectType: 'ristorni_run', subjectId: runId, organisationId: run.cooperativeId, requestId: actor.requestId, details: { fields: Object.keys(patch) } });
  });
  return runView(await loadRun(db, runId));
}

export async function deleteRun(db: Db, actor: Actor, runId: string): Promise<void> {
  const p = actor.principal;
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  if (run.status !== 'draft') throw conflict('ristorni.not-draft');
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(tx, sql`DELETE FROM ristorni_runs WHERE id = ${runId} AND status = 'draft' RETURNING id`);
    if (!row) throw conflict('ristorni.not-draft');
    await audit(tx, { actorAccountId: p.accountId, action: 'ristorni.delete', subjectType: 'ristorni_run', subjectId: runId, organisationId: run.cooperativeId, requestId: actor.requestId, details: { year: run.year } });
  });
}

export async function getRun(db: Db, p: Principal, runId: string): Promise<RunView> {
  const run = await loadRun(db, runId);
  await coopForReading(db, p, run.cooperativeId);
  return runView(run);
}

export async function listRuns(db: Db, p: Principal, coopId: string) {
  await coopForReading(db, p, coopId);
  const rows = await queryRows<{ id: string; year: number; ruleSet: RuleSetId; status: RunStatus; poolCents: number | null; members: number | null; computedAt: unknown; paidOn: string | null }>(db, sql`
    SELECT id, year, rule_set AS "ruleSet", status, (figures->>'allocatedCents')::float8 AS "poolCents", (figures->>'members')::int AS members,
           computed_at AS "computedAt", paid_on AS "paidOn"
      FROM ristorni_runs WHERE cooperative_id = ${coopId} ORDER BY year DESC`);
  return { items: rows.map((r) => ({ ...r, computedAt: r.computedAt ? iso(r.computedAt) : null })) };
}

/** Back to draft before approval: the allocations go, the figures thaw, the year reopens to entries. */
export async function reopenRun(db: Db, actor: Actor, runId: string): Promise<RunView> {
  const p = actor.principal;
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  if (run.status !== 'computed') throw conflict('ristorni.not-computed');
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(tx, sql`
      UPDATE ristorni_runs SET status = 'draft', figures = NULL, computed_at = NULL, updated_at = now() WHERE id = ${runId} AND status = 'computed' RETURNING id`);
    if (!row) throw conflict('ristorni.not-computed');
    await tx.execute(sql`DELETE FROM ristorni_allocations WHERE run_id = ${runId}`);
    await audit(tx, { actorAccountId: p.accountId, action: 'ristorni.reopen', subjectType: 'ristorni_run', subjectId: runId, organisationId: run.cooperativeId, requestId: actor.requestId });
  });
  return runView(await loadRun(db, runId));
}

/** Resolutions the co-op's general assemblies passed after the run's year end: candidates for approving it. */
export async function approvingResolutions(db: Db, p: Principal, runId: string): Promise<{ items: PassedResolution[] }> {
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  return { items: await passedResolutions(db, run.cooperativeId, { after: `${run.year}-12-31` }) };
}

type Approval = { assemblyDate: string; assemblyKind: 'ordinaria' | 'straordinaria'; votesFor: number; votesAgainst: number; votesAbstained: number; resolutionText: string; governanceResolutionId: string | null };

/** The approval to record: from the linked governance resolution, or from the typed-in fields (all required then). */
async function approvalFrom(db: Db, run: RunRow, input: ApprovalInput): Promise<Approval> {
  if (input.governanceResolutionId) {
    const [r] = await passedResolutions(db, run.cooperativeId, { itemId: input.governanceResolutionId });
    if (!r) throw invalid([{ field: 'body/governanceResolutionId', code: 'ristorni.resolution-not-passed' }]);
    if (r.heldOn <= `${run.year}-12-31`) throw invalid([{ field: 'body/governanceResolutionId', code: 'ristorni.assembly-before-year-end' }]);
    return {
      assemblyDate: r.heldOn,
      assemblyKind: r.assemblyKind === 'ordinary' ? 'ordinaria' : 'straordinaria',
      votesFor: r.votesFor,
      votesAgainst: r.votesAgainst,
      votesAbstained: r.votesAbstained,
      resolutionText: r.text,
      governanceResolutionId: r.itemId,
    };
  }
  const { assemblyDate, assemblyKind, votesFor, votesAgainst, votesAbstained, resolutionText } = input;
  const errors: FieldError[] = [];
  const required = { assemblyDate, assemblyKind, votesFor, votesAgainst, votesAbstained, resolutionText };
  for (const [k, v] of Object.entries(required)) if (v === undefined) errors.push({ field: `body/${k}`, code: 'field.required' });
  if (errors.length || assemblyDate === undefined || assemblyKind === undefined || votesFor === undefined || votesAgainst === undefined || votesAbstained === undefined || resolutionText === undefined) throw invalid(errors);
  if (assemblyDate <= `${run.year}-12-31`) errors.push({ field: 'body/assemblyDate', code: 'ristorni.assembly-before-year-end' });
  if (assemblyDate > todayIso()) errors.push({ field: 'body/assemblyDate', code: 'ristorni.assembly-in-future' });
  if (votesFor <= votesAgainst) errors.push({ field: 'body/votesFor', code: 'ristorni.rejected-by-votes' });
  if (errors.length) throw invalid(errors);
  return { assemblyDate, assemblyKind, votesFor, votesAgainst, votesAbstained, resolutionText, governanceResolutionId: null };
}

/** Records the assembly's resolution approving the computed ristorni. */
export async function approveRun(db: Db, actor: Actor, runId: string, input: ApprovalInput): Promise<RunView> {
  const p = actor.principal;
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  const a = await approvalFrom(db, run, input);
  if (run.status !== 'computed') throw conflict('ristorni.not-computed');
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(tx, sql`
      UPDATE ristorni_runs
         SET status = 'approved', assembly_date = ${a.assemblyDate}, assembly_kind = ${a.assemblyKind}, votes_for = ${a.votesFor},
             votes_against = ${a.votesAgainst}, votes_abstained = ${a.votesAbstained}, resolution_text = ${a.resolutionText},
             governance_resolution_id = ${a.governanceResolutionId}, approved_at = now(), approved_by = ${p.accountId}, updated_at = now()
       WHERE id = ${runId} AND status = 'computed' RETURNING id`);
    if (!row) throw conflict('ristorni.not-computed');
    await audit(tx, { actorAccountId: p.accountId, action: 'ristorni.approve', subjectType: 'ristorni_run', subjectId: runId, organisationId: run.cooperativeId, requestId: actor.requestId, details: { assemblyDate: a.assemblyDate, votesFor: a.votesFor, votesAgainst: a.votesAgainst, votesAbstained: a.votesAbstained, governanceResolutionId: a.governanceResolutionId } });
  });
  return runView(await loadRun(db, runId));
}

/** Marks the approved ristorni paid; the capital-increase parts become share-capital movements in the same transaction. */
export async function payRun(db: Db, actor: Actor, runId: string, paidOn: string): Promise<RunView> {
  const p = actor.principal;
  const run = await loadRun(db, runId);
  await coopForManaging(db, p, run.cooperativeId);
  if (run.status === 'paid') throw conflict('ristorni.already-paid');
  if (run.status !== 'approved') throw conflict('ristorni.not-approved');
  const errors: FieldError[] = [];
  if (run.assemblyDate && paidOn < run.assemblyDate) errors.push({ field: 'body/paidOn', code: 'ristorni.paid-before-assembly' });
  if (paidOn > todayIso()) errors.push({ field: 'body/paidOn', code: 'exchange.future-date' });
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(tx, sql`
      UPDATE ristorni_runs SET status = 'paid', paid_on = ${paidOn}, paid_at = now(), updated_at = now()
       WHERE id = ${runId} AND status = 'approved' RETURNING id`);
    if (!row) throw conflict('ristorni.not-approved');
    const moved = await queryRows<{ n: number }>(tx, sql`
      WITH ins AS (
        INSERT INTO share_capital_movements (cooperative_id, membership_id, kind, occurred_on, shares_delta, subscribed_delta_cents, paid_delta_cents, ristorni_run_id, recorded_by)
        SELECT ${run.cooperativeId}, membership_id, 'ristorno', ${paidOn}, sum(capital_shares), sum(capital_cents), sum(capital_cents), ${runId}, ${p.accountId}
          FROM ristorni_allocations WHERE run_id = ${runId} AND capital_cents > 0
         GROUP BY membership_id
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`);
    await audit(tx, { actorAccountId: p.accountId, action: 'ristorni.pay', subjectType: 'ristorni_run', subjectId: runId, organisationId: run.cooperativeId, requestId: actor.requestId, details: { paidOn, capitalMovements: moved[0]?.n ?? 0 } });
  });
  return runView(await loadRun(db, runId));
}
