// Deadlines of data-subject requests (GDPR art. 12(3)): an answer "without undue delay and in any event within one
// month of receipt", extendable "by two further months where necessary", the member being told of the extension and
// its reasons within the first month. Months are calendar months, ending on the same date of the later month or on
// its last day when it has no such date (Regulation 1182/71 art. 3(2)(c)). Pure functions; the clock is passed in.

export const ANSWER_MONTHS = 1;
export const MAX_EXTENSION_MONTHS = 2;

/** `d` plus `months` calendar months (UTC), clamped to the last day of the target month. */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

export type RequestStatus = 'received' | 'in_progress' | 'answered' | 'refused';

export const isOpen = (s: RequestStatus): boolean => s === 'received' || s === 'in_progress';

export interface DeadlineInput {
  status: RequestStatus;
  dueAt: Date;
  extendedDueAt: Date | null;
}

export const effectiveDue = (r: DeadlineInput): Date => r.extendedDueAt ?? r.dueAt;

/** An open request past its (possibly extended) deadline. */
export const isOverdue = (r: DeadlineInput, now: Date): boolean => isOpen(r.status) && effectiveDue(r).getTime() < now.getTime();

/** Whole days left before the deadline (negative once overdue). */
export const daysLeft = (r: DeadlineInput, now: Date): number => Math.floor((effectiveDue(r).getTime() - now.getTime()) / 86_400_000);
