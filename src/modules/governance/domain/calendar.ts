// Dates of an assembly. Notice periods and "not on the same day" are counted in calendar days in Italy
// (Europe/Rome), whatever the server's time zone.
import { RULE_NOTICE, RULE_SECOND_CALL, type StatuteParams } from './statute.ts';

const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in Italy of an instant. */
export function romeDate(at: Date | string): string {
  return ROME.format(typeof at === 'string' ? new Date(at) : at);
}

/** Whole days from ISO date `a` to ISO date `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type NoticeMethod = 'standard' | 'with_receipt';

export interface CallPlan {
  noticeAt: Date;
  firstCallAt: Date;
  secondCallAt: Date | null;
  noticeMethod: NoticeMethod;
  recordDate: string;
}

export interface CalendarProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Checks the calls of a convocation against the statute: the notice period (art. 2366 c.c.), the second call not on
 * the same day and within 30 days (art. 2369 c.c.), and a record date no later than the first call.
 */
export function checkCalls(plan: CallPlan, statute: StatuteParams): CalendarProblem[] {
  const out: CalendarProblem[] = [];
  const noticeDate = romeDate(plan.noticeAt);
  const firstDate = romeDate(plan.firstCallAt);
  const needed = plan.noticeMethod === 'with_receipt' ? statute.noticeDaysWithReceipt : statute.noticeDays;
  const given = daysBetween(noticeDate, firstDate);
  if (given < needed) {
    out.push({ field: 'firstCallAt', code: 'governance.calls.notice-too-short', params: { days: given, needed, source: RULE_NOTICE.source } });
  }
  if (plan.secondCallAt) {
    const secondDate = romeDate(plan.secondCallAt);
    if (plan.secondCallAt.getTime() <= plan.firstCallAt.getTime()) {
      out.push({ field: 'secondCallAt', code: 'governance.calls.second-before-first' });
    } else if (secondDate === firstDate) {
      out.push({ field: 'secondCallAt', code: 'governance.calls.second-same-day', params: { source: RULE_SECOND_CALL.source } });
    } else if (daysBetween(firstDate, secondDate) > RULE_SECOND_CALL.maxDaysAfterFirst) {
      out.push({ field: 'secondCallAt', code: 'governance.calls.second-too-late', params: { days: RULE_SECOND_CALL.maxDaysAfterFirst, source: RULE_SECOND_CALL.source } });
    }
  }
  if (plan.recordDate > firstDate) out.push({ field: 'recordDate', code: 'governance.calls.record-after-first' });
  return out;
}
