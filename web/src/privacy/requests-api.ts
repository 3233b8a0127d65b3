// Calls of the requests tracker and erasure API.
import { api } from '../core/api.ts';

export interface Bi { it: string; en: string }
export interface ErasureReport {
  executedAt: string;
  tables: { table: string; section: string | null; title: Bi | null; outcome: 'deleted' | 'kept' | 'updated'; rows: number; erased: string[]; pseudonymised: string[]; kept: string[]; basis: Bi | null }[];
  clients: { clientId: string; clientName: string; subject: string }[];
}
export type RequestKind = 'access' | 'export' | 'rectification' | 'erasure';
export type RequestStatus = 'received' | 'in_progress' | 'answered' | 'refused';
export interface PrivacyRequest {
  id: string; kind: RequestKind; status: RequestStatus; cooperativeIds: string[]; message: string | null;
  receivedAt: string; dueAt: string; extendedDueAt: string | null; extensionReason: string | null; extendedAt: string | null;
  answer: string | null; refusalReason: string | null; closedAt: string | null; overdue: boolean; daysLeft: number; result: ErasureReport | null;
}
export interface OfficerRequest extends PrivacyRequest { subjectName: string | null; accountId: string | null }

export const listMyRequests = () => api<{ items: PrivacyRequest[] }>('/me/privacy-requests');
export const requestErasure = (confirmEmail: string, message: string) =>
  api<{ request: PrivacyRequest; receiptToken: string }>('/me/erasure-request', { method: 'POST', json: { confirmEmail, ...(message.trim() ? { message } : {}) } });
export const listOfficerRequests = (cooperativeId: string, overdue: boolean) =>
  api<{ items: OfficerRequest[]; overdueCount: number }>('/privacy/requests', { query: { cooperativeId: cooperativeId || undefined, overdue: overdue || undefined } });
export const officerAction = (id: string, action: 'start' | 'extend' | 'answer' | 'refuse' | 'execute', json?: Record<string, string>) =>
  api<PrivacyRequest>(`/privacy/requests/${encodeURIComponent(id)}/${action}`, { method: 'POST', json: json ?? {} });
