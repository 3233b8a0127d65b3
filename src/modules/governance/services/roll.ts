// The electoral roll, computed set-based in SQL (one INSERT … SELECT over the register, millions of members in
// seconds): every member on the record date, their votes, whether they are a financing member, and why they may not
// vote. domain/eligibility.ts states the same rule in plain code; test/governance/roll.test.ts checks they agree.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { forbidden, invalid, notFound } from '../../../core/errors.ts';
import { FINANCING_MEMBER_TYPES, explainRollEntry, type RollEntry } from '../domain/eligibility.ts';
import type { StatuteParams } from '../domain/statute.ts';
import { romeDate } from '../domain/calendar.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import { loadAssembly } from './access.ts';
import { one, rows } from './common.ts';

export interface RollTotals {
  members: number;
  voters: number;
  votes: number;
  financingVotes: number;
}

interface RollContext {
  assemblyId: string;
  cooperativeId: string;
  recordDate: string;
  /** Date of the first call in Italy: seniority is counted up to it. */
  assemblyDate: string;
  statute: StatuteParams;
  sectionId: string | null;
  sectional: boolean;
}

/** (Re)computes the roll inside the caller's transaction and stores the totals on the assembly. */
export async function computeRoll(tx: Db, c: RollContext): Promise<RollTotals> {
  await tx.execute(sql`DELETE FROM assembly_roll WHERE assembly_id = ${c.assemblyId}`);
  let totals: RollTotals | undefined;
  if (c.sectional) {
    // A general assembly of delegates: each delegate carries the votes their section gave them (art. 2540 c.c.).
    await tx.execute(sql`
      INSERT INTO assembly_roll (assembly_id, person_id, register_number, weight, financing, eligible, reason, days_in_register, delegate_section_id)
      SELECT d.assembly_id, d.person_id, NULL, d.weight, false, true, NULL, NULL, d.section_id
        FROM assembly_delegates d WHERE d.assembly_id = ${c.assemblyId}`);
  } else {
    const s = c.statute;
    // People are joined only when legal persons get more than one vote (a 2.8M-row join saved otherwise).
    const kindJoin = s.legalPersonVotes > 1 ? sql`JOIN people p ON p.id = m.person_id` : sql``;
    const kindCol = s.legalPersonVotes > 1 ? sql`p.kind` : sql`'natural'::text`;
    const section = c.sectionId
      ? sql`AND m.person_id IN (SELECT person_id FROM governance_section_members WHERE section_id = ${c.sectionId})`
      : sql``;
    await tx.execute(sql`
      WITH m AS (
        SELECT DISTINCT ON (m.person_id) m.person_id, m.register_number, m.member_types, m.registered_on,
               m.subscribed_cents, m.paid_cents, ${kindCol} AS kind
          FROM memberships m ${kindJoin}
         WHERE m.cooperative_id = ${c.cooperativeId} AND m.admitted_on <= ${c.recordDate}::date
           AND (m.exit_on IS NULL OR m.exit_on > ${c.recordDate}::date) ${section}
         ORDER BY m.person_id, m.admitted_on DESC),
      x AS (
        SELECT person_id, register_number, (${c.assemblyDate}::date - registered_on) AS days,
               member_types && ${`{${FINANCING_MEMBER_TYPES.join(',')}}`}::text[] AS financing,
               CASE WHEN (${c.assemblyDate}::date - registered_on) < ${s.minDaysInRegister}::int THEN 'seniority'
                    WHEN ${s.excludeUnpaidMembers}::boolean AND paid_cents < subscribed_cents THEN 'unpaid' END AS reason,
               CASE WHEN kind = 'legal' THEN ${s.legalPersonVotes}::int ELSE 1 END AS votes
          FROM m)
      INSERT INTO assembly_roll (assembly_id, person_id, register_number, weight, financing, eligible, reason, days_in_register)
      SELECT ${c.assemblyId}, person_id, register_number, CASE WHEN reason IS NULL THEN votes ELSE 0 END, financing,
             reason IS NULL, reason, days
        FROM x`);
  }
  // Totals in a second pass over the new roll: cheaper than returning millions of rows from the INSERT.
  totals = await one<RollTotals>(tx, sql`
    SELECT count(*)::int AS members, count(*) FILTER (WHERE eligible)::int AS voters,
           coalesce(sum(weight), 0)::int AS votes, coalesce(sum(weight) FILTER (WHERE financing), 0)::int AS "financingVotes"
      FROM assembly_roll WHERE assembly_id = ${c.assemblyId}`);
  const r = totals ?? { members: 0, voters: 0, votes: 0, financingVotes: 0 };
  await tx.execute(sql`UPDATE assemblies SET roll_computed_at = now(), roll_members = ${r.members}, roll_voters = ${r.voters},
      roll_votes = ${r.votes}, roll_financing_votes = ${r.financingVotes}, updated_at = now() WHERE id = ${c.assemblyId}`);
  return r;
}

export interface RollContextRow {
  id: string;
  cooperativeId: string;
  recordDate: string;
  firstCallAt: string;
  statute: StatuteParams;
  sectionId: string | null;
  sectional: boolean;
}

export async function rollContext(db: Db, assemblyId: string): Promise<RollContext> {
  const a = await one<RollContextRow>(db, sql`
    SELECT id, cooperative_id AS "cooperativeId", record_date AS "recordDate", first_call_at AS "firstCallAt", statute,
           section_id AS "sectionId", sectional FROM assemblies WHERE id = ${assemblyId}`);
  if (!a) throw notFound('governance.assembly.not-found');
  return {
    assemblyId: a.id,
    cooperativeId: a.cooperativeId,
    recordDate: a.recordDate,
    assemblyDate: romeDate(new Date(a.firstCallAt)),
    statute: a.statute,
    sectionId: a.sectionId,
    sectional: a.sectional,
  };
}

export interface RollLine {
  personId: string;
  registerNumber: number | null;
  name: string;
  kind: 'natural' | 'legal';
  weight: number;
  financing: boolean;
  eligible: boolean;
  reason: 'seniority' | 'unpaid' | null;
  daysInRegister: number | null;
  delegateSectionId: string | null;
  explanation: string[];
}

function explain(line: Omit<RollLine, 'explanation'>, statute: StatuteParams, locale: Locale): string[] {
  if (line.delegateSectionId) return [t(locale, 'governance.roll.delegate', { weight: line.weight })];
  const entry: RollEntry = { weight: line.weight, financing: line.financing, eligible: line.eligible, reason: line.reason, daysInRegister: line.daysInRegister ?? 0 };
  return explainRollEntry(entry, statute, line.kind).map((e) => t(locale, e.key, e.params));
}

const rollColumns = sql`r.person_id AS "personId", r.register_number AS "registerNumber",
  coalesce(p.family_name || ' ' || p.given_name, p.legal_name) AS name, p.kind, r.weight, r.financing, r.eligible, r.reason,
  r.days_in_register AS "daysInRegister", r.delegate_section_id AS "delegateSectionId"`;

/** A page of the roll (administrators and association staff). */
export async function listRoll(
  db: Db,
  p: Principal,
  assemblyId: string,
  q: { page?: number; pageSize?: number; eligible?: boolean; q?: string },
  locale: Locale,
) {
  const a = await loadAssembly(db, p, assemblyId);
  if (!a.access.read) throw forbidden();
  const ctx = await one<{ statute: StatuteParams; members: number; voters: number; votes: number; financingVotes: number; computedAt: string | null }>(db, sql`
    SELECT statute, roll_members AS members, roll_voters AS voters, roll_votes AS votes, roll_financing_votes AS "financingVotes",
           to_char(roll_computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "computedAt" FROM assemblies WHERE id = ${assemblyId}`);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 100;
  const conds = [sql`r.assembly_id = ${assemblyId}`];
  if (q.eligible !== undefined) conds.push(sql`r.eligible = ${q.eligible}`);
  if (q.q?.trim()) {
    const term = q.q.trim();
    const like = `%${term.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const n = /^\d{1,9}$/.test(term) ? Number(term) : null;
    conds.push(sql`(lower(coalesce(p.family_name || ' ' || p.given_name, p.legal_name)) LIKE ${like} OR r.register_number = ${n})`);
  }
  const where = sql.join(conds, sql` AND `);
  const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM assembly_roll r JOIN people p ON p.id = r.person_id WHERE ${where}`);
  const items = await rows<Omit<RollLine, 'explanation'>>(db, sql`
    SELECT ${rollColumns} FROM assembly_roll r JOIN people p ON p.id = r.person_id
     WHERE ${where} ORDER BY r.register_number NULLS LAST, r.person_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const statute = ctx?.statute as StatuteParams;
  return {
    totals: { members: ctx?.members ?? 0, voters: ctx?.voters ?? 0, votes: ctx?.votes ?? 0, financingVotes: ctx?.financingVotes ?? 0, computedAt: ctx?.computedAt ?? null },
    items: items.map((l) => ({ ...l, explanation: explain(l, statute, locale) })),
    total: count?.n ?? 0,
    page,
    pageSize,
  };
}

/** One person's roll entry with the explanation in words (the member sees their own). */
export async function rollEntryOf(db: Db, assemblyId: string, personId: string, locale: Locale): Promise<RollLine | null> {
  const line = await one<Omit<RollLine, 'explanation'> & { statute: StatuteParams }>(db, sql`
    SELECT ${rollColumns}, a.statute FROM assembly_roll r JOIN people p ON p.id = r.person_id JOIN assemblies a ON a.id = r.assembly_id
     WHERE r.assembly_id = ${assemblyId} AND r.person_id = ${personId}`);
  if (!line) return null;
  const { statute, ...rest } = line;
  return { ...rest, explanation: explain(rest, statute, locale) };
}

export async function getRollEntry(db: Db, p: Principal, assemblyId: string, personId: string, locale: Locale) {
  const a = await loadAssembly(db, p, assemblyId);
  if (personId !== p.personId && !a.access.read) throw forbidden();
  const line = await rollEntryOf(db, assemblyId, personId, locale);
  if (!line) {
    if (personId === p.personId) return { onRoll: false as const, entry: null, explanation: [t(locale, 'governance.roll.not-on-roll')] };
    throw invalid([{ field: 'params/personId', code: 'governance.roll.not-on-roll' }]);
  }
  return { onRoll: true as const, entry: line, explanation: line.explanation };
}
