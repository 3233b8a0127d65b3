// Small helpers of the governance pages: date-times of assemblies (held in Italy: shown in Rome's time, dd/mm/yyyy
// hh:mm in both languages), values for <input type="datetime-local">, translated labels of codes, field errors of a
// problem keyed by their full path, and the query keys shared by the pages.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { intlLocale, isLanguage, type Language } from '../core/i18n.ts';
import { isApiError } from '../core/api.ts';

const dtCache = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant as dd/mm/yyyy, hh:mm in Italy's time zone. */
export function formatDateTime(value: string | null | undefined, lang: Language): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  let f = dtCache.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(lang), {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: 'Europe/Rome',
    });
    dtCache.set(lang, f);
  }
  return f.format(d);
}

export function useDateTime(): (v: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  return (v) => formatDateTime(v, lang);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input (the browser's local time). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input (local time) as an ISO instant; null when empty or malformed. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A translated label for a code, falling back to the code itself (the API may add new ones). */
export const codeLabel = (t: TFunction, group: string, code: string | null | undefined): string =>
  code ? t(`governance.code.${group}.${code}`, { defaultValue: code.replace(/_/g, ' ') }) : '';

/** Field errors of a problem keyed by their path without the leading `body/` (`items/0/title`, `firstCallAt`). */
export function fieldPaths(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const e of error.problem.errors ?? []) {
    const path = e.field.replace(/^(body|assembly|params|query)\//, '');
    out[path] ??= e.message;
  }
  return out;
}

export const qk = {
  coopAssemblies: (coopId: string) => ['governance', 'coop-assemblies', coopId] as const,
  myAssemblies: ['governance', 'my-assemblies'] as const,
  myNotices: ['governance', 'my-notices'] as const,
  assembly: (id: string) => ['governance', 'assembly', id] as const,
  me: (id: string) => ['governance', 'me', id] as const,
  live: (id: string) => ['governance', 'live', id] as const,
  proxies: (id: string) => ['governance', 'proxies', id] as const,
  attendance: (id: string) => ['governance', 'attendance', id] as const,
  roll: (id: string) => ['governance', 'roll', id] as const,
  notices: (id: string) => ['governance', 'notices', id] as const,
  outbox: (coopId: string, page: number) => ['governance', 'outbox', coopId, page] as const,
  comments: (itemId: string) => ['governance', 'comments', itemId] as const,
  amendments: (itemId: string) => ['governance', 'amendments', itemId] as const,
  polls: (id: string) => ['governance', 'polls', id] as const,
  statute: (coopId: string) => ['governance', 'statute', coopId] as const,
  statuteVersions: (coopId: string) => ['governance', 'statute-versions', coopId] as const,
  officers: (coopId: string) => ['governance', 'officers', coopId] as const,
};

/** Is the assembly still open to taking part (proxies, deliberation, attendance)? */
export const isActive = (status: string): boolean => status === 'convened' || status === 'in_session';
