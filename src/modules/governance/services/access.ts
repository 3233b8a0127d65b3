// Who may do what with a co-op's assemblies: its administrators (canManageRegister) convene and chair; association
// staff read within their scope; members see their co-op's convened assemblies and take part; outsiders see nothing.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import { canManageRegister, canRead, personHasMembershipIn } from '../../registry/index.ts';
import { one } from './common.ts';

export interface CoopAccess {
  manage: boolean;
  read: boolean;
  member: boolean;
}

export async function coopAccess(db: Db, p: Principal, coopId: string): Promise<CoopAccess> {
  const manage = canManageRegister(p, coopId);
  const read = manage || (await canRead(db, p, coopId));
  // Only current members take part: a member who left no longer sees the co-op's assemblies or joins its discussions.
  const member = p.personId ? await personHasMembershipIn(db, p.personId, coopId, { current: true }) : false;
  return { manage, read, member };
}

export async function assertCoop(db: Db, coopId: string): Promise<{ name: string }> {
  const row = await one<{ name: string }>(db, sql`SELECT o.name FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id WHERE c.organisation_id = ${coopId}`);
  if (!row) throw notFound('registry.cooperative-not-found');
  return row;
}

export async function requireManage(db: Db, p: Principal, coopId: string): Promise<void> {
  await assertCoop(db, coopId);
  if (!canManageRegister(p, coopId)) throw forbidden();
}

export async function requireRead(db: Db, p: Principal, coopId: string): Promise<CoopAccess> {
  await assertCoop(db, coopId);
  const a = await coopAccess(db, p, coopId);
  if (!a.read && !a.member) throw forbidden();
  return a;
}

export interface AssemblyRef {
  id: string;
  cooperativeId: string;
  status: 'draft' | 'convened' | 'in_session' | 'closed' | 'cancelled';
  kind: 'ordinary' | 'extraordinary';
  mode: 'in_person' | 'hybrid' | 'remote';
  parentId: string | null;
  sectionId: string | null;
  sectional: boolean;
  call: 'first' | 'second' | null;
  access: CoopAccess;
}

/**
 * Loads an assembly the principal may see: 404 when it does not exist (or is a draft they may not see), 403 when it
 * is out of their reach; with `manage`, 403 unless they administer the co-op.
 */
export async function loadAssembly(db: Db, p: Principal, id: string, need: 'see' | 'manage' = 'see'): Promise<AssemblyRef> {
  const row = await one<Omit<AssemblyRef, 'access'>>(db, sql`
    SELECT id, cooperative_id AS "cooperativeId", status, kind, mode, parent_id AS "parentId", section_id AS "sectionId", sectional, call
      FROM assemblies WHERE id = ${id}`);
  if (!row) throw notFound('governance.assembly.not-found');
  const access = await coopAccess(db, p, row.cooperativeId);
  if (need === 'manage' && !access.manage) throw forbidden();
  if (!access.read && !access.member) throw forbidden();
  if (row.status === 'draft' && !access.read) throw notFound('governance.assembly.not-found');
  return { ...row, access };
}
