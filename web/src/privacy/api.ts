// Calls of the privacy API: consents, the privacy notice, the access log; the export is a plain download link.
import { api, apiUrl } from '../core/api.ts';

export interface PrivacyDocument {
  id: string;
  kind: 'privacy_notice' | 'terms';
  version: number;
  title: string;
  body: string;
  publishedAt: string;
}

export interface Consent {
  purpose: string;
  label: string;
  description: string;
  given: boolean;
  givenAt: string | null;
  withdrawnAt: string | null;
  history: { givenAt: string; withdrawnAt: string | null; noticeVersion: number | null }[];
}

export interface AccessLogEntry {
  id: number;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  actor: { accountId: string; displayName: string; self: boolean; roles: { role: string; organisationId: string | null; organisationName: string | null }[] } | null;
  details: Record<string, unknown>;
}

export const EXPORT_URL = apiUrl('/me/data-export');
export const listConsents = () => api<{ notice: PrivacyDocument | null; items: Consent[] }>('/me/consents');
export const setConsent = (purpose: string, given: boolean) => api<Consent>(`/me/consents/${encodeURIComponent(purpose)}`, { method: 'POST', json: { given } });
export const listAccessLog = (page: number, others: boolean) =>
  api<{ items: AccessLogEntry[]; page: number; pageSize: number; hasMore: boolean }>('/me/access-log', { query: { page, pageSize: 20, others: others || undefined } });
