// Formatting of dates, money and numbers for the current UI language (dates always dd/mm/yyyy). Thousands are
// always grouped (1.234,56 €), as in Italian administrative documents, so that columns of figures line up.
import { createContext, useContext } from 'react';
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

/**
 * The currency of the amounts on the page (ISO 4217). Euro everywhere except where a co-op's mutuality rule set says
 * otherwise (a US co-op's patronage refunds are in dollar cents); the pages of such a co-op provide it.
 */
export const CurrencyContext = createContext('EUR');

function numberFormat(lang: Language, kind: 'money' | 'int', currency = 'EUR'): Intl.NumberFormat {
  const key = `${kind}:${lang}:${currency}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f =
      kind === 'money'
        ? new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency, useGrouping: 'always' })
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

/** An amount in integer cents of the currency (euro unless said). */
export function formatMoney(cents: number | null | undefined, lang: Language, currency = 'EUR'): string {
  if (cents === null || cents === undefined) return '';
  return numberFormat(lang, 'money', currency).format(cents / 100);
}

export function formatNumber(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return '';
  return numberFormat(lang, 'int').format(n);
}

/** Formatters bound to the current UI language (re-render on a language switch). */
export function useFormat(): {
  lang: Language;
  date: (v: string | null | undefined) => string;
  /** In the page's currency (CurrencyContext) unless another is given, e.g. for a list spanning several co-ops. */
  money: (c: number | null | undefined, currency?: string) => string;
  number: (n: number | null | undefined) => string;
} {
  const { i18n } = useTranslation();
  const pageCurrency = useContext(CurrencyContext);
  const lang: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  return {
    lang,
    date: (v) => formatDate(v, lang),
    money: (c, currency) => formatMoney(c, lang, currency ?? pageCurrency),
    number: (n) => formatNumber(n, lang),
  };
}
