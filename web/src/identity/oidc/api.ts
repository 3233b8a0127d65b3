// Calls of the OIDC interaction endpoints. They live under /oidc/interaction/:uid (not /api) because the provider's
// interaction cookie is scoped to that path; same-origin fetch with the session's CSRF token.
import { ApiError, type Problem } from '../../core/api.ts';
import { currentLanguage } from '../../core/i18n.ts';

export interface MembershipClaim {
  cooperative: string;
  cooperative_tax_code: string;
  member_type: string[];
  member_since: string;
  active: boolean;
}

export interface Interaction {
  uid: string;
  prompt: 'login' | 'consent';
  client: { clientId: string; name: string; redirectHost: string };
  scopes: string[];
  memberships: MembershipClaim[] | null;
  signedIn: boolean;
  sameAccount: boolean;
}

async function call<T>(uid: string, path: string, csrf: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf && body !== undefined) headers['x-csrf-token'] = csrf;
  const res = await fetch(`/oidc/interaction/${encodeURIComponent(uid)}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const p = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
    throw new ApiError({ type: p.type ?? 'about:blank', title: p.title ?? res.statusText, status: res.status, ...(p.detail ? { detail: p.detail } : {}) });
  }
  return json as T;
}

export const getInteraction = (uid: string) => call<Interaction>(uid, '/details', null);
export const finishLogin = (uid: string, csrf: string | null) => call<{ redirectTo: string }>(uid, '/login', csrf, {});
export const giveConsent = (uid: string, csrf: string | null, scopes: string[]) => call<{ redirectTo: string }>(uid, '/consent', csrf, { scopes });
export const refuse = (uid: string, csrf: string | null) => call<{ redirectTo: string }>(uid, '/abort', csrf, {});
