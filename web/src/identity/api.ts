// Shapes and calls of the identity API (/auth, /me).
import { api } from '../core/api.ts';
import type { Language } from '../core/i18n.ts';

export type Role = 'coop_admin' | 'association_staff' | 'platform_admin';

export interface Grant {
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: string | null;
}

export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  locale: Language;
  personId: string | null;
  grants: Grant[];
}

export interface Session {
  account: AccountView;
  csrfToken: string;
}

export interface PersonView {
  id: string;
  kind: 'natural' | 'legal';
  givenName: string | null;
  familyName: string | null;
  legalName: string | null;
  codiceFiscale: string | null;
  email: string | null;
}

export interface MyMembership {
  id: string;
  cooperative: { id: string; name: string; province: string | null };
  registerNumber: number;
  memberTypes: string[];
  admittedOn: string;
  registeredOn: string;
  sharesCount: number;
  shareNominalCents: number;
  subscribedCents: number;
  paidCents: number;
  exitKind: string | null;
  exitOn: string | null;
  exitReason: string | null;
}

export interface MyMemberships {
  person: PersonView | null;
  items: MyMembership[];
}

export const signIn = (email: string, password: string): Promise<Session> =>
  api<Session>('/auth/sign-in', { method: 'POST', json: { email, password }, quiet401: true });

export const signOut = (): Promise<void> => api<void>('/auth/sign-out', { method: 'POST', quiet401: true });

export const getSession = (): Promise<Session> => api<Session>('/auth/session', { quiet401: true });

export const updateAccount = (patch: { displayName?: string; locale?: Language }): Promise<AccountView> =>
  api<AccountView>('/me/account', { method: 'PATCH', json: patch });

export const getMyMemberships = (): Promise<MyMemberships> => api<MyMemberships>('/me/memberships');
