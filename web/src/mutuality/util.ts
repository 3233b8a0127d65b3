// Small pure helpers of the mutuality pages: who may manage a co-op's mutuality, the years offered, reading the
// decimals people type (Italian or English conventions) into exact integers, and the server's bilingual texts.
import type { AccountView } from '../identity/api.ts';
import type { Language } from '../core/i18n.ts';
import type { Texts } from './api.ts';

/** The co-op's administrators and platform administrators write; others in scope only read (as the API decides). */
export const canManageCoop = (a: AccountView, coopId: string): boolean =>
  a.grants.some((g) => g.role === 'platform_admin' || (g.role === 'coop_admin' && g.organisationId === coopId));

/** Co-ops the account administers (with names), for the mutuality hub. */
export const administeredCoops = (a: AccountView): { id: string; name: string }[] =>
  a.grants.filter((g) => g.role === 'coop_admin' && g.organisationId).map((g) => ({ id: g.organisationId as string, name: g.organisationName ?? '' }));

/** The financial year just closed: the one a board works on at year-end. */
export const lastClosedYear = (today = new Date()): number => today.getFullYear() - 1;

/** Years to choose from: the current one and the ten before it, newest first. */
export function yearOptions(today = new Date()): number[] {
  const now = today.getFullYear();
  return Array.from({ length: 11 }, (_, i) => now - i);
}

/** A year from the URL, or the fallback when missing or implausible. */
export function yearFrom(value: string, fallback: number): number {
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1900 && n <= 2200 ? n : fallback;
}

export const pickText = (texts: Texts | null | undefined, lang: Language): string => (texts ? texts[lang] : '');

export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * A non-negative decimal typed by a person, as an integer count of 10^-digits units (cents for digits = 2), or
 * null when it is not a number or has more decimals than allowed. Accepts "1.234,56", "1234,56", "1,234.56",
 * "1234.56", "€ 12", "50 %". With one separator only, the UI language decides — except that a separator followed
 * by exactly three digits after one to three digits reads as thousands in the other language ("1.250" in English).
 */
export function parseDecimal(input: string, lang: Language, digits: number): number | null {
  const s = input.replace(/[\s\u00a0\u202f€%]/g, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimal: '.' | ',' | null = null;
  let group: '.' | ',' | null = null;
  if (dots && commas) {
    decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    group = decimal === '.' ? ',' : '.';
    if ((decimal === '.' ? dots : commas) > 1) return null;
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    const count = dots || commas;
    const native = lang === 'it' ? ',' : '.';
    if (count > 1) group = sep;
    else if (sep === native) decimal = sep;
    else if (/^\d{1,3}[.,]\d{3}$/.test(s)) group = sep;
    else decimal = sep;
  }
  let [intPart = '', frac = ''] = decimal ? s.split(decimal) : [s, ''];
  if (group) {
    const g = group === '.' ? '\\.' : ',';
    if (!new RegExp(`^\\d{1,3}(${g}\\d{3})+$`).test(intPart)) return null;
    intPart = intPart.split(group).join('');
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac) || frac.length > digits) return null;
  const value = BigInt(intPart) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value);
}

/** Integer units of 10^-digits as the text a person would type back ("1234,56" in Italian), no grouping. */
export function unitsToInput(units: number | null | undefined, lang: Language, digits: number, opts: { trim?: boolean } = {}): string {
  if (units === null || units === undefined) return '';
  const neg = units < 0;
  const s = String(Math.abs(Math.trunc(units))).padStart(digits + 1, '0');
  const int = digits ? s.slice(0, -digits) : s;
  let frac = digits ? s.slice(-digits) : '';
  // Cents keep both digits (12,50); factors and percentages read better trimmed (1,2 — 50).
  if (opts.trim) frac = frac.replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? (lang === 'it' ? ',' : '.') + frac : ''}`;
}

/** Basis points as a percentage for display ("12,5%"). */
export function formatBps(bps: number, lang: Language): string {
  return `${new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 }).format(bps / 100)}%`;
}

/** Basis points as a factor for display (12000 → "1,2"). */
export function formatFactor(bps: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 4 }).format(bps / 10_000);
}

/** Thousandths (quantities as the API's statement gives them) as a number with up to three decimals. */
export function formatMilli(milli: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 3, useGrouping: 'always' }).format(milli / 1000);
}

export function formatQuantity(q: number | null, lang: Language): string {
  if (q === null) return '';
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 3, useGrouping: 'always' }).format(q);
}
