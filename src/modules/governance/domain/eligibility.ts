// Who is on an assembly's electoral roll, with what weight, and why not when they may not vote. This is the rule in
// plain code (for explanations and tests); the service computes the same thing set-based in SQL for millions of
// members (roll.sql.ts), and a test checks that the two agree.
import { daysBetween } from './calendar.ts';
import { RULE_FINANCING_CAP, RULE_LEGAL_PERSON_VOTES, RULE_MIN_DAYS_IN_REGISTER, type StatuteParams } from './statute.ts';

/** Member types that vote as financing members (the registry's codes): art. 2526 c.c. and L. 59/1992 art. 4. */
export const FINANCING_MEMBER_TYPES: readonly string[] = ['sovventore', 'finanziatore'];

export interface MembershipFacts {
  personKind: 'natural' | 'legal';
  memberTypes: readonly string[];
  admittedOn: string;
  registeredOn: string;
  exitOn: string | null;
  subscribedCents: number;
  paidCents: number;
}

export type ExclusionReason = 'seniority' | 'unpaid';

export interface RollEntry {
  /** Votes the member casts (0 when not eligible). */
  weight: number;
  financing: boolean;
  eligible: boolean;
  reason: ExclusionReason | null;
  /** Days from registration in the members' register to the assembly (first call). */
  daysInRegister: number;
}

/** Is the membership open on `date`? (admitted on or before it, not exited by it) */
export const isMemberOn = (m: Pick<MembershipFacts, 'admittedOn' | 'exitOn'>, date: string): boolean =>
  m.admittedOn <= date && (m.exitOn === null || m.exitOn > date);

/**
 * The roll entry of a membership for an assembly whose first call falls on `assemblyDate`, with the roll taken on
 * `recordDate`; null when the person is not a member on the record date (they are not on the roll at all).
 */
export function rollEntry(m: MembershipFacts, assemblyDate: string, recordDate: string, statute: StatuteParams): RollEntry | null {
  if (!isMemberOn(m, recordDate)) return null;
  const daysInRegister = daysBetween(m.registeredOn, assemblyDate);
  const financing = m.memberTypes.some((t) => FINANCING_MEMBER_TYPES.includes(t));
  const votes = m.personKind === 'legal' ? statute.legalPersonVotes : 1;
  let reason: ExclusionReason | null = null;
  if (daysInRegister < statute.minDaysInRegister) reason = 'seniority';
  else if (statute.excludeUnpaidMembers && m.paidCents < m.subscribedCents) reason = 'unpaid';
  return { weight: reason ? 0 : votes, financing, eligible: reason === null, reason, daysInRegister };
}

export interface Explanation {
  key: string;
  params: Record<string, string | number>;
}

/** The roll entry in words (i18n keys with their figures), as the member sees it. */
export function explainRollEntry(e: RollEntry, statute: StatuteParams, personKind: 'natural' | 'legal'): Explanation[] {
  const out: Explanation[] = [];
  if (e.reason === 'seniority') {
    out.push({ key: 'governance.roll.reason.seniority', params: { days: e.daysInRegister, needed: statute.minDaysInRegister, source: RULE_MIN_DAYS_IN_REGISTER.source } });
  } else if (e.reason === 'unpaid') {
    out.push({ key: 'governance.roll.reason.unpaid', params: {} });
  } else {
    out.push({ key: 'governance.roll.eligible', params: { days: e.daysInRegister, needed: statute.minDaysInRegister, weight: e.weight } });
    if (personKind === 'legal') out.push({ key: 'governance.roll.legal-person', params: { weight: e.weight, source: RULE_LEGAL_PERSON_VOTES.source } });
  }
  if (e.financing) out.push({ key: 'governance.roll.financing', params: { num: statute.financingCap.num, den: statute.financingCap.den, source: RULE_FINANCING_CAP.source } });
  return out;
}
