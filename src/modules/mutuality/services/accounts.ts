// The figures a co-op enters for a year: financial-statement lines split members/others (from which the
// prevalence test and the ristorni ceiling follow) and the board's quality weights; and the prevalence test itself.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import type { Principal } from '../../../core/http.ts';
import { conflict, invalid, type FieldError } from '../../../core/errors.ts';
import { prevalence, prevalenceWarnings, type LineFigures, type QualityWeight, type StatementLine } from '../domain/index.ts';
import type { StatementLinesInput, WeightsInput } from '../schemas.ts';
import { coopForManaging, coopForReading, type Actor } from './access.ts';

export async function linesOf(db: Db, coopId: string, year: number): Promise<LineFigures[]> {
  return queryRows<LineFigures>(db, sql`
    SELECT line, members_cents::float8 AS "membersCents", others_cents::float8 AS "othersCents"
      FROM mutuality_statement_lines WHERE cooperative_id = ${coopId} AND year = ${year} ORDER BY line`);
}

async function allLines(db: Db, coopId: string): Promise<Map<number, LineFigures[]>> {
  const rows = await queryRows<LineFigures & { year: number }>(db, sql`
    SELECT year, line, members_cents::float8 AS "membersCents", others_cents::float8 AS "othersCents"
      FROM mutuality_statement_lines WHERE cooperative_id = ${coopId} ORDER BY year, line`);
  const out = new Map<number, LineFigures[]>();
  for (const { year, ...l } of rows) out.set(year, [...(out.get(year) ?? []), l]);
  return out;
}

export async function listStatementLines(db: Db, p: Principal, coopId: string) {
  await coopForReading(db, p, coopId);
  return { items: [...(await allLines(db, coopId))].map(([year, lines]) => ({ year, lines })) };
}

/** Replaces the year's lines (an empty list clears them). Refused once the year's ristorni are computed. */
export async function putStatementLines(db: Db, actor: Actor, coopId: string, year: number, input: StatementLinesInput) {
  await coopForManaging(db, actor.principal, coopId);
  const seen = new Set<StatementLine>();
  const errors: FieldError[] = [];
  input.lines.forEach((l, i) => {
    if (seen.has(l.line as StatementLine)) errors.push({ field: `body/lines/${i}/line`, code: 'statement-lines.duplicate' });
    seen.add(l.line as StatementLine);
  });
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    await assertYearOpen(tx, coopId, year);
    await tx.execute(sql`DELETE FROM mutuality_statement_lines WHERE cooperative_id = ${coopId} AND year = ${year}`);
    for (const l of input.lines) {
      await tx.execute(sql`INSERT INTO mutuality_statement_lines (cooperative_id, year, line, members_cents, others_cents)
                           VALUES (${coopId}, ${year}, ${l.line}, ${l.membersCents}, ${l.othersCents})`);
    }
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'mutuality.statement-lines', subjectType: 'organisation', subjectId: coopId, organisationId: coopId, requestId: actor.requestId, details: { year, lines: input.lines.map((l) => l.line) } });
  });
  return { year, lines: await linesOf(db, coopId, year) };
}

/** Once the year's ristorni are computed, the figures they used are frozen (reopen the computation to change them). */
async function assertYearOpen(db: Db, coopId: string, year: number): Promise<void> {
  const [run] = await queryRows<{ status: string }>(db, sql`SELECT status FROM ristorni_runs WHERE cooperative_id = ${coopId} AND year = ${year} FOR UPDATE`);
  if (run && run.status !== 'draft') throw conflict('exchange.year-closed', [{ field: 'params/year', code: 'exchange.year-closed', params: { year } }], { year });
}

function prevalenceOfYear(year: number, lines: LineFigures[], all: Map<number, LineFigures[]>, social: boolean) {
  const r = prevalence(lines, { socialCooperative: social });
  const verdicts = [...all].map(([y, ls]) => ({ year: y, passes: prevalence(ls).passes }));
  const warnings = social ? [] : prevalenceWarnings(year, verdicts);
  return { year, ...r, socialCooperative: social, warnings };
}

export async function prevalenceFor(db: Db, p: Principal, coopId: string, year: number) {
  const coop = await coopForReading(db, p, coopId);
  const all = await allLines(db, coopId);
  return prevalenceOfYear(year, all.get(year) ?? [], all, coop.socialType !== null);
}

export async function prevalenceHistory(db: Db, p: Principal, coopId: string) {
  const coop = await coopForReading(db, p, coopId);
  const all = await allLines(db, coopId);
  return { items: [...all].map(([year, lines]) => prevalenceOfYear(year, lines, all, coop.socialType !== null)) };
}

export async function weightsOf(db: Db, coopId: string, year: number): Promise<QualityWeight[]> {
  return queryRows<QualityWeight>(db, sql`
    SELECT kind, grade, weight_bps AS "weightBps" FROM quality_weights WHERE cooperative_id = ${coopId} AND year = ${year} ORDER BY kind, grade`);
}

export async function getWeights(db: Db, p: Principal, coopId: string, year: number) {
  await coopForReading(db, p, coopId);
  return { year, items: await weightsOf(db, coopId, year) };
}

/** The board sets the year's quality weights (replacing the previous set). */
export async function putWeights(db: Db, actor: Actor, coopId: string, year: number, input: WeightsInput) {
  await coopForManaging(db, actor.principal, coopId);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  const items = input.items.map((w) => ({ ...w, grade: w.grade.trim() }));
  items.forEach((w, i) => {
    const key = `${w.kind}|${w.grade}`;
    if (seen.has(key)) errors.push({ field: `body/items/${i}/grade`, code: 'weights.duplicate' });
    seen.add(key);
  });
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    await assertYearOpen(tx, coopId, year);
    await tx.execute(sql`DELETE FROM quality_weights WHERE cooperative_id = ${coopId} AND year = ${year}`);
    for (const w of items) {
      await tx.execute(sql`INSERT INTO quality_weights (cooperative_id, year, kind, grade, weight_bps) VALUES (${coopId}, ${year}, ${w.kind}, ${w.grade}, ${w.weightBps})`);
    }
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'mutuality.quality-weights', subjectType: 'organisation', subjectId: coopId, organisationId: coopId, requestId: actor.requestId, details: { year, count: items.length } });
  });
  return { year, items: await weightsOf(db, coopId, year) };
}
