// Where each role starts, and which sections it sees in the navigation.
import type { AccountView, Grant } from '../identity/api.ts';

export interface Destination {
  to: string;
  role: Grant['role'];
  organisationName: string | null;
  organisationId: string | null;
}

/** The dashboard a grant opens: a co-op page for its admins, the organisation's dashboard for staff. */
export function grantDestination(grant: Grant): Destination | null {
  const base = { role: grant.role, organisationName: grant.organisationName, organisationId: grant.organisationId };
  if (grant.role === 'coop_admin' && grant.organisationId) return { ...base, to: `/cooperative/${grant.organisationId}` };
  if (grant.role === 'association_staff' && grant.organisationId) return { ...base, to: `/organizzazioni/${grant.organisationId}` };
  if (grant.role === 'platform_admin') {
    return { ...base, to: grant.organisationId ? `/organizzazioni/${grant.organisationId}` : '/organizzazioni?inizio=1' };
  }
  return null;
}

export function destinations(account: AccountView): Destination[] {
  const seen = new Set<string>();
  const out: Destination[] = [];
  for (const g of account.grants) {
    const d = grantDestination(g);
    if (d && !seen.has(d.to)) {
      seen.add(d.to);
      out.push(d);
    }
  }
  return out;
}

export const hasRole = (account: AccountView, ...roles: Grant['role'][]): boolean =>
  account.grants.some((g) => roles.includes(g.role));

export const canSeeOrganisations = (a: AccountView): boolean => hasRole(a, 'association_staff', 'platform_admin');
export const canSeeCooperatives = (a: AccountView): boolean => hasRole(a, 'coop_admin', 'association_staff', 'platform_admin');
export const canImport = (a: AccountView): boolean => hasRole(a, 'coop_admin', 'association_staff', 'platform_admin');
export const canAdministerPlatform = (a: AccountView): boolean => hasRole(a, 'platform_admin');
export const canInviteMembers = (a: AccountView): boolean => hasRole(a, 'coop_admin');
/** Assemblies: members see theirs, co-op administrators convene and chair. */
export const canSeeAssemblies = (a: AccountView): boolean => Boolean(a.personId) || hasRole(a, 'coop_admin');
/** Mutuality: members read their exchanges, ristorni and shares; co-op administrators run the year-end. */
export const canSeeMutuality = (a: AccountView): boolean => Boolean(a.personId) || hasRole(a, 'coop_admin');
