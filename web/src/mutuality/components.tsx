// Building blocks of the mutuality pages: the frame of a co-op's mutuality section (heading, co-op, sections),
// labelled fields with their errors, a member picker that searches the register, the year chooser, badges and
// the server's explanations (which come in both languages).
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../core/api.ts';
import { isLanguage, type Language } from '../core/i18n.ts';
import { useAccount } from '../core/session.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert, useDebounced } from '../core/ui.tsx';
import { getCooperative, listMembers, type Cooperative, type Member } from '../registry/api.ts';
import type { Kind, RunStatus, Texts } from './api.ts';
import { canManageCoop, pickText, yearOptions } from './util.ts';
import './mutuality.css';

export function useLang(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
}

/** A server explanation in the UI language. */
export function Explanation({ texts, className }: { texts: Texts | null | undefined; className?: string }) {
  const lang = useLang();
  const text = pickText(texts, lang);
  if (!text) return null;
  return <p className={`mut-explanation${className ? ` ${className}` : ''}`}>{text}</p>;
}

export function KindName({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return <>{t(`mutuality.kind.${kind}`, { defaultValue: kind })}</>;
}

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return <span className={`status mut-status mut-status-${status}`}>{t(`mutuality.runStatus.${status}`, { defaultValue: status })}</span>;
}

/** Pass / fail / not measurable, in words (never colour alone). */
export function Verdict({ passes }: { passes: boolean | null }) {
  const { t } = useTranslation();
  const key = passes === null ? 'none' : passes ? 'pass' : 'fail';
  return <span className={`status mut-verdict mut-verdict-${key}`}>{t(`mutuality.prevalence.verdict.${key}`)}</span>;
}

/** A row of figures (term → value) in the dashboard style. */
export function Figures({ items, small }: { items: [string, ReactNode][]; small?: boolean }) {
  return (
    <dl className={`stats${small ? ' small' : ''}`}>
      {items.map(([k, v]) => (
        <div className="stat" key={k}>
          <dt>{k}</dt>
          <dd>
            <span className="stat-value">{v}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A labelled input with its hint and its error (wired with aria-describedby / aria-invalid). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
  className?: string;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function YearSelect({ id, value, onChange, label, allowAll }: { id: string; value: number | null; onChange: (y: number | null) => void; label?: string; allowAll?: boolean }) {
  const { t } = useTranslation();
  const years = yearOptions();
  if (value !== null && !years.includes(value)) years.push(value);
  return (
    <div className="field mut-year">
      <label htmlFor={id}>{label ?? t('mutuality.common.year')}</label>
      <select id={id} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        {allowAll ? <option value="">{t('mutuality.common.allYears')}</option> : null}
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

const memberLabel = (m: Pick<Member, 'registerNumber' | 'name'>) => `${m.registerNumber} · ${m.name}`;

export const getMembershipRow = (id: string): Promise<Member> => api(`/memberships/${encodeURIComponent(id)}`);

/**
 * Chooses a member of the co-op: a search box (name, register number or codice fiscale) narrows the list the
 * select offers, so it works for a co-op of five members as for one of 200,000.
 */
export function MemberPicker({
  coopId,
  value,
  onChange,
  label,
  allLabel,
  error,
  selectId,
}: {
  coopId: string;
  value: string;
  onChange: (membershipId: string) => void;
  label: string;
  /** When given, an empty choice with this label (a filter's "all members"). */
  allLabel?: string;
  error?: string | undefined;
  selectId?: string;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const id = selectId ?? `${uid}-member`;
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const list = useQuery({
    queryKey: ['members', coopId, 'picker', dq],
    queryFn: ({ signal }) => listMembers(coopId, { q: dq, memberType: '', status: 'all', asOf: '', sort: 'registerNumber', order: 'asc' }, 1, 50, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const missing = Boolean(value) && list.isSuccess && !items.some((m) => m.id === value);
  const selected = useQuery({ queryKey: ['membership', value], queryFn: () => getMembershipRow(value), enabled: missing });
  const more = list.data ? list.data.total - list.data.items.length : 0;
  return (
    <div className="mut-picker">
      <div className="field">
        <label htmlFor={`${uid}-q`}>{t('mutuality.picker.search', { what: label })}</label>
        <input id={`${uid}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${uid}-q-hint`} autoComplete="off" />
        <p id={`${uid}-q-hint`} className="hint">
          {more > 0 ? t('mutuality.picker.more', { count: more }) : t('mutuality.picker.hint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-busy={list.isFetching || undefined}
        >
          <option value="">{allLabel ?? (list.isPending ? t('common.loading') : t('mutuality.picker.choose'))}</option>
          {missing && selected.data ? <option value={selected.data.id}>{memberLabel(selected.data)}</option> : null}
          {items.map((m) => (
            <option key={m.id} value={m.id}>
              {memberLabel(m)}
              {m.exitOn ? ` (${t('mutuality.picker.exited')})` : ''}
            </option>
          ))}
        </select>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
        {list.error ? <ProblemAlert error={list.error} /> : null}
      </div>
    </div>
  );
}

export type Section = 'overview' | 'ledger' | 'import' | 'prevalence' | 'weights' | 'ristorni' | 'capital';

const SECTIONS: { key: Section; path: string; manageOnly?: boolean }[] = [
  { key: 'overview', path: '' },
  { key: 'ledger', path: '/scambi' },
  { key: 'import', path: '/importa', manageOnly: true },
  { key: 'prevalence', path: '/prevalenza' },
  { key: 'weights', path: '/pesi' },
  { key: 'ristorni', path: '/ristorni' },
  { key: 'capital', path: '/capitale' },
];

export const boardPath = (coopId: string, section: Section = 'overview'): string =>
  `/cooperative/${encodeURIComponent(coopId)}/mutualita${SECTIONS.find((s) => s.key === section)?.path ?? ''}`;

export interface CoopContext {
  coop: Cooperative;
  /** The account may write (the co-op's administrator or a platform administrator). */
  manage: boolean;
}

/**
 * The frame of every board page: the page's <h1>, the co-op it belongs to, the sections of the co-op's mutuality
 * (current one marked), then the page. A co-op the account may not read shows the refusal instead.
 */
export function CoopFrame({
  coopId,
  section,
  title,
  children,
  intro,
}: {
  coopId: string;
  section: Section;
  title: string;
  intro?: ReactNode;
  children: (ctx: CoopContext) => ReactNode;
}) {
  const { t } = useTranslation();
  const account = useAccount();
  const coop = useQuery({ queryKey: ['cooperative', coopId], queryFn: () => getCooperative(coopId) });
  const manage = canManageCoop(account, coopId);
  if (coop.error && isForbidden(coop.error)) return <NotAllowed />;
  const name = coop.data?.name ?? '';
  return (
    <>
      <PageHeading
        title={name ? `${title} · ${name}` : title}
        sub={
          name ? (
            <p>
              <Link to={`/cooperative/${encodeURIComponent(coopId)}`}>{name}</Link>
            </p>
          ) : null
        }
      >
        {title}
      </PageHeading>
      <nav className="mut-sections" aria-label={t('mutuality.sections.label')}>
        <ul>
          {SECTIONS.filter((s) => manage || !s.manageOnly).map((s) => (
            <li key={s.key}>
              <Link to={boardPath(coopId, s.key)} aria-current={s.key === section ? 'page' : undefined}>
                {t(`mutuality.sections.${s.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {intro ? <div className="lead">{intro}</div> : null}
      {coop.error ? <ProblemAlert error={coop.error} /> : coop.data ? children({ coop: coop.data, manage }) : <Loading />}
    </>
  );
}

/** "n. 12 · Rossi Mario" */
export function MemberName({ registerNumber, name }: { registerNumber: number; name: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="muted">{t('mutuality.common.memberNo', { n: registerNumber })}</span> {name}
    </>
  );
}

/** A download link to a PDF the API renders (the session cookie goes along; the language follows the UI). */
export function PdfLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <a className="btn btn-secondary" href={href} download>
      {children}
      <span className="visually-hidden"> ({t('mutuality.common.pdf')})</span>
    </a>
  );
}
