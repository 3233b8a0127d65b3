// Calls of the administrators' identity API: relying parties (OIDC clients), signing keys, the mail outbox.
import { api } from '../../core/api.ts';

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';
export interface OidcClient {
  clientId: string;
  name: string;
  authMethod: AuthMethod;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  sectorIdentifierUri: string | null;
  allowRefresh: boolean;
  createdAt: string;
  updatedAt: string;
  disabled: boolean;
}
export interface NewClient {
  name: string;
  authMethod: AuthMethod;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  allowRefresh: boolean;
}
export interface KeyView {
  kid: string;
  alg: string;
  createdAt: string;
  retiredAt: string | null;
  unpublishAt: string | null;
  active: boolean;
}
export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  template: string;
  locale: string;
  status: 'pending' | 'sent' | 'failed' | 'outbox';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const listClients = () => api<{ items: OidcClient[]; issuer: string }>('/admin/oidc/clients');
export const createClient = (c: NewClient) => api<{ client: OidcClient; clientSecret: string | null }>('/admin/oidc/clients', { method: 'POST', json: c });
export const updateClient = (id: string, patch: Partial<NewClient> & { disabled?: boolean }) => api<OidcClient>(`/admin/oidc/clients/${id}`, { method: 'PATCH', json: patch });
export const rotateSecret = (id: string) => api<{ clientSecret: string }>(`/admin/oidc/clients/${id}/secret`, { method: 'POST' });
export const deleteClient = (id: string) => api<void>(`/admin/oidc/clients/${id}`, { method: 'DELETE' });
export const listKeys = (purpose: 'oidc' | 'credentials') => api<{ items: KeyView[] }>(`/admin/keys/${purpose}`);
export const rotateKeys = (purpose: 'oidc' | 'credentials') => api<{ kids: string[]; retired: string[] }>(`/admin/keys/${purpose}/rotate`, { method: 'POST' });
export const listMail = (q: { page: number; status?: string; to?: string }) => api<{ mode: 'smtp' | 'outbox'; items: MailSummary[]; total: number; page: number; pageSize: number }>('/admin/mail', { query: q });
export const getMail = (id: string) => api<MailSummary & { text: string | null }>(`/admin/mail/${id}`);
