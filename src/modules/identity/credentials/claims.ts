// What a membership credential says, from the register: the co-op (name and tax code), the member's types, the date
// of admission, the co-op's sector (its Albo category), province and region, and the member's name. Every one of
// these is selectively disclosable, so a member can prove "member of a co-op in sector X in province Y" alone.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';

export const CREDENTIAL_CONFIGURATION_ID = 'CooperativeMembership';

export interface MembershipSubject {
  membershipId: string;
  cooperativeId: string;
  personId: string;
  active: boolean;
  claims: MembershipClaims;
}

/** The credential's claims (names follow OpenID / SD-JWT VC conventions: snake_case). */
export interface MembershipClaims {
  cooperative: string;
  cooperative_tax_code: string;
  member_type: string[];
  member_since: string;
  sector: string | null;
  province: string | null;
  region: string | null;
  given_name: string | null;
  family_name: string | null;
  /** For a legal-person member (a company, another co-op). */
  legal_name: string | null;
}

/** The claims a holder may disclose one by one, in the order the web app lists them. */
export const DISCLOSABLE = ['cooperative', 'cooperative_tax_code', 'member_type', 'member_since', 'sector', 'province', 'region', 'given_name', 'family_name', 'legal_name'] as const;

export async function membershipSubject(db: Db, membershipId: string, today = new Date().toISOString().slice(0, 10)): Promise<MembershipSubject | null> {
  const [r] = await queryRows<{
    id: string;
    cooperative_id: string;
    person_id: string;
    types: string[];
    admitted: string;
    exit_on: string | null;
    coop: string;
    cf: string;
    category: string | null;
    province: string | null;
    region: string | null;
    kind: string;
    given_name: string | null;
    family_name: string | null;
    legal_name: string | null;
  }>(
    db,
    sql`SELECT m.id, m.cooperative_id, m.person_id, m.member_types AS types, m.admitted_on AS admitted, m.exit_on,
               o.name AS coop, c.codice_fiscale AS cf, c.albo_category AS category, c.province, c.region,
               p.kind, p.given_name, p.family_name, p.legal_name
          FROM memberships m
          JOIN organisations o ON o.id = m.cooperative_id
          JOIN cooperatives c ON c.organisation_id = m.cooperative_id
          JOIN people p ON p.id = m.person_id
         WHERE m.id = ${membershipId}`,
  );
  if (!r) return null;
  const exitOn = r.exit_on ? String(r.exit_on).slice(0, 10) : null;
  return {
    membershipId: r.id,
    cooperativeId: r.cooperative_id,
    personId: r.person_id,
    active: exitOn === null || exitOn > today,
    claims: {
      cooperative: r.coop,
      cooperative_tax_code: r.cf,
      member_type: r.types,
      member_since: String(r.admitted).slice(0, 10),
      sector: r.category,
      province: r.province,
      region: r.region,
      given_name: r.kind === 'natural' ? r.given_name : null,
      family_name: r.kind === 'natural' ? r.family_name : null,
      legal_name: r.kind === 'legal' ? r.legal_name : null,
    },
  };
}
