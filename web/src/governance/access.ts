// What the signed-in account may do with a co-op's assemblies, as far as the UI needs to know to offer it (the API
// decides: every action is authorised server-side again). Mirrors registry's canManageRegister: the co-op's
// administrators and platform administrators convene and chair.
import type { AccountView } from '../identity/api.ts';

export const canManageRegisterOf = (a: AccountView, coopId: string): boolean =>
  a.grants.some((g) => g.role === 'platform_admin' || (g.role === 'coop_admin' && g.organisationId === coopId));

/** The co-ops this account administers (for the «Le mie assemblee» page). */
export function coopsAdministered(a: AccountView): { id: string; name: string | null }[] {
  const seen = new Set<string>();
  const out: { id: string; name: string | null }[] = [];
  for (const g of a.grants) {
    if (g.role !== 'coop_admin' || !g.organisationId || seen.has(g.organisationId)) continue;
    seen.add(g.organisationId);
    out.push({ id: g.organisationId, name: g.organisationName });
  }
  return out;
}
