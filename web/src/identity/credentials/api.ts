// Calls of the credentials API and the holder-side work on an SD-JWT: reading its disclosures and building a
// presentation that keeps only the chosen ones (no cryptography needed: the issuer's signature covers the digests).
import { api } from '../../core/api.ts';

export interface CredentialView {
  id: string;
  membershipId: string | null;
  cooperativeId: string;
  cooperativeName: string | null;
  issuedAt: string;
  expiresAt: string;
  status: 'valid' | 'revoked' | 'expired';
  revokedAt: string | null;
  revokedReason: string | null;
  via: 'web' | 'openid4vci';
  holderBound: boolean;
}

export interface Offer {
  offerUri: string;
  txCode: string;
  expiresAt: string;
}

export type CheckResult = 'pass' | 'fail' | 'not-applicable';
export interface VerificationReport {
  valid: boolean;
  problem: string | null;
  checks: Record<'format' | 'issuer' | 'signature' | 'disclosures' | 'validity' | 'status' | 'holderBinding', CheckResult>;
  issuer: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  disclosed: Record<string, unknown>;
  undisclosedCount: number;
  keyBinding: { audience: string | null; nonce: string | null; issuedAt: string | null } | null;
}

export const listCredentials = () => api<{ items: CredentialView[] }>('/me/credentials');
export const issueCredential = (membershipId: string) => api<{ credential: CredentialView; sdJwt: string }>('/me/credentials', { method: 'POST', json: { membershipId } });
export const getCredential = (id: string) => api<{ credential: CredentialView; sdJwt: string }>(`/me/credentials/${id}`);
export const revokeCredential = (id: string) => api<CredentialView>(`/me/credentials/${id}`, { method: 'DELETE' });
export const createOffer = (membershipId: string) => api<Offer>('/me/credentials/offers', { method: 'POST', json: { membershipId } });
export const verifyPresentation = (presentation: string) => api<VerificationReport>('/credentials/verify', { method: 'POST', json: { presentation }, quiet401: true });

/** The claims a holder can choose, in display order. */
export const CLAIM_ORDER = ['cooperative', 'cooperative_tax_code', 'member_type', 'member_since', 'sector', 'province', 'region', 'given_name', 'family_name', 'legal_name'];

export interface Disclosure {
  encoded: string;
  name: string;
  value: unknown;
}

function b64urlDecode(s: string): string {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b + '='.repeat((4 - (b.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The issuer-signed JWT and the disclosures of a compact SD-JWT (`jwt~d1~d2~…~`). */
export function parseSdJwt(sdJwt: string): { jwt: string; disclosures: Disclosure[] } {
  const [jwt = '', ...rest] = sdJwt.split('~');
  const disclosures: Disclosure[] = [];
  for (const d of rest) {
    if (!d || d.includes('.')) continue;
    try {
      const arr = JSON.parse(b64urlDecode(d)) as unknown[];
      if (Array.isArray(arr) && arr.length === 3 && typeof arr[1] === 'string') disclosures.push({ encoded: d, name: arr[1], value: arr[2] });
    } catch {
      // not a disclosure: skipped
    }
  }
  disclosures.sort((a, b) => CLAIM_ORDER.indexOf(a.name) - CLAIM_ORDER.indexOf(b.name));
  return { jwt, disclosures };
}

/** A presentation keeping only the disclosures of `names` (the holder's selective disclosure). */
export function presentation(sdJwt: string, names: string[]): string {
  const { jwt, disclosures } = parseSdJwt(sdJwt);
  const kept = disclosures.filter((d) => names.includes(d.name)).map((d) => d.encoded);
  return [jwt, ...kept, ''].join('~');
}

/** The public verification page's address carrying a presentation (after #, never sent to a server log). */
export const verifyUrl = (p: string): string => `${window.location.origin}/verifica#${p}`;
