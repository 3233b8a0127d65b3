// Calls of the onboarding API: a co-op's members with their account state, and bulk invitations as a job.
import { api } from '../../core/api.ts';
import type { Problem } from '../../core/api.ts';

export type OnboardingStatus = 'linked' | 'invited' | 'no-email' | 'not-invited';
export interface OnboardingMember {
  membershipId: string;
  registerNumber: number;
  name: string;
  email: string | null;
  status: OnboardingStatus;
  invitedAt: string | null;
}
export interface OnboardingList {
  items: OnboardingMember[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<OnboardingStatus, number>;
}
export interface InviteJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  progress: { done?: number; total?: number | null };
  result: { invited: number; skipped: { linked: number; invited: number; noEmail: number; emailTaken: number; duplicateEmail: number } } | null;
  problem: Problem | null;
}

export const listOnboarding = (coopId: string, q: { page: number; status?: OnboardingStatus }) => api<OnboardingList>(`/cooperatives/${coopId}/onboarding`, { query: { ...q, pageSize: 50 } });
export const inviteMembers = (coopId: string, body: { membershipIds?: string[]; all?: boolean; resend?: boolean }) =>
  api<InviteJob>(`/cooperatives/${coopId}/onboarding/invitations`, { method: 'POST', json: body });
export const getInviteJob = (id: string) => api<InviteJob>(`/onboarding-jobs/${id}`);
