// Shapes and calls of the incubator's public API (src/modules/incubator/schemas.ts). Explanations come in both
// languages at once ({ it, en }); the page shows the UI language's.
import { api } from '../core/api.ts';

export type Texts = { it: string; en: string };
export const MEMBER_GROUPS = ['workers', 'users', 'producers', 'inhabitants', 'community'] as const;
export type MemberGroup = (typeof MEMBER_GROUPS)[number];
export const ACTIVITIES = ['other', 'social_services', 'work_integration', 'agriculture', 'housing'] as const;
export type Activity = (typeof ACTIVITIES)[number];
export type Kind = 'worker' | 'user' | 'producer' | 'housing' | 'social_a' | 'social_b' | 'community';
export type Status = 'ok' | 'not-ok' | 'to-verify';

export interface Answers {
  members: MemberGroup[];
  founders: number;
  legalPersonFounders?: number;
  activity: Activity;
  workersBuyout?: boolean;
  plannedWorkers?: number;
  disadvantagedWorkers?: number;
  expectedAssetsCents?: number;
  shareCents?: number;
  capitalPerFounderCents?: number;
}

export interface Check {
  rule: string;
  article: Texts;
  status: Status;
  text: Texts;
}
export interface Note {
  code: string;
  text: Texts;
}
export interface Recommendation {
  kind: Kind;
  primary: boolean;
  name: Texts;
  why: Texts;
  eligible: boolean;
  alboCategories: string[];
  checks: Check[];
  warnings: Note[];
  nextSteps: Texts[];
}
export interface Assessment {
  eligible: boolean;
  minimumFounders: number;
  legalModel: { allowed: ('srl' | 'spa')[]; recommended: 'srl' | 'spa'; text: Texts };
  recommendations: Recommendation[];
  warnings: Note[];
  nextSteps: Texts[];
  summary: Texts;
}

export interface KindFigures {
  kind: Kind;
  name: Texts;
  explanation: Texts;
  alboCategories: string[];
  socialTypes: string[];
  activeCooperatives: number | null;
  byProvince: { province: string | null; count: number }[];
  bornThroughIncubator: number;
}

export const getKinds = (): Promise<{ items: KindFigures[]; rules: { id: string; article: Texts; title: Texts }[] }> => api('/incubator/kinds');
export const postAssessment = (answers: Answers): Promise<Assessment> => api('/incubator/assessment', { method: 'POST', json: answers });
