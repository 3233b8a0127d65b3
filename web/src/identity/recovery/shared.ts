// Shared calls of the account-recovery pages (no session needed).
import { api } from '../../core/api.ts';
import type { Session } from '../api.ts';

export const requestReset = (email: string) => api<void>('/auth/password-reset', { method: 'POST', json: { email }, quiet401: true });
export const confirmReset = (token: string, newPassword: string) => api<void>('/auth/password-reset/confirm', { method: 'POST', json: { token, newPassword }, quiet401: true });
export const verifyEmail = (token: string) => api<void>('/auth/email/verify', { method: 'POST', json: { token }, quiet401: true });
export const signInWithRecoveryCode = (email: string, code: string) => api<Session>('/auth/recovery-code', { method: 'POST', json: { email, code }, quiet401: true });

export interface InvitationDetails {
  email: string;
  displayName: string | null;
  role: 'coop_admin' | 'association_staff' | 'platform_admin' | null;
  organisationName: string | null;
  cooperatives: string[];
  existingAccount: boolean;
  expiresAt: string;
}
export const getInvitation = (token: string) => api<InvitationDetails>(`/auth/invitations/${encodeURIComponent(token)}`, { quiet401: true });
export const acceptInvitation = (body: { token: string; password?: string; displayName?: string }) =>
  api<Session>('/auth/invitations/accept', { method: 'POST', json: body, quiet401: true });

/** The token of a link like /reimposta-password#TOKEN (kept out of the address bar once read). */
export function takeFragmentToken(): string | null {
  const hash = window.location.hash.slice(1);
  if (!hash) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return /^[A-Za-z0-9_-]{20,128}$/.test(hash) ? hash : null;
}
