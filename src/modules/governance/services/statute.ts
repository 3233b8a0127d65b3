// A co-op's statute parameters (versioned), its officers and its sections.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { invalid, notFound, conflict } from '../../../core/errors.ts';
import {
  DEFAULT_STATUTE,
  LEGAL_QUORUMS,
  RULE_FINANCING_CAP,
  RULE_LEGAL_PERSON_VOTES,
  RULE_MAX_PROXIES,
  RULE_MIN_DAYS_IN_REGISTER,
  RULE_NOTICE,
  RULE_PROXY_EXCLUDED_ROLES,
  RULE_QUORUM_IN_VOTES,
  RULE_SECOND_CALL,
  validateStatute,
  withDefaults,
  type StatuteParams,
  type OfficerRole,
} from '../domain/statute.ts';
import { RULE_SECTIONAL } from '../domain/delegates.ts';
import { requireManage, requireRead } from './access.ts';
import { inTx, iso, mapDbError, one, rows, uuidArray, type Actor } from './common.ts';

export interface StatuteView {
  cooperativeId: string;
  /** 0: no statute recorded, the Codice civile defaults apply. */
  version: number;
  params: StatuteParams;
  note: string | null;
  createdAt: string | null;
}

/** The parameters in force for a co-op (the latest version, or the defaults). */
export async function currentStatute(db: Db, coopId: string): Promise<{ version: number; params: StatuteParams }> {
  const row = await one<{ version: number; params: Partial<StatuteParams> }>(db, sql`
    SELECT version, params FROM governance_statutes WHERE cooperative_id = ${coopId} ORDER BY version DESC LIMIT 1`);
  return row ? { version: row.version, params: withDefaults(row.params) } : { version: 0, params: DEFAULT_STATUTE };
}

export async function getStatute(db: Db, p: Principal, coopId: string): Promise<StatuteView> {
  await requireRead(db, p, coopId);
  const row = await one<{ version: number; params: Partial<StatuteParams>; note: string | null; createdAt: string }>(db, sql`
    SELECT version, params, note, ${iso('created_at')} AS "createdAt" FROM governance_statutes
     WHERE cooperative_id = ${coopId} ORDER BY version DESC LIMIT 1`);
  if (!row) return { cooperativeId: coopId, version: 0, params: DEFAULT_STATUTE, note: null, createdAt: null };
  return { cooperativeId: coopId, version: row.version, params: withDefaults(row.params), note: row.note, createdAt: row.createdAt };
}

export async function listStatuteVersions(db: Db, p: Principal, coopId: string): Promise<StatuteView[]> {
  await requireRead(db, p, coopId);
  const list = await rows<{ version: number; params: Partial<StatuteParams>; note: string | null; createdAt: string }>(db, sql`
    SELECT version, params, note, ${iso('created_at')} AS "createdAt" FROM governance_statutes WHERE cooperative_id = ${coopId} ORDER BY version DESC`);
  return list.map((r) => ({ cooperativeId: coopId, version: r.version, params: withDefaults(r.params), note: r.note, createdAt: r.createdAt }));
}

/** Records a new version of the statute parameters (assemblies already convened keep theirs). */
export async function putStatute(db: Db, actor: Actor, coopId: string, params: StatuteParams, note: string | null): Promise<StatuteView> {
  await requireManage(db, actor.principal, coopId);
  const full = withDefaults(params);
  const problems = validateStatute(full);
  if (problems.length) throw invalid(problems.map((x) => ({ field: `body/params/${x.field}`, code: x.code, ...(x.params ? { params: x.params } : {}) })));
  await inTx(db, async (tx) => {
    // Lock the co-op's versions so two concurrent changes do not both take the same number.
    await rows(tx, sql`SELECT 1 FROM cooperatives WHERE organisation_id = ${coopId} FOR UPDATE`);
    const next = await one<{ v: number }>(tx, sql`SELECT coalesce(max(version), 0)::int + 1 AS v FROM governance_statutes WHERE cooperative_id = ${coopId}`);
    await tx.execute(sql`INSERT INTO governance_statutes (cooperative_id, version, params, note, created_by)
      VALUES (${coopId}, ${next?.v ?? 1}, ${JSON.stringify(full)}::jsonb, ${note}, ${actor.principal.accountId})`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.statute.put', subjectType: 'organisation', subjectId: coopId, organisationId: coopId, requestId: actor.requestId, details: { version: next?.v } });
  }).catch(mapDbError);
  return getStatute(db, actor.principal, coopId);
}

/** The legal rules the platform applies, each with its source (for the web app's explanations). */
export function legalRules() {
  return {
    minDaysInRegister: RULE_MIN_DAYS_IN_REGISTER,
    legalPersonVotes: RULE_LEGAL_PERSON_VOTES,
    financingCap: RULE_FINANCING_CAP,
    maxProxies: RULE_MAX_PROXIES,
    proxyExcludedRoles: { roles: [...RULE_PROXY_EXCLUDED_ROLES.roles], source: RULE_PROXY_EXCLUDED_ROLES.source },
    notice: RULE_NOTICE,
    secondCall: RULE_SECOND_CALL,
    quorumInVotes: RULE_QUORUM_IN_VOTES,
    sectional: RULE_SECTIONAL,
    quorums: LEGAL_QUORUMS,
  };
}

// ---------- officers ----------

export interface OfficerView {
  id: string;
  personId: string;
  name: string;
  role: OfficerRole;
  since: string;
  until: string | null;
}

export async function listOfficers(db: Db, p: Principal, coopId: string): Promise<OfficerView[]> {
  await requireRead(db, p, coopId);
  return rows<OfficerView>(db, sql`
    SELECT o.id, o.person_id AS "personId", coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name, o.role, o.since, o.until
      FROM governance_officers o JOIN people pe ON pe.id = o.person_id
     WHERE o.cooperative_id = ${coopId} ORDER BY o.until NULLS FIRST, o.role, name`);
}

export async function addOfficer(db: Db, actor: Actor, coopId: string, input: { personId: string; role: OfficerRole; since: string }): Promise<OfficerView> {
  await requireManage(db, actor.principal, coopId);
  const person = await one<{ id: string }>(db, sql`SELECT id FROM people WHERE id = ${input.personId}`);
  if (!person) throw invalid([{ field: 'body/personId', code: 'registry.person-not-found' }]);
  const id = await inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`INSERT INTO governance_officers (cooperative_id, person_id, role, since)
      VALUES (${coopId}, ${input.personId}, ${input.role}, ${input.since}) RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.officer.add', subjectType: 'person', subjectId: input.personId, organisationId: coopId, requestId: actor.requestId, details: { role: input.role } });
    return r?.id as string;
  }).catch((e: unknown) => {
    if ((e as { cause?: { code?: string } }).cause?.code === '23505' || (e as { code?: string }).code === '23505') throw conflict('governance.officer.exists');
    return mapDbError(e);
  });
  const all = await listOfficers(db, actor.principal, coopId);
  return all.find((o) => o.id === id) as OfficerView;
}

export async function endOfficer(db: Db, actor: Actor, officerId: string, until: string): Promise<OfficerView> {
  const row = await one<{ coop: string; since: string; until: string | null }>(db, sql`SELECT cooperative_id AS coop, since, until FROM governance_officers WHERE id = ${officerId}`);
  if (!row) throw notFound('governance.officer.not-found');
  await requireManage(db, actor.principal, row.coop);
  if (row.until) throw conflict('governance.officer.ended');
  if (until < row.since) throw invalid([{ field: 'body/until', code: 'field.date-order' }]);
  await inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE governance_officers SET until = ${until} WHERE id = ${officerId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.officer.end', subjectType: 'governance_officer', subjectId: officerId, organisationId: row.coop, requestId: actor.requestId });
  }).catch(mapDbError);
  return (await listOfficers(db, actor.principal, row.coop)).find((o) => o.id === officerId) as OfficerView;
}

// ---------- sections ----------

export interface SectionView {
  id: string;
  name: string;
  members: number;
}

export async function listSections(db: Db, p: Principal, coopId: string): Promise<SectionView[]> {
  await requireRead(db, p, coopId);
  return rows<SectionView>(db, sql`
    SELECT s.id, s.name, (SELECT count(*)::int FROM governance_section_members m WHERE m.section_id = s.id) AS members
      FROM governance_sections s WHERE s.cooperative_id = ${coopId} ORDER BY s.name`);
}

export async function createSection(db: Db, actor: Actor, coopId: string, name: string): Promise<SectionView> {
  await requireManage(db, actor.principal, coopId);
  const id = await inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`INSERT INTO governance_sections (cooperative_id, name) VALUES (${coopId}, ${name}) RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.section.create', subjectType: 'governance_section', subjectId: r?.id ?? null, organisationId: coopId, requestId: actor.requestId });
    return r?.id as string;
  }).catch((e: unknown) => {
    if ((e as { cause?: { code?: string } }).cause?.code === '23505' || (e as { code?: string }).code === '23505') throw conflict('governance.section.exists');
    return mapDbError(e);
  });
  return { id, name, members: 0 };
}

/** Puts members (by person) into a section, moving them out of any other section of the co-op. */
export async function assignSectionMembers(db: Db, actor: Actor, sectionId: string, personIds: string[]): Promise<SectionView> {
  const s = await one<{ coop: string; name: string }>(db, sql`SELECT cooperative_id AS coop, name FROM governance_sections WHERE id = ${sectionId}`);
  if (!s) throw notFound('governance.section.not-found');
  await requireManage(db, actor.principal, s.coop);
  const unique = [...new Set(personIds)];
  const members = await rows<{ id: string }>(db, sql`
    SELECT DISTINCT person_id AS id FROM memberships WHERE cooperative_id = ${s.coop} AND person_id = ANY (${uuidArray(unique)}) AND exit_on IS NULL`);
  const found = new Set(members.map((m) => m.id));
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid([{ field: `body/personIds/${personIds.indexOf(unique[missing] as string)}`, code: 'governance.section.not-a-member' }]);
  await inTx(db, async (tx) => {
    await tx.execute(sql`INSERT INTO governance_section_members (cooperative_id, person_id, section_id)
      SELECT ${s.coop}, x, ${sectionId} FROM unnest(${uuidArray(unique)}) AS x
      ON CONFLICT (cooperative_id, person_id) DO UPDATE SET section_id = EXCLUDED.section_id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.section.assign', subjectType: 'governance_section', subjectId: sectionId, organisationId: s.coop, requestId: actor.requestId, details: { members: unique.length } });
  }).catch(mapDbError);
  return (await listSections(db, actor.principal, s.coop)).find((x) => x.id === sectionId) as SectionView;
}

export async function listSectionMembers(db: Db, p: Principal, sectionId: string) {
  const s = await one<{ coop: string }>(db, sql`SELECT cooperative_id AS coop FROM governance_sections WHERE id = ${sectionId}`);
  if (!s) throw notFound('governance.section.not-found');
  const a = await requireRead(db, p, s.coop);
  if (!a.read) throw notFound('governance.section.not-found');
  return rows<{ personId: string; name: string }>(db, sql`
    SELECT m.person_id AS "personId", coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name
      FROM governance_section_members m JOIN people pe ON pe.id = m.person_id WHERE m.section_id = ${sectionId} ORDER BY name LIMIT 10000`);
}
