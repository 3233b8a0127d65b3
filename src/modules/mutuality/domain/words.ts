// Explanations in words, in Italian and English at once: a sentence is a pair of templates with `{name}`
// placeholders, filled with values that format themselves per language (money, percentages, dates, numbers).
import type { Texts } from './kinds.ts';

export type Lang = 'it' | 'en';
export type Currency = 'EUR' | 'USD';
/** A placeholder value: plain, already in both languages, or formatted per language. */
export type Param = string | number | Texts | ((lang: Lang) => string);

const INTL_LOCALE: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };

function render(p: Param, lang: Lang): string {
  if (typeof p === 'function') return p(lang);
  if (typeof p === 'object') return p[lang];
  if (typeof p === 'number') return plain(p)(lang);
  return p;
}

/** Fills a pair of templates. */
export function say(template: Texts, params: Record<string, Param> = {}): Texts {
  const fill = (lang: Lang) => template[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? render(params[k] as Param, lang) : m));
  return { it: fill('it'), en: fill('en') };
}

/** Joins sentences per language. */
export function joinTexts(parts: readonly Texts[], sep = ' '): Texts {
  return { it: parts.map((p) => p.it).join(sep), en: parts.map((p) => p.en).join(sep) };
}

/** Integer cents as money, exactly (Intl formats a decimal string without going through a float). */
export function money(cents: number | bigint, currency: Currency = 'EUR'): (lang: Lang) => string {
  const c = BigInt(cents);
  const abs = (c < 0n ? -c : c).toString().padStart(3, '0');
  const decimal = `${c < 0n ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
  return (lang) =>
    new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'currency', currency, useGrouping: 'always' }).format(decimal as Intl.StringNumericLiteral);
}

/** A number with grouping (and up to `digits` decimals). */
export function plain(n: number | bigint, digits = 3): (lang: Lang) => string {
  return (lang) =>
    new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: digits, useGrouping: 'always' }).format(
      typeof n === 'bigint' ? (n.toString() as Intl.StringNumericLiteral) : n,
    );
}

/**
 * numerator ÷ denominator as a percentage with `digits` decimals, rounded down (so 50.004% shows as 50.00%, never
 * as a pass that is not one); exact for amounts of any size.
 */
export function percentOf(numerator: number | bigint, denominator: number | bigint, digits = 2): (lang: Lang) => string {
  const scale = 10n ** BigInt(digits);
  const d = BigInt(denominator);
  const scaled = d === 0n ? 0n : (BigInt(numerator) * 100n * scale) / d;
  const s = scaled.toString().padStart(digits + 1, '0');
  const decimal = digits > 0 ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return (lang) =>
    `${new Intl.NumberFormat(INTL_LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: 'always' }).format(
      decimal as Intl.StringNumericLiteral,
    )}%`;
}

/** numerator ÷ denominator × 100 as a number rounded down to `digits` decimals (for JSON). */
export function percentNumber(numerator: number | bigint, denominator: number | bigint, digits = 2): number {
  const d = BigInt(denominator);
  if (d === 0n) return 0;
  const scale = 10n ** BigInt(digits);
  return Number((BigInt(numerator) * 100n * scale) / d) / Number(scale);
}

/** Basis points as a percentage ("30%", "12,5%"). */
export function bps(b: number): (lang: Lang) => string {
  return (lang) => `${new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: 2 }).format(b / 100)}%`;
}

/** A weight in basis points as a factor ("1,2×"). */
export function factor(b: number): (lang: Lang) => string {
  return (lang) => `${new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: 4 }).format(b / 10_000)}×`;
}

/** An ISO date, dd/mm/yyyy in Italian and "28 Apr 2026" in English. */
export function day(iso: string): (lang: Lang) => string {
  return (lang) => {
    const [y, m, d] = iso.split('-');
    if (lang === 'it') return `${d}/${m}/${y}`;
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  };
}

/** numerator ÷ denominator cents as money with up to `extra` more decimals than cents (an exact quota, truncated). */
export function moneyRatio(numerator: bigint, denominator: bigint, currency: Currency = 'EUR', extra = 4): (lang: Lang) => string {
  if (denominator === 0n) return money(0, currency);
  const scaled = (numerator * 10n ** BigInt(extra)) / denominator; // cents × 10^extra
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(extra + 3, '0');
  const decimal = `${neg ? '-' : ''}${s.slice(0, -(extra + 2))}.${s.slice(-(extra + 2))}`;
  return (lang) =>
    new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 + extra, useGrouping: 'always' }).format(
      decimal as Intl.StringNumericLiteral,
    );
}

/** numerator ÷ denominator as a number with up to `digits` decimals (truncated). */
export function numberRatio(numerator: bigint, denominator: bigint, digits = 3): (lang: Lang) => string {
  if (denominator === 0n) return plain(0);
  const scaled = (numerator * 10n ** BigInt(digits)) / denominator;
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const decimal = `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return (lang) => new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: digits, useGrouping: 'always' }).format(decimal as Intl.StringNumericLiteral);
}
