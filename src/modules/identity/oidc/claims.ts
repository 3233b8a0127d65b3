// What a relying party may learn about a member, by scope: `profile` (name, language), `email` (address and whether
// it is verified) and `memberships` (each co-op, member type, member since, whether active) — the last only with
// the member's consent on the consent page. `sub` is replaced by the client's pairwise identifier by the provider.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'memberships', 'offline_access'] as const;

export const OIDC_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  memberships: ['memberships'],
};

export interface MembershipClaim {
  cooperative: string;
  cooperative_tax_code: string;
  member_type: string[];
  member_since: string;
  active: boolean;
}

export interface AccountClaims {
  sub: string;
  name: string;
  given_name?: string;
  family_name?: string;
  locale: string;
  updated_at?: number;
  email: string;
  email_verified: boolean;
  /** For the `memberships` scope, loaded only when it is granted. */
  personId: string | null;
}

export async function membershipClaims(db: Db, personId: string | null, today = new Date().toISOString().slice(0, 10)): Promise<MembershipClaim[]> {
  if (!personId) return [];
  const list = await queryRows<{ name: string; cf: string; types: string[]; admitted: string; exit_on: string | null }>(
    db,
    sql`SELECT o.name, c.codice_fiscale AS cf, m.member_types AS types, m.admitted_on AS admitted, m.exit_on
          FROM memberships m JOIN organisations o ON o.id = m.cooperative_id JOIN cooperatives c ON c.organisation_id = m.cooperative_id
         WHERE m.person_id = ${personId}
         ORDER BY m.exit_on IS NOT NULL, m.admitted_on`,
  );
  return list.map((m) => ({
    cooperative: m.name,
    cooperative_tax_code: m.cf,
    member_type: m.types,
    member_since: String(m.admitted).slice(0, 10),
    active: m.exit_on === null || String(m.exit_on).slice(0, 10) > today,
  }));
}

/** The account's profile and e-mail claims, or undefined when it is gone or disabled. */
export async function accountClaims(db: Db, accountId: string): Promise<AccountClaims | undefined> {
  const [a] = await queryRows<{
    id: string;
    email: string;
    display_name: string;
    locale: string;
    email_verified_at: string | Date | null;
    person_id: string | null;
    given_name: string | null;
    family_name: string | null;
    updated_at: string | Date | null;
  }>(
    db,
    sql`SELECT a.id, a.email, a.display_name, a.locale, a.email_verified_at, a.person_id, p.given_name, p.family_name, p.updated_at
          FROM accounts a LEFT JOIN people p ON p.id = a.person_id
         WHERE a.id = ${accountId} AND a.disabled_at IS NULL`,
  );
  if (!a) return undefined;
  return {
    sub: a.id,
    name: a.display_name,
    ...(a.given_name ? { given_name: a.given_name } : {}),
    ...(a.family_name ? { family_name: a.family_name } : {}),
    locale: a.locale,
    ...(a.updated_at ? { updated_at: Math.floor(new Date(a.updated_at).getTime() / 1000) } : {}),
    email: a.email,
    email_verified: a.email_verified_at !== null,
    personId: a.person_id,
  };
}
