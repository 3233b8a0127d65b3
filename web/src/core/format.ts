// Formatting of dates, money and numbers for the current UI language (dates always dd/mm/yyyy). Thousands are
// always grouped (1.234,56 €), as in Italian administrative documents, so that columns of figures line up.
import { useTranslation } from 'react-i18next';
import { intlLocale, isLanguage, type Language } from './i18n.ts';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lang: Language): Intl.DateTimeFormat {
  const key = `d:${lang}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(lang), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f;
}

function numberFormat(lang: Language, kind: 'money' | 'int'): Intl.NumberFormat {
  const key = `${kind}:${lang}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f =
      kind === 'money'
        ? new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'EUR', useGrouping: 'always' })
        : new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 0, useGrouping: 'always' });
    cache.set(key, f);
  }
  return f;
}

/** A calendar date `YYYY-MM-DD` (or an ISO timestamp) as dd/mm/yyyy; empty for null. */
export function formatDate(value: string | null | undefined, lang: Language): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(lang).format(date);
}

/** An amount in integer euro cents as EUR currency. */
export function formatMoney(cents: number | null | undefined, lang: Language): string {
  if (cents === null || cents === undefined) return '';
  return numberFormat(lang, 'money').format(cents / 100);
}

export function formatNumber(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return '';
  return numberFormat(lang, 'int').format(n);
}

/** Formatters bound to the current UI language (re-render on a language switch). */
export function useFormat(): {
  lang: Language;
  date: (v: string | null | undefined) => string;
  money: (c: number | null | undefined) => string;
  number: (n: number | null | undefined) => string;
} {
  const { i18n } = useTranslation();
  const lang: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  return {
    lang,
    date: (v) => formatDate(v, lang),
    money: (c) => formatMoney(c, lang),
    number: (n) => formatNumber(n, lang),
  };
}
