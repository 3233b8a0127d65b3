// Who may do what in mutuality, on top of the registry's scope rules: co-op administrators (and platform admins)
// write and read everything of their co-op; association staff read a co-op's ledger, prevalence and runs within
// their subtree (not individual statements); a member reads their own entries, statements and shares.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import { canManageRegister, canRead } from '../../registry/index.ts';

export interface Actor {
  principal: Principal;
  requestId: string;
}

export interface CoopInfo {
  id: string;
  name: string;
  codiceFiscale: string;
  alboNumber: string | null;
  comune: string | null;
  province: string | null;
  socialType: string | null;
}

export interface MembershipInfo {
  id: string;
  cooperativeId: string;
  personId: string;
  registerNumber: number;
  name: string;
  natural: boolean;
  codiceFiscale: string | null;
  admittedOn: string;
  exitOn: string | null;
  shareNominalCents: number;
  sharesCount: number;
  subscribedCents: number;
  paidCents: number;
}

export async function findCoop(db: Db, coopId: string): Promise<CoopInfo | null> {
  const [row] = await queryRows<CoopInfo>(db, sql`
    SELECT o.id, o.name, c.codice_fiscale AS "codiceFiscale", c.albo_number AS "alboNumber", c.comune, c.province,
           c.social_type AS "socialType"
      FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id WHERE c.organisation_id = ${coopId}`);
  return row ?? null;
}

/** The co-op, or 404; then 403 unless the principal may read it (staff in scope, its admins, platform admins). */
export async function coopForReading(db: Db, p: Principal, coopId: string): Promise<CoopInfo> {
  const coop = await findCoop(db, coopId);
  if (!coop) throw notFound('mutuality.cooperative-not-found');
  if (!(await canRead(db, p, coopId))) throw forbidden();
  return coop;
}

/** The co-op, or 404; then 403 unless the principal administers it. */
export async function coopForManaging(db: Db, p: Principal, coopId: string): Promise<CoopInfo> {
  const coop = await findCoop(db, coopId);
  if (!coop) throw notFound('mutuality.cooperative-not-found');
  if (!canManageRegister(p, coopId)) throw forbidden();
  return coop;
}

export const membershipColumns = sql`
  m.id, m.cooperative_id AS "cooperativeId", m.person_id AS "personId", m.register_number AS "registerNumber",
  coalesce(p.family_name || ' ' || p.given_name, p.legal_name) AS name, p.kind = 'natural' AS natural,
  p.codice_fiscale AS "codiceFiscale", m.admitted_on AS "admittedOn", m.exit_on AS "exitOn",
  m.share_nominal_cents::float8 AS "shareNominalCents", m.shares_count AS "sharesCount",
  m.subscribed_cents::float8 AS "subscribedCents", m.paid_cents::float8 AS "paidCents"`;

export async function findMembership(db: Db, membershipId: string): Promise<MembershipInfo | null> {
  const [row] = await queryRows<MembershipInfo>(db, sql`
    SELECT ${membershipColumns} FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.id = ${membershipId}`);
  return row ?? null;
}

export const isOwnMembership = (p: Principal, m: Pick<MembershipInfo, 'personId'>): boolean => p.personId !== null && p.personId === m.personId;

/** A membership its holder, its co-op's admins or (when `staff`) readers of the co-op may see; else 404/403. */
export async function membershipForReading(db: Db, p: Principal, membershipId: string, opts: { staff: boolean }): Promise<MembershipInfo> {
  const m = await findMembership(db, membershipId);
  if (!m) throw notFound('mutuality.membership-not-found');
  if (isOwnMembership(p, m) || canManageRegister(p, m.cooperativeId)) return m;
  if (opts.staff && (await canRead(db, p, m.cooperativeId))) return m;
  throw forbidden();
}

/** Serialises writes to one co-op's year (entries against the year-end computation), on both backends. */
export const lockCoopYear = (coopId: string, year: number) =>
  sql`SELECT pg_advisory_xact_lock(1836413045, hashtext(${coopId}::text || ':' || ${year}::text))`;

export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** A timestamp column as an ISO string whatever the driver returned. */
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
