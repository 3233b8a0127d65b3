// Organisation scope: what lies under an organisation. Territorial descendants come from the closure table;
// a sectoral association's "subtree" also holds the co-ops affiliated to it (or to its sectoral children).
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../core/db.ts';
import type { Principal } from '../../core/http.ts';

/** SQL returning the ids of the co-ops under organisation `orgId` (each once). */
export const coopsUnderSql = (orgId: string) => sql`
  SELECT c.descendant_id AS id
    FROM organisation_closure c JOIN organisations o ON o.id = c.descendant_id AND o.kind = 'cooperative'
   WHERE c.ancestor_id = ${orgId}
  UNION
  SELECT cs.cooperative_id
    FROM organisation_closure c JOIN cooperative_sectors cs ON cs.sectoral_id = c.descendant_id
   WHERE c.ancestor_id = ${orgId}`;

/** True when `orgId` is `ancestorId` itself, one of its descendants, or a co-op affiliated to a sectoral org below it. */
export async function isWithinScope(db: Db, ancestorId: string, orgId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(db, sql`
    SELECT EXISTS (SELECT 1 FROM organisation_closure WHERE ancestor_id = ${ancestorId} AND descendant_id = ${orgId})
        OR EXISTS (SELECT 1 FROM organisation_closure c JOIN cooperative_sectors cs ON cs.sectoral_id = c.descendant_id
                    WHERE c.ancestor_id = ${ancestorId} AND cs.cooperative_id = ${orgId}) AS ok`);
  return Boolean(rows[0]?.ok);
}

/** Has the person ever been a member of the co-op (`current`: is a member today, not having left)? */
export async function personHasMembershipIn(db: Db, personId: string, coopId: string, opts: { current?: boolean } = {}): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM memberships WHERE person_id = ${personId} AND cooperative_id = ${coopId}
                        ${opts.current ? sql`AND (exit_on IS NULL OR exit_on > current_date)` : sql``}) AS ok`,
  );
  return Boolean(rows[0]?.ok);
}

export const isPlatformAdmin = (p: Principal): boolean => p.grants.some((g) => g.role === 'platform_admin');

/** May the principal read this organisation (and, for a co-op, its register)? */
export async function canRead(db: Db, p: Principal, orgId: string): Promise<boolean> {
  if (isPlatformAdmin(p)) return true;
  for (const g of p.grants) {
    if (!g.organisationId) continue;
    if (g.role === 'coop_admin' && g.organisationId === orgId) return true;
    if (g.role === 'association_staff' && (await isWithinScope(db, g.organisationId, orgId))) return true;
  }
  return false;
}

/** May the principal change a co-op's register and figures? Co-op administrators of that co-op and platform admins. */
export function canManageRegister(p: Principal, coopId: string): boolean {
  return isPlatformAdmin(p) || p.grants.some((g) => g.role === 'coop_admin' && g.organisationId === coopId);
}

/** May the principal create or edit co-ops under `parentOrgId` (the co-op list an association keeps)? */
export async function canManageCooperativesUnder(db: Db, p: Principal, parentOrgId: string): Promise<boolean> {
  if (isPlatformAdmin(p)) return true;
  for (const g of p.grants) {
    if (g.role === 'association_staff' && g.organisationId && (await isWithinScope(db, g.organisationId, parentOrgId))) return true;
  }
  return false;
}

/** The organisations whose subtrees the principal may read (null = everything). */
export function readableRoots(p: Principal): string[] | null {
  if (isPlatformAdmin(p)) return null;
  return p.grants.filter((g) => g.organisationId && g.role !== 'platform_admin').map((g) => g.organisationId as string);
}
