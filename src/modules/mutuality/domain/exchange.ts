// One mutual-exchange entry as a co-op records it (API or import): what each kind needs, normalised for storage.
// For work the quantity is the hours and the value the wages; deliveries need a quantity and its unit. Pure.
import { isExchangeKind, WORK_UNIT, type ExchangeKind } from './kinds.ts';

export interface EntryInput {
  kind: string;
  occurredOn: string;
  quantity?: number | null | undefined;
  unit?: string | null | undefined;
  valueCents: number;
  grade?: string | null | undefined;
  description?: string | null | undefined;
}

export interface NormalEntry {
  kind: ExchangeKind;
  occurredOn: string;
  /** Thousandths of the unit (hours for work), or null. */
  quantityMilli: number | null;
  unit: string | null;
  valueCents: number;
  grade: string | null;
  description: string | null;
}

export interface EntryProblem {
  field: 'kind' | 'occurredOn' | 'quantity' | 'unit' | 'valueCents' | 'grade' | 'description';
  code: string;
  params?: Record<string, string | number>;
}

/** Most hours one entry may carry (a year of full-time work is about 1,800). */
export const MAX_HOURS = 10_000;
/** Guards against typos of many zeros: €100 million in one entry. */
export const MAX_VALUE_CENTS = 10_000_000_000;
export const MAX_QUANTITY = 99_999_999_999;

const blank = (s: string | null | undefined): string | null => (s === null || s === undefined || s.trim() === '' ? null : s.trim());

/** Quantity in thousandths when it has at most 3 decimals (a float like 1.005 is 1005 thousandths). */
export function toMilli(q: number): number | null {
  const milli = Math.round(q * 1000);
  return Math.abs(milli - q * 1000) < 1e-6 ? milli : null;
}

export function normaliseEntry(e: EntryInput, today: string): { entry: NormalEntry | null; problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const kind = isExchangeKind(e.kind) ? e.kind : null;
  if (!kind) problems.push({ field: 'kind', code: 'exchange.kind' });
  if (e.occurredOn > today) problems.push({ field: 'occurredOn', code: 'exchange.future-date' });
  if (!Number.isSafeInteger(e.valueCents) || e.valueCents < 0 || e.valueCents > MAX_VALUE_CENTS) problems.push({ field: 'valueCents', code: 'field.range' });
  let quantityMilli: number | null = null;
  if (e.quantity !== null && e.quantity !== undefined) {
    const max = kind === 'work' ? MAX_HOURS : MAX_QUANTITY;
    const milli = Number.isFinite(e.quantity) ? toMilli(e.quantity) : null;
    if (milli === null) problems.push({ field: 'quantity', code: 'exchange.quantity-decimals' });
    else if (e.quantity < 0 || e.quantity > max) problems.push({ field: 'quantity', code: 'field.range' });
    else quantityMilli = milli;
  }
  let unit = blank(e.unit);
  if (unit && unit.length > 20) problems.push({ field: 'unit', code: 'field.length' });
  if (kind === 'work') {
    if (e.quantity === null || e.quantity === undefined) problems.push({ field: 'quantity', code: 'exchange.hours-required' });
    if (unit && unit.toLowerCase() !== WORK_UNIT && !/^(ore|hours?|hrs?)$/i.test(unit)) problems.push({ field: 'unit', code: 'exchange.work-unit' });
    unit = WORK_UNIT;
  }
  if (kind === 'delivery') {
    if (e.quantity === null || e.quantity === undefined) problems.push({ field: 'quantity', code: 'exchange.quantity-required' });
    if (!unit) problems.push({ field: 'unit', code: 'exchange.unit-required' });
  }
  if (quantityMilli !== null && kind !== 'work' && !unit) problems.push({ field: 'unit', code: 'exchange.unit-required' });
  const grade = blank(e.grade);
  if (grade && grade.length > 40) problems.push({ field: 'grade', code: 'field.length' });
  const description = blank(e.description);
  if (description && description.length > 500) problems.push({ field: 'description', code: 'field.length' });
  if (problems.length || !kind) return { entry: null, problems };
  return { entry: { kind, occurredOn: e.occurredOn, quantityMilli, unit: quantityMilli === null && kind !== 'work' ? null : unit, valueCents: e.valueCents, grade, description }, problems };
}

/** Was the member in the co-op on that day? (admitted on or before, not yet left) */
export function withinMembership(day: string, admittedOn: string, exitOn: string | null): boolean {
  return admittedOn <= day && (exitOn === null || day <= exitOn);
}

/** Quantity in thousandths as the SQL numeric text ("12.500"). */
export function milliToDecimal(milli: number): string {
  const neg = milli < 0;
  const s = String(Math.abs(milli)).padStart(4, '0');
  return `${neg ? '-' : ''}${s.slice(0, -3)}.${s.slice(-3)}`;
}
