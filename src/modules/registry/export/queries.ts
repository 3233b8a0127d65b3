// Rows to export, a page at a time with keyset pagination (never OFFSET, never the whole register in memory).
// The register uses the listing's own filter (memberFilter) so an export shows exactly what the screen shows.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { memberFilter } from '../service.ts';
import { coopsUnderSql, readableRoots } from '../scope.ts';
import type { MemberListQuery, CooperativeListQuery } from '../types.ts';
import type { CooperativeExportRow, MemberExportRow } from './columns.ts';

export const PAGE_SIZE = 2000;

export type MemberExportFilters = Pick<MemberListQuery, 'q' | 'memberType' | 'status' | 'asOf'>;

export async function* memberPages(database: Database, coopId: string, filters: MemberExportFilters, pageSize = PAGE_SIZE): AsyncGenerator<MemberExportRow[]> {
  const where = memberFilter(coopId, filters as MemberListQuery);
  let after = 0;
  for (;;) {
    const rows = await queryRows<MemberExportRow>(database.db, sql`
      SELECT m.register_number AS "registerNumber", p.kind, p.codice_fiscale AS "codiceFiscale",
             p.family_name AS "familyName", p.given_name AS "givenName", p.legal_name AS "legalName",
             p.gender, p.birth_date AS "birthDate", p.email, p.phone, p.comune, p.province,
             m.member_types AS "memberTypes", m.applied_on AS "appliedOn", m.admitted_on AS "admittedOn",
             m.registered_on AS "registeredOn", m.shares_count AS "sharesCount",
             m.share_nominal_cents AS "shareNominalCents", m.subscribed_cents AS "subscribedCents",
             m.paid_cents AS "paidCents", m.exit_kind AS "exitKind", m.exit_on AS "exitOn", m.exit_reason AS "exitReason"
        FROM memberships m JOIN people p ON p.id = m.person_id
       WHERE ${where} AND m.register_number > ${after}
       ORDER BY m.register_number
       LIMIT ${pageSize}`);
    if (rows.length === 0) return;
    for (const r of rows) {
      // bigint arrives as a number on both drivers, but be explicit for the money columns.
      r.shareNominalCents = Number(r.shareNominalCents);
      r.subscribedCents = Number(r.subscribedCents);
      r.paidCents = Number(r.paidCents);
    }
    yield rows;
    after = (rows[rows.length - 1] as MemberExportRow).registerNumber;
    if (rows.length < pageSize) return;
  }
}

export type CooperativeExportFilters = Pick<CooperativeListQuery, 'q' | 'province' | 'category' | 'status' | 'organisationId'>;

/** Co-ops the principal may see (all of them for the CLI, principal null), filtered like the co-op listing. */
export function cooperativeWhere(principal: Principal | null, f: CooperativeExportFilters): SQL {
  const conds: SQL[] = [];
  const roots = principal ? readableRoots(principal) : null;
  if (roots !== null) {
    if (roots.length === 0) return sql`FALSE`;
    conds.push(sql`(${sql.join(roots.map((r) => sql`o.id IN (${coopsUnderSql(r)})`), sql` OR `)})`);
  }
  if (f.q && f.q.trim()) {
    const like = `%${f.q.trim().toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`(lower(o.name) LIKE ${like} OR c.codice_fiscale = ${f.q.trim()} OR c.albo_number = ${f.q.trim().toUpperCase()})`);
  }
  if (f.province) conds.push(sql`c.province = ${f.province}`);
  if (f.category) conds.push(sql`c.albo_category = ${f.category}`);
  if (f.status) conds.push(sql`c.status = ${f.status}`);
  if (f.organisationId) conds.push(sql`o.id IN (${coopsUnderSql(f.organisationId)})`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`TRUE`;
}

export async function* cooperativePages(
  database: Database,
  principal: Principal | null,
  filters: CooperativeExportFilters,
  pageSize = PAGE_SIZE,
): AsyncGenerator<CooperativeExportRow[]> {
  const where = cooperativeWhere(principal, filters);
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const keyset: SQL = after ? sql`AND (o.name, o.id) > (${after.name}, ${after.id}::uuid)` : sql``;
    const rows: (CooperativeExportRow & { id: string })[] = await queryRows<CooperativeExportRow & { id: string }>(database.db, sql`
      SELECT o.id, o.name, c.codice_fiscale AS "codiceFiscale", c.partita_iva AS "partitaIva", c.albo_number AS "alboNumber",
             c.albo_date AS "alboDate", c.albo_section AS "alboSection", c.albo_category AS "alboCategory",
             c.legal_model AS "legalModel", c.ateco_code AS "atecoCode", c.comune, c.province, c.region, c.pec,
             c.founded_on AS "foundedOn", c.status, c.social_type AS "socialType", t.name AS territorial,
             coalesce((SELECT array_agg(s.name ORDER BY s.name) FROM cooperative_sectors cs JOIN organisations s ON s.id = cs.sectoral_id
                        WHERE cs.cooperative_id = o.id), '{}') AS sectors
        FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id
        LEFT JOIN organisations t ON t.id = o.parent_id
       WHERE ${where} ${keyset}
       ORDER BY o.name, o.id
       LIMIT ${pageSize}`);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1] as CooperativeExportRow & { id: string };
    after = { name: last.name, id: last.id };
    if (rows.length < pageSize) return;
  }
}
