// Registry use cases: authorise by role and organisation scope, validate with the pure domain code, write in one
// transaction with an audit entry and the refreshed roll-up aggregates.
import { sql, eq, and, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../core/db.ts';
import { cachedCount } from './register-count.ts';
import { audit } from '../../core/audit.ts';
import type { Principal } from '../../core/http.ts';
import { ProblemError, forbidden, invalid, notFound, conflict, type FieldError } from '../../core/errors.ts';
import { organisations, cooperatives, cooperativeSectors, people, memberships, yearlyFigures, type OrganisationKind } from './schema.ts';
import { canRead, canManageRegister, canManageCooperativesUnder, readableRoots, isPlatformAdmin, coopsUnderSql } from './scope.ts';
import { refreshMemberStats, CURRENT_YEAR_KEY } from './stats.ts';
import {
  validateCompanyFiscalCode,
  validatePersonFiscalCode,
  validateAtecoCode,
  validateAlboNumber,
  provinceByCode,
  ALBO_CATEGORIES,
  MEMBER_TYPES,
} from './domain/index.ts';

const ALBO_CATEGORY_CODES: readonly string[] = ALBO_CATEGORIES.map((c) => c.code);
const MEMBER_TYPE_CODES: readonly string[] = MEMBER_TYPES.map((c) => c.code);
import type {
  OrganisationView,
  CooperativeInput,
  CooperativeView,
  CooperativeListQuery,
  MemberListQuery,
  MemberRow,
  AdmitInput,
  MembershipPatch,
  ExitInput,
  YearlyFiguresInput,
  Rollup,
  CooperativeList,
  CooperativeListItem,
  MyMemberships,
  YearlyFigures,
} from './types.ts';

export interface Actor {
  principal: Principal;
  requestId: string;
}

/** Runs `fn` in a transaction (Drizzle's, so it works on both drivers); the raw SQL runner is exposed for stats. */
async function inTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx as unknown as Db));
}

const txRunner = (tx: Db) => ({
  query: async <R>(text: string, params: unknown[] = []) => {
    // Drizzle has no positional raw API; build an SQL object with the params in place.
    const chunks = text.split(/\$(\d+)/);
    const parts: SQL[] = [];
    for (let i = 0; i < chunks.length; i++) {
      if (i % 2 === 0) parts.push(sql.raw(chunks[i] ?? ''));
      else {
        // Drizzle expands JS arrays into a parameter list; pass arrays as one PostgreSQL array literal instead.
        const v = params[Number(chunks[i]) - 1];
        parts.push(sql`${Array.isArray(v) ? `{${v.join(',')}}` : v}`);
      }
    }
    const rows = await queryRows<R>(tx, sql.join(parts, sql.raw('')));
    return { rows, affectedRows: rows.length };
  },
});

/** Maps a unique/check violation to a 409/400 problem instead of a 500. */
function mapDbError(err: unknown): never {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint ?? '';
  if (code === '23505') {
    if (constraint.includes('codice_fiscale')) throw conflict('registry.fiscal-code-taken', [{ field: 'body/codiceFiscale', code: 'registry.fiscal-code-taken' }]);
    if (constraint.includes('albo_number')) throw conflict('registry.albo-number-taken', [{ field: 'body/alboNumber', code: 'registry.albo-number-taken' }]);
    if (constraint.includes('register_number')) throw conflict('registry.register-number-taken', [{ field: 'body/registerNumber', code: 'registry.register-number-taken' }]);
    if (constraint.includes('open_person')) throw conflict('registry.already-member');
    throw conflict('problem.conflict');
  }
  if (code === '23514' || code === '23502' || code === '22007' || code === '22008' || code === '22P02') {
    throw new ProblemError(400, 'validation', { fields: [{ field: 'body', code: 'field.invalid' }] });
  }
  throw err;
}

// ---------- organisations ----------

export async function listOrganisations(db: Db, p: Principal, kind?: OrganisationKind): Promise<OrganisationView[]> {
  const roots = readableRoots(p);
  const kindFilter = kind ? sql`AND o.kind = ${kind}` : sql``;
  if (roots === null) {
    return queryRows<OrganisationView>(db, sql`
      SELECT o.id, o.kind, o.name, o.short_name AS "shortName", o.parent_id AS "parentId"
        FROM organisations o WHERE o.kind <> 'cooperative' ${kindFilter} ORDER BY o.kind, o.name`);
  }
  if (roots.length === 0) return [];
  return queryRows<OrganisationView>(db, sql`
    SELECT DISTINCT o.id, o.kind, o.name, o.short_name AS "shortName", o.parent_id AS "parentId"
      FROM organisation_closure c JOIN organisations o ON o.id = c.descendant_id
     WHERE c.ancestor_id IN (${sql.join(roots.map((r) => sql`${r}::uuid`), sql`, `)})
       AND (o.kind <> 'cooperative' OR o.id IN (${sql.join(roots.map((r) => sql`${r}::uuid`), sql`, `)})) ${kindFilter}
     ORDER BY o.kind, o.name`);
}

export async function getOrganisation(db: Db, p: Principal, id: string) {
  if (!(await canRead(db, p, id))) throw await notFoundOrForbidden(db, id);
  const [org] = await queryRows<OrganisationView>(db, sql`
    SELECT id, kind, name, short_name AS "shortName", parent_id AS "parentId" FROM organisations WHERE id = ${id}`);
  if (!org) throw notFound('registry.organisation-not-found');
  const children = await queryRows<{ id: string; kind: string; name: string }>(db, sql`
    SELECT id, kind, name FROM organisations WHERE parent_id = ${id} AND kind <> 'cooperative' ORDER BY kind, name`);
  return { ...org, children };
}

/** 404 when the organisation does not exist, 403 when it exists but is out of scope. */
async function notFoundOrForbidden(db: Db, id: string): Promise<ProblemError> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organisations WHERE id = ${id}`);
  return row ? forbidden() : notFound('registry.organisation-not-found');
}

export async function createOrganisation(
  db: Db,
  actor: Actor,
  input: { kind: Exclude<OrganisationKind, 'cooperative'>; name: string; shortName?: string | null; parentId?: string | null },
): Promise<OrganisationView> {
  const p = actor.principal;
  if (input.parentId) {
    const [parent] = await queryRows<{ kind: OrganisationKind }>(db, sql`SELECT kind FROM organisations WHERE id = ${input.parentId}`);
    if (!parent) throw invalid([{ field: 'body/parentId', code: 'registry.organisation-not-found' }]);
    if (parent.kind === 'cooperative') throw invalid([{ field: 'body/parentId', code: 'registry.invalid-parent' }]);
    if (!(await canManageCooperativesUnder(db, p, input.parentId))) throw forbidden();
  } else if (!isPlatformAdmin(p)) {
    throw forbidden();
  }
  return inTx(db, async (tx) => {
    const [row] = await tx
      .insert(organisations)
      .values({ kind: input.kind, name: input.name, shortName: input.shortName ?? null, parentId: input.parentId ?? null })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await audit(tx, { actorAccountId: p.accountId, action: 'organisation.create', subjectType: 'organisation', subjectId: row.id, organisationId: row.id, requestId: actor.requestId });
    return { id: row.id, kind: row.kind, name: row.name, shortName: row.shortName, parentId: row.parentId };
  });
}

// ---------- roll-ups ----------

export async function rollup(db: Db, p: Principal, orgId: string, year: number | null): Promise<Rollup> {
  if (!(await canRead(db, p, orgId))) throw await notFoundOrForbidden(db, orgId);
  return computeRollup(db, orgId, year);
}

/** Members at the end of `year` (or today when null), plus the co-ops' declared figures for that year. */
export async function computeRollup(db: Db, orgId: string, year: number | null): Promise<Rollup> {
  const statsYear = year ?? CURRENT_YEAR_KEY;
  const figuresYear = year ?? new Date().getUTCFullYear() - 1;
  const coops = coopsUnderSql(orgId);
  const [counts] = await queryRows<{ cooperatives: number }>(db, sql`
    SELECT count(*)::int AS cooperatives FROM cooperatives c
     WHERE c.organisation_id IN (${coops})
       AND (${year}::int IS NULL OR c.founded_on IS NULL OR extract(year FROM c.founded_on) <= ${year}::int)
       AND (${year}::int IS NOT NULL OR c.status <> 'struck_off')`);
  const memberRows = await queryRows<{ member_type: string; gender: string; members: number }>(db, sql`
    SELECT s.member_type, s.gender, sum(s.members)::int AS members
      FROM coop_member_stats s
     WHERE s.year = ${statsYear} AND s.cooperative_id IN (${coops})
     GROUP BY s.member_type, s.gender`);
  const [fig] = await queryRows<{ women: number; men: number; other: number; pv: number; sub: number; paid: number }>(db, sql`
    SELECT coalesce(sum(employees_women), 0)::float8 AS women, coalesce(sum(employees_men), 0)::float8 AS men,
           coalesce(sum(employees_other), 0)::float8 AS other, coalesce(sum(production_value_cents), 0)::float8 AS pv,
           coalesce(sum(share_capital_subscribed_cents), 0)::float8 AS sub, coalesce(sum(share_capital_paid_cents), 0)::float8 AS paid
      FROM yearly_figures WHERE year = ${figuresYear} AND cooperative_id IN (${coops})`);
  return buildRollup(orgId, year, figuresYear, counts?.cooperatives ?? 0, memberRows, fig);
}

export function buildRollup(
  orgId: string,
  year: number | null,
  figuresYear: number,
  cooperativesCount: number,
  memberRows: { member_type: string; gender: string; members: number }[],
  fig: { women: number; men: number; other: number; pv: number; sub: number; paid: number } | undefined,
): Rollup {
  const byType: Record<string, number> = {};
  const byGender = { F: 0, M: 0, X: 0, unknown: 0 };
  let total = 0;
  for (const r of memberRows) {
    if (r.member_type === '*') {
      total += r.members;
      if (r.gender === 'F' || r.gender === 'M' || r.gender === 'X') byGender[r.gender] += r.members;
      else byGender.unknown += r.members;
    } else {
      byType[r.member_type] = (byType[r.member_type] ?? 0) + r.members;
    }
  }
  const women = fig?.women ?? 0;
  const men = fig?.men ?? 0;
  const other = fig?.other ?? 0;
  return {
    organisationId: orgId,
    year,
    figuresYear,
    cooperatives: cooperativesCount,
    members: { total, byType, byGender },
    employees: { women, men, other, total: women + men + other },
    productionValueCents: fig?.pv ?? 0,
    shareCapitalSubscribedCents: fig?.sub ?? 0,
    shareCapitalPaidCents: fig?.paid ?? 0,
  };
}

export async function rollupSeries(db: Db, p: Principal, orgId: string, from: number, to: number) {
  if (!(await canRead(db, p, orgId))) throw await notFoundOrForbidden(db, orgId);
  const coops = coopsUnderSql(orgId);
  const rows = await queryRows<{ year: number; cooperatives: number; members: number; employees: number; pv: number }>(db, sql`
    WITH c AS (${coops}),
    years AS (SELECT generate_series(${from}::int, ${to}::int) AS year),
    m AS (SELECT s.year, sum(s.members)::int AS members FROM coop_member_stats s
           WHERE s.member_type = '*' AND s.year BETWEEN ${from}::int AND ${to}::int AND s.cooperative_id IN (SELECT id FROM c)
           GROUP BY s.year),
    f AS (SELECT y.year, sum(y.employees_women + y.employees_men + y.employees_other)::float8 AS employees,
                 sum(y.production_value_cents)::float8 AS pv
            FROM yearly_figures y WHERE y.year BETWEEN ${from}::int AND ${to}::int AND y.cooperative_id IN (SELECT id FROM c)
           GROUP BY y.year),
    k AS (SELECT y.year, count(co.organisation_id)::int AS cooperatives FROM years y
            JOIN cooperatives co ON co.organisation_id IN (SELECT id FROM c)
             AND (co.founded_on IS NULL OR extract(year FROM co.founded_on) <= y.year)
           GROUP BY y.year)
    SELECT years.year, coalesce(k.cooperatives, 0) AS cooperatives, coalesce(m.members, 0) AS members,
           coalesce(f.employees, 0) AS employees, coalesce(f.pv, 0) AS pv
      FROM years LEFT JOIN m USING (year) LEFT JOIN f USING (year) LEFT JOIN k USING (year)
     ORDER BY years.year`);
  return rows.map((r) => ({ year: r.year, cooperatives: r.cooperatives, members: r.members, employees: r.employees, productionValueCents: r.pv }));
}

// ---------- cooperatives ----------

const coopColumns = sql`
  o.id, o.name, c.codice_fiscale AS "codiceFiscale", c.partita_iva AS "partitaIva", c.albo_number AS "alboNumber",
  c.albo_date AS "alboDate", c.albo_section AS "alboSection", c.albo_category AS "alboCategory",
  c.legal_model AS "legalModel", c.ateco_code AS "atecoCode", c.comune, c.province, c.region, c.pec,
  c.founded_on AS "foundedOn", c.status, c.social_type AS "socialType", o.parent_id AS "territorialId",
  coalesce((SELECT array_agg(cs.sectoral_id ORDER BY cs.sectoral_id) FROM cooperative_sectors cs WHERE cs.cooperative_id = o.id), '{}') AS "sectoralIds"`;

/** SQL condition restricting co-ops `alias` to those the principal may see. */
function coopScopeCondition(p: Principal): SQL {
  const roots = readableRoots(p);
  if (roots === null) return sql`TRUE`;
  if (roots.length === 0) return sql`FALSE`;
  const parts = roots.map((r) => sql`o.id IN (${coopsUnderSql(r)})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export async function listCooperatives(db: Db, p: Principal, q: CooperativeListQuery): Promise<CooperativeList> {
  const conds: SQL[] = [coopScopeCondition(p)];
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`(lower(o.name) LIKE ${like} OR c.codice_fiscale = ${q.q.trim()} OR c.albo_number = ${q.q.trim().toUpperCase()})`);
  }
  if (q.province) conds.push(sql`c.province = ${q.province}`);
  if (q.category) conds.push(sql`c.albo_category = ${q.category}`);
  if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.organisationId) conds.push(sql`o.id IN (${coopsUnderSql(q.organisationId)})`);
  const where = sql.join(conds, sql` AND `);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const [count] = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id WHERE ${where}`);
  const items = await queryRows<CooperativeListItem>(db, sql`
    SELECT o.id, o.name, c.codice_fiscale AS "codiceFiscale", c.comune, c.province, c.albo_category AS "alboCategory", c.status,
           coalesce((SELECT sum(s.members) FROM coop_member_stats s WHERE s.cooperative_id = o.id
                       AND s.year = ${CURRENT_YEAR_KEY} AND s.member_type = '*'), 0)::int AS "activeMembers"
      FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id
     WHERE ${where}
     ORDER BY o.name, o.id
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { items, total: count?.n ?? 0, page, pageSize };
}

export async function getCooperative(db: Db, p: Principal, id: string): Promise<CooperativeView> {
  const [row] = await queryRows<CooperativeView>(db, sql`
    SELECT ${coopColumns} FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id WHERE o.id = ${id}`);
  if (!row) throw notFound('registry.cooperative-not-found');
  if (!(await canRead(db, p, id)) && !(await isOwnCoop(db, p, id))) throw forbidden();
  return row;
}

async function isOwnCoop(db: Db, p: Principal, coopId: string): Promise<boolean> {
  if (!p.personId) return false;
  const [r] = await queryRows<{ ok: boolean }>(db, sql`
    SELECT EXISTS (SELECT 1 FROM memberships WHERE person_id = ${p.personId} AND cooperative_id = ${coopId}) AS ok`);
  return Boolean(r?.ok);
}

function validateCooperative(input: Partial<CooperativeInput>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.codiceFiscale !== undefined && !validateCompanyFiscalCode(input.codiceFiscale).ok) {
    errors.push({ field: 'body/codiceFiscale', code: 'field.fiscal-code-company' });
  }
  if (input.partitaIva && !validateCompanyFiscalCode(input.partitaIva).ok) {
    errors.push({ field: 'body/partitaIva', code: 'field.fiscal-code-company' });
  }
  if (input.alboNumber && !validateAlboNumber(input.alboNumber).ok) errors.push({ field: 'body/alboNumber', code: 'field.albo-number' });
  if (input.atecoCode && !validateAtecoCode(input.atecoCode).ok) errors.push({ field: 'body/atecoCode', code: 'field.ateco' });
  if (input.province && !provinceByCode(input.province)) errors.push({ field: 'body/province', code: 'field.province' });
  if (input.alboCategory && !ALBO_CATEGORY_CODES.includes(input.alboCategory)) errors.push({ field: 'body/alboCategory', code: 'field.category' });
  return errors;
}

async function checkSectorals(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await queryRows<{ id: string }>(db, sql`
    SELECT id FROM organisations WHERE kind = 'sectoral' AND id IN (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`);
  if (rows.length !== new Set(ids).size) throw invalid([{ field: 'body/sectoralIds', code: 'registry.not-sectoral' }]);
}

export async function createCooperative(db: Db, actor: Actor, input: CooperativeInput): Promise<CooperativeView> {
  const p = actor.principal;
  const errors = validateCooperative(input);
  if (errors.length) throw invalid(errors);
  const [parent] = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM organisations WHERE id = ${input.territorialId}`);
  if (!parent) throw invalid([{ field: 'body/territorialId', code: 'registry.organisation-not-found' }]);
  if (parent.kind !== 'territorial') throw invalid([{ field: 'body/territorialId', code: 'registry.parent-not-territorial' }]);
  if (!(await canManageCooperativesUnder(db, p, input.territorialId))) throw forbidden();
  await checkSectorals(db, input.sectoralIds ?? []);
  const region = input.region ?? (input.province ? provinceByCode(input.province)?.region ?? null : null);
  const id = await inTx(db, async (tx) => {
    const [org] = await tx.insert(organisations).values({ kind: 'cooperative', name: input.name, parentId: input.territorialId }).returning({ id: organisations.id });
    if (!org) throw new Error('insert returned nothing');
    await tx.insert(cooperatives).values({
      organisationId: org.id,
      codiceFiscale: input.codiceFiscale,
      partitaIva: input.partitaIva ?? input.codiceFiscale,
      alboNumber: input.alboNumber ?? null,
      alboDate: input.alboDate ?? null,
      alboSection: input.alboSection ?? null,
      alboCategory: input.alboCategory ?? null,
      legalModel: input.legalModel ?? null,
      atecoCode: input.atecoCode ?? null,
      comune: input.comune ?? null,
      province: input.province ?? null,
      region,
      pec: input.pec ?? null,
      foundedOn: input.foundedOn ?? null,
      status: input.status ?? 'active',
      socialType: input.socialType ?? null,
    });
    for (const s of new Set(input.sectoralIds ?? [])) await tx.insert(cooperativeSectors).values({ cooperativeId: org.id, sectoralId: s });
    await audit(tx, { actorAccountId: p.accountId, action: 'cooperative.create', subjectType: 'organisation', subjectId: org.id, organisationId: org.id, requestId: actor.requestId });
    return org.id;
  }).catch(mapDbError);
  return getCooperative(db, p, id);
}

export async function updateCooperative(db: Db, actor: Actor, id: string, patch: Partial<CooperativeInput>): Promise<CooperativeView> {
  const p = actor.principal;
  const current = await getCooperative(db, p, id);
  const mayEdit = canManageRegister(p, id) || (await canManageCooperativesUnder(db, p, current.territorialId));
  if (!mayEdit) throw forbidden();
  if (patch.territorialId !== undefined && patch.territorialId !== current.territorialId) {
    throw invalid([{ field: 'body/territorialId', code: 'registry.invalid-parent' }]);
  }
  const errors = validateCooperative(patch);
  if (errors.length) throw invalid(errors);
  if (patch.sectoralIds) await checkSectorals(db, patch.sectoralIds);
  await inTx(db, async (tx) => {
    if (patch.name !== undefined) await tx.update(organisations).set({ name: patch.name, updatedAt: sql`now()` as unknown as string }).where(eq(organisations.id, id));
    const set: Record<string, unknown> = {};
    const keys = ['codiceFiscale', 'partitaIva', 'alboNumber', 'alboDate', 'alboSection', 'alboCategory', 'legalModel', 'atecoCode', 'comune', 'province', 'region', 'pec', 'foundedOn', 'status', 'socialType'] as const;
    for (const k of keys) if (patch[k] !== undefined) set[k] = patch[k];
    if (Object.keys(set).length) await tx.update(cooperatives).set(set).where(eq(cooperatives.organisationId, id));
    if (patch.sectoralIds) {
      await tx.delete(cooperativeSectors).where(eq(cooperativeSectors.cooperativeId, id));
      for (const s of new Set(patch.sectoralIds)) await tx.insert(cooperativeSectors).values({ cooperativeId: id, sectoralId: s });
    }
    await audit(tx, { actorAccountId: p.accountId, action: 'cooperative.update', subjectType: 'organisation', subjectId: id, organisationId: id, requestId: actor.requestId, details: { fields: Object.keys(patch) } });
  }).catch(mapDbError);
  return getCooperative(db, p, id);
}

// ---------- the register (libro soci) ----------

async function assertCoopExists(db: Db, id: string): Promise<void> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT organisation_id AS id FROM cooperatives WHERE organisation_id = ${id}`);
  if (!row) throw notFound('registry.cooperative-not-found');
}

export async function assertCanReadRegister(db: Db, p: Principal, coopId: string): Promise<void> {
  await assertCoopExists(db, coopId);
  if (!(await canRead(db, p, coopId))) throw forbidden();
}

/** WHERE clause of a register listing (shared with the export). */
export function memberFilter(coopId: string, q: MemberListQuery): SQL {
  const conds: SQL[] = [sql`m.cooperative_id = ${coopId}`];
  const asOf = q.asOf ?? null;
  if (q.q && q.q.trim()) {
    const term = q.q.trim();
    const like = `%${term.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const n = /^\d{1,9}$/.test(term) ? Number(term) : null;
    conds.push(sql`(lower(coalesce(p.family_name || ' ' || p.given_name, p.legal_name)) LIKE ${like}
                    OR lower(coalesce(p.given_name || ' ' || p.family_name, p.legal_name)) LIKE ${like}
                    OR p.codice_fiscale = ${term.toUpperCase()} OR m.register_number = ${n})`);
  }
  if (q.memberType) conds.push(sql`${q.memberType} = ANY (m.member_types)`);
  const status = q.status ?? 'active';
  if (asOf) {
    if (status !== 'all') conds.push(sql`m.admitted_on <= ${asOf}::date`);
    if (status === 'active') conds.push(sql`(m.exit_on IS NULL OR m.exit_on > ${asOf}::date)`);
    if (status === 'exited') conds.push(sql`m.exit_on <= ${asOf}::date`);
  } else {
    if (status === 'active') conds.push(sql`m.exit_on IS NULL`);
    if (status === 'exited') conds.push(sql`m.exit_on IS NOT NULL`);
  }
  return sql.join(conds, sql` AND `);
}

export const memberColumns = sql`
  m.id, m.person_id AS "personId", m.register_number AS "registerNumber",
  coalesce(p.family_name || ' ' || p.given_name, p.legal_name) AS name, p.kind, p.codice_fiscale AS "codiceFiscale",
  p.gender, p.birth_date AS "birthDate", p.email, p.phone, p.comune, p.province,
  p.given_name AS "givenName", p.family_name AS "familyName", p.legal_name AS "legalName",
  m.member_types AS "memberTypes", m.applied_on AS "appliedOn", m.admitted_on AS "admittedOn", m.registered_on AS "registeredOn",
  m.shares_count AS "sharesCount", m.share_nominal_cents AS "shareNominalCents",
  m.subscribed_cents AS "subscribedCents", m.paid_cents AS "paidCents",
  m.exit_kind AS "exitKind", m.exit_on AS "exitOn", m.exit_reason AS "exitReason"`;

export function memberOrder(q: MemberListQuery): SQL {
  const dir = q.order === 'desc' ? sql.raw('DESC') : sql.raw('ASC');
  switch (q.sort) {
    case 'name':
      return sql`lower(coalesce(p.family_name || ' ' || p.given_name, p.legal_name)) ${dir}, m.register_number`;
    case 'admittedOn':
      return sql`m.admitted_on ${dir}, m.register_number`;
    default:
      return sql`m.register_number ${dir}`;
  }
}

export async function listMembers(db: Db, p: Principal, coopId: string, q: MemberListQuery) {
  await assertCanReadRegister(db, p, coopId);
  const where = memberFilter(coopId, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 100;
  const offset = (page - 1) * pageSize;
  const searching = Boolean(q.q && q.q.trim());
  // Counts over memberships alone are cached per register version; a name search also reads people, whose
  // changes do not move the version, so its count is always taken afresh.
  const filterKey = JSON.stringify([q.memberType ?? '', q.status ?? 'active', q.asOf ?? '']);
  const total = searching
    ? ((await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM memberships m JOIN people p ON p.id = m.person_id WHERE ${where}`))[0]?.n ?? 0)
    : await cachedCount(db, coopId, filterKey, async () => {
        const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM memberships m WHERE ${where}`);
        return count?.n ?? 0;
      });
  if (!searching && q.sort !== 'name') {
    // People are not needed to choose the page: a deferred join walks the offset over register numbers alone
    // (an index-only scan of the register's indexes), then reads only the page's memberships and people.
    const items = await queryRows<MemberRow>(db, sql`
      SELECT ${memberColumns}
        FROM (SELECT m.register_number FROM memberships m WHERE ${where} ORDER BY ${memberOrder(q)} LIMIT ${pageSize} OFFSET ${offset}) k
        JOIN memberships m ON m.cooperative_id = ${coopId} AND m.register_number = k.register_number
        JOIN people p ON p.id = m.person_id
       ORDER BY ${memberOrder(q)}`);
    return { items, total, page, pageSize };
  }
  const items = await queryRows<MemberRow>(db, sql`
    SELECT ${memberColumns} FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE ${where} ORDER BY ${memberOrder(q)} LIMIT ${pageSize} OFFSET ${offset}`);
  return { items, total, page, pageSize };
}

export async function getMembership(db: Db, p: Principal, membershipId: string): Promise<MemberRow & { cooperativeId: string }> {
  const [row] = await queryRows<MemberRow & { cooperativeId: string }>(db, sql`
    SELECT ${memberColumns}, m.cooperative_id AS "cooperativeId" FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.id = ${membershipId}`);
  if (!row) throw notFound('registry.membership-not-found');
  const own = p.personId !== null && row.personId === p.personId;
  if (!own && !(await canRead(db, p, row.cooperativeId))) throw forbidden();
  if (!own) await audit(db, { actorAccountId: p.accountId, action: 'membership.read', subjectType: 'membership', subjectId: membershipId, organisationId: row.cooperativeId }); // shown to the member in their access log
  return row;
}

function validateShares(x: { subscribedCents?: number; paidCents?: number; shareNominalCents?: number }, errors: FieldError[]): void {
  if (x.shareNominalCents !== undefined && x.shareNominalCents < 2500) errors.push({ field: 'body/shareNominalCents', code: 'field.share-minimum' });
  if (x.subscribedCents !== undefined && x.paidCents !== undefined && x.paidCents > x.subscribedCents) {
    errors.push({ field: 'body/paidCents', code: 'field.paid-exceeds-subscribed' });
  }
}

/** Admits a member: finds the person by fiscal code (or creates them) and opens a membership. */
export async function admitMember(db: Db, actor: Actor, coopId: string, input: AdmitInput): Promise<MemberRow> {
  const p = actor.principal;
  await assertCoopExists(db, coopId);
  if (!canManageRegister(p, coopId)) throw forbidden();
  const errors: FieldError[] = [];
  const person = input.person;
  let gender = person.gender ?? null;
  let birthDate = person.birthDate ?? null;
  if (person.kind === 'natural') {
    if (!person.givenName || !person.familyName) errors.push({ field: 'body/person/familyName', code: 'field.name-required' });
    if (person.codiceFiscale) {
      const v = validatePersonFiscalCode(person.codiceFiscale);
      if (!v.ok) errors.push({ field: 'body/person/codiceFiscale', code: 'field.fiscal-code' });
      else {
        gender ??= v.gender;
        birthDate ??= v.birthDate ?? null;
      }
    }
  } else {
    if (!person.legalName) errors.push({ field: 'body/person/legalName', code: 'field.name-required' });
    if (person.codiceFiscale && !validateCompanyFiscalCode(person.codiceFiscale).ok) {
      errors.push({ field: 'body/person/codiceFiscale', code: 'field.fiscal-code-company' });
    }
  }
  for (const t of input.memberTypes) if (!MEMBER_TYPE_CODES.includes(t)) errors.push({ field: 'body/memberTypes', code: 'field.member-type' });
  if (input.registeredOn && input.registeredOn < input.admittedOn) errors.push({ field: 'body/registeredOn', code: 'field.date-order' });
  const shareNominalCents = input.shareNominalCents ?? 2500;
  const sharesCount = input.sharesCount ?? 1;
  const subscribedCents = input.subscribedCents ?? sharesCount * shareNominalCents;
  const paidCents = input.paidCents ?? 0;
  validateShares({ subscribedCents, paidCents, shareNominalCents }, errors);
  if (errors.length) throw invalid(errors);
  const cf = person.codiceFiscale ? person.codiceFiscale.trim().toUpperCase() : null;
  const id = await inTx(db, async (tx) => {
    let personId: string | undefined;
    if (cf) {
      const [found] = await tx.select({ id: people.id }).from(people).where(eq(people.codiceFiscale, cf));
      personId = found?.id;
    }
    if (!personId) {
      const [created] = await tx
        .insert(people)
        .values({
          kind: person.kind,
          givenName: person.givenName ?? null,
          familyName: person.familyName ?? null,
          legalName: person.legalName ?? null,
          codiceFiscale: cf,
          birthDate,
          gender: person.kind === 'natural' ? gender : null,
          email: person.email ?? null,
          phone: person.phone ?? null,
          comune: person.comune ?? null,
          province: person.province ?? null,
        })
        .returning({ id: people.id });
      personId = created?.id;
    }
    if (!personId) throw new Error('person not created');
    const [maxRow] = await queryRows<{ n: number }>(tx, sql`SELECT coalesce(max(register_number), 0)::int AS n FROM memberships WHERE cooperative_id = ${coopId}`);
    const [m] = await tx
      .insert(memberships)
      .values({
        cooperativeId: coopId,
        personId,
        registerNumber: input.registerNumber ?? (maxRow?.n ?? 0) + 1,
        memberTypes: [...new Set(input.memberTypes)],
        appliedOn: input.appliedOn ?? null,
        admittedOn: input.admittedOn,
        registeredOn: input.registeredOn ?? input.admittedOn,
        sharesCount,
        shareNominalCents,
        subscribedCents,
        paidCents,
      })
      .returning({ id: memberships.id });
    if (!m) throw new Error('membership not created');
    await refreshMemberStats(txRunner(tx), [coopId]);
    await audit(tx, { actorAccountId: p.accountId, action: 'membership.admit', subjectType: 'membership', subjectId: m.id, organisationId: coopId, requestId: actor.requestId, details: { personId } });
    return m.id;
  }).catch(mapDbError);
  return getMembership(db, p, id);
}

export async function updateMembership(db: Db, actor: Actor, membershipId: string, patch: MembershipPatch): Promise<MemberRow> {
  const p = actor.principal;
  const current = await getMembership(db, p, membershipId);
  if (!canManageRegister(p, current.cooperativeId)) throw forbidden();
  const errors: FieldError[] = [];
  if (patch.memberTypes) for (const t of patch.memberTypes) if (!MEMBER_TYPE_CODES.includes(t)) errors.push({ field: 'body/memberTypes', code: 'field.member-type' });
  const next = {
    subscribedCents: patch.subscribedCents ?? current.subscribedCents,
    paidCents: patch.paidCents ?? current.paidCents,
    shareNominalCents: patch.shareNominalCents ?? current.shareNominalCents,
  };
  validateShares(next, errors);
  if (errors.length) throw invalid(errors);
  await inTx(db, async (tx) => {
    const set: Record<string, unknown> = { updatedAt: sql`now()` };
    for (const k of ['memberTypes', 'sharesCount', 'shareNominalCents', 'subscribedCents', 'paidCents', 'appliedOn'] as const) {
      if (patch[k] !== undefined) set[k] = k === 'memberTypes' ? [...new Set(patch.memberTypes)] : patch[k];
    }
    await tx.update(memberships).set(set).where(eq(memberships.id, membershipId));
    await refreshMemberStats(txRunner(tx), [current.cooperativeId]);
    await audit(tx, { actorAccountId: p.accountId, action: 'membership.update', subjectType: 'membership', subjectId: membershipId, organisationId: current.cooperativeId, requestId: actor.requestId, details: { fields: Object.keys(patch) } });
  }).catch(mapDbError);
  return getMembership(db, p, membershipId);
}

/** Closes a membership (recesso, esclusione, decesso, trasferimento): the row stays, so history is answerable. */
export async function exitMembership(db: Db, actor: Actor, membershipId: string, input: ExitInput): Promise<MemberRow> {
  const p = actor.principal;
  const current = await getMembership(db, p, membershipId);
  if (!canManageRegister(p, current.cooperativeId)) throw forbidden();
  if (current.exitOn) throw conflict('registry.already-exited');
  if (input.exitOn < current.admittedOn) throw invalid([{ field: 'body/exitOn', code: 'field.date-order' }]);
  await inTx(db, async (tx) => {
    await tx
      .update(memberships)
      .set({ exitKind: input.exitKind, exitOn: input.exitOn, exitReason: input.exitReason ?? null, updatedAt: sql`now()` as unknown as string })
      .where(and(eq(memberships.id, membershipId), sql`exit_on IS NULL`));
    await refreshMemberStats(txRunner(tx), [current.cooperativeId]);
    await audit(tx, { actorAccountId: p.accountId, action: 'membership.exit', subjectType: 'membership', subjectId: membershipId, organisationId: current.cooperativeId, requestId: actor.requestId, details: { exitKind: input.exitKind } });
  }).catch(mapDbError);
  return getMembership(db, p, membershipId);
}

// ---------- the member's own view ----------

export async function myMemberships(db: Db, p: Principal): Promise<MyMemberships> {
  if (!p.personId) return { person: null, items: [] };
  const [person] = await queryRows<NonNullable<MyMemberships['person']>>(db, sql`
    SELECT id, kind, given_name AS "givenName", family_name AS "familyName", legal_name AS "legalName",
           codice_fiscale AS "codiceFiscale", birth_date AS "birthDate", gender, email, phone, comune, province
      FROM people WHERE id = ${p.personId}`);
  const items = await queryRows<MyMemberships['items'][number]>(db, sql`
    SELECT m.id, json_build_object('id', o.id, 'name', o.name, 'province', c.province) AS cooperative,
           m.register_number AS "registerNumber", m.member_types AS "memberTypes", m.applied_on AS "appliedOn",
           m.admitted_on AS "admittedOn", m.registered_on AS "registeredOn", m.shares_count AS "sharesCount",
           m.share_nominal_cents AS "shareNominalCents", m.subscribed_cents AS "subscribedCents", m.paid_cents AS "paidCents",
           m.exit_kind AS "exitKind", m.exit_on AS "exitOn", m.exit_reason AS "exitReason"
      FROM memberships m JOIN cooperatives c ON c.organisation_id = m.cooperative_id JOIN organisations o ON o.id = c.organisation_id
     WHERE m.person_id = ${p.personId}
     ORDER BY m.exit_on NULLS FIRST, o.name`);
  return { person: person ?? null, items };
}

// ---------- yearly figures ----------

export async function listYearlyFigures(db: Db, p: Principal, coopId: string): Promise<YearlyFigures[]> {
  await assertCanReadRegister(db, p, coopId);
  return queryRows<YearlyFigures>(db, sql`
    SELECT year, members_by_type AS "membersByType", employees_women AS "employeesWomen", employees_men AS "employeesMen",
           employees_other AS "employeesOther", production_value_cents AS "productionValueCents",
           share_capital_subscribed_cents AS "shareCapitalSubscribedCents", share_capital_paid_cents AS "shareCapitalPaidCents"
      FROM yearly_figures WHERE cooperative_id = ${coopId} ORDER BY year`);
}

export async function putYearlyFigures(db: Db, actor: Actor, coopId: string, year: number, input: YearlyFiguresInput) {
  const p = actor.principal;
  await assertCoopExists(db, coopId);
  if (!canManageRegister(p, coopId)) throw forbidden();
  const errors: FieldError[] = [];
  for (const t of Object.keys(input.membersByType ?? {})) if (!MEMBER_TYPE_CODES.includes(t)) errors.push({ field: `body/membersByType/${t}`, code: 'field.member-type' });
  if (input.shareCapitalPaidCents > input.shareCapitalSubscribedCents) errors.push({ field: 'body/shareCapitalPaidCents', code: 'field.paid-exceeds-subscribed' });
  if (errors.length) throw invalid(errors);
  const values = {
    cooperativeId: coopId,
    year,
    membersByType: input.membersByType ?? {},
    employeesWomen: input.employeesWomen,
    employeesMen: input.employeesMen,
    employeesOther: input.employeesOther ?? 0,
    productionValueCents: input.productionValueCents,
    shareCapitalSubscribedCents: input.shareCapitalSubscribedCents,
    shareCapitalPaidCents: input.shareCapitalPaidCents,
  };
  await inTx(db, async (tx) => {
    await tx
      .insert(yearlyFigures)
      .values(values)
      .onConflictDoUpdate({ target: [yearlyFigures.cooperativeId, yearlyFigures.year], set: { ...values, updatedAt: sql`now()` as unknown as string } });
    await audit(tx, { actorAccountId: p.accountId, action: 'yearly-figures.put', subjectType: 'organisation', subjectId: coopId, organisationId: coopId, requestId: actor.requestId, details: { year } });
  }).catch(mapDbError);
  const saved = (await listYearlyFigures(db, p, coopId)).find((r) => r.year === year);
  if (!saved) throw new Error('yearly figures not saved');
  return saved;
}
