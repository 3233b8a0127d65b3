// Calls of the account-security API (/me/security, passkeys, recovery codes, sessions, events, applications).
import { api } from '../../core/api.ts';
import type { PasskeyView } from '../webauthn.ts';

export interface SecuritySummary {
  emailVerified: boolean;
  hasPassword: boolean;
  passkeys: number;
  recoveryCodes: { total: number; remaining: number; createdAt: string | null };
  authenticatedAt: string | null;
  stepUpUntil: string | null;
}

export interface SessionItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
  userAgent: string | null;
  authMethod: 'password' | 'passkey' | 'recovery-code' | 'invitation' | null;
}

export interface SecurityEvent {
  id: number;
  at: string;
  action: string;
  details: { via?: string; reason?: string; clientName?: string; name?: string; scopes?: string[] };
}

export interface Application {
  grantId: string;
  clientId: string;
  name: string;
  scopes: string[];
}

export const getSecurity = () => api<SecuritySummary>('/me/security');
export const listPasskeys = () => api<{ items: PasskeyView[] }>('/me/passkeys');
export const renamePasskey = (id: string, name: string) => api<PasskeyView>(`/me/passkeys/${id}`, { method: 'PATCH', json: { name } });
export const removePasskey = (id: string) => api<void>(`/me/passkeys/${id}`, { method: 'DELETE' });
export const stepUpWithPassword = (password: string) => api<void>('/me/step-up', { method: 'POST', json: { password } });
export const changePassword = (body: { currentPassword?: string; newPassword: string }) => api<void>('/me/password', { method: 'POST', json: body });
export const newRecoveryCodes = () => api<{ codes: string[] }>('/me/recovery-codes', { method: 'POST' });
export const listSessions = () => api<{ items: SessionItem[] }>('/me/sessions');
export const revokeSession = (id: string) => api<void>(`/me/sessions/${id}`, { method: 'DELETE' });
export const listEvents = (page: number) => api<{ items: SecurityEvent[]; page: number; hasMore: boolean }>('/me/security-events', { query: { page, pageSize: 25 } });
export const listApplications = () => api<{ items: Application[] }>('/me/applications');
export const revokeApplication = (grantId: string) => api<void>(`/me/applications/${grantId}`, { method: 'DELETE' });
export const requestVerification = () => api<void>('/me/email/verification', { method: 'POST' });

export const isStepUpRequired = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'problem' in e && (e as { problem: { type: string } }).problem.type === '/problems/step-up-required';
