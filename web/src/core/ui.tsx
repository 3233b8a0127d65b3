// Small shared building blocks: page headings (title + focus target), problem alerts, loading states,
// pagination and scrollable table regions.
import { useEffect, useId, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, isApiError } from './api.ts';
import { useFormat } from './format.ts';

/** The page's <h1>: sets the document title and receives focus after a client-side navigation. */
export function PageHeading({ children, title, sub }: { children: ReactNode; title: string; sub?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-heading">
      <h1 id="page-title" tabIndex={-1}>
        {children}
      </h1>
      {sub ? <div className="page-sub">{sub}</div> : null}
    </div>
  );
}

/** A problem from the API (or any error), with its translated title, detail and field messages. */
export function ProblemAlert({ error, role = 'alert' }: { error: unknown; role?: 'alert' | 'none' }) {
  const { t } = useTranslation();
  if (!error) return null;
  let title: string;
  let detail: string | undefined;
  let fields: { field: string; message: string }[] = [];
  if (isApiError(error)) {
    if (error.status === 403) {
      title = t('errors.forbiddenTitle');
      detail = t('errors.forbiddenDetail');
    } else {
      title = error.problem.title;
      detail = error.problem.detail;
      fields = (error.problem.errors ?? []).map((e) => ({ field: e.field, message: e.message }));
    }
  } else {
    title = t('errors.generic');
    detail = error instanceof Error ? error.message : undefined;
  }
  return (
    <div className="alert alert-error" role={role === 'alert' ? 'alert' : undefined}>
      <p className="alert-title">{title}</p>
      {detail ? <p>{detail}</p> : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map((f, i) => (
            <li key={`${f.field}-${i}`}>
              <span className="field-name">{fieldLabel(f.field)}</span>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** `body/email` → `email`, the part a user can recognise. */
export function fieldLabel(field: string): string {
  const parts = field.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? field;
}

/** Field errors of a problem keyed by their last path segment (to attach them to inputs). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isApiError(error)) for (const e of error.problem.errors ?? []) out[fieldLabel(e.field)] ??= e.message;
  return out;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** Loading / error / 403 handling for a query, or the content when data is there. */
export function QueryBoundary<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ProblemAlert error={query.error} />;
  return <Loading label={loadingLabel} />;
}

export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t('errors.forbiddenTitle')}</p>
      <p>{t('errors.forbiddenDetail')}</p>
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </div>
  );
}

export const isForbidden = (e: unknown): boolean => e instanceof ApiError && e.status === 403;
export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.status === 404;

/** A horizontally scrollable, keyboard-focusable region around a wide table. */
export function TableRegion({
  label,
  children,
  busy,
  regionRef,
}: {
  label: string;
  children: ReactNode;
  busy?: boolean;
  regionRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div ref={regionRef} className="table-wrap" role="region" aria-label={label} tabIndex={0} aria-busy={busy || undefined}>
      {children}
    </div>
  );
}

/** Page navigation: first / previous / «page N of M» (editable) / next / last. */
export function Pagination({
  page,
  pageCount,
  onPage,
  label,
  disabled,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  label: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [draft, setDraft] = useState(String(page));
  useEffect(() => setDraft(String(page)), [page]);
  if (pageCount <= 1) return null;
  const go = (p: number) => onPage(Math.min(Math.max(1, p), pageCount));
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="btn btn-secondary" onClick={() => go(1)} disabled={page <= 1}>
        <span aria-hidden="true">«</span> {t('paging.first')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => go(page - 1)} disabled={page <= 1}>
        <span aria-hidden="true">‹</span> {t('paging.previous')}
      </button>
      <form
        className="pagination-goto"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number.parseInt(draft, 10);
          if (Number.isFinite(n)) go(n);
          else setDraft(String(page));
        }}
      >
        <label htmlFor={`${id}-page`}>{t('paging.page')}</label>
        <input
          id={`${id}-page`}
          type="number"
          inputMode="numeric"
          min={1}
          max={pageCount}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          disabled={disabled}
        />
        <span>{t('paging.of', { count: pageCount, total: f.number(pageCount) })}</span>
        <button type="submit" className="btn btn-secondary">
          {t('paging.go')}
        </button>
      </form>
      <button type="button" className="btn btn-secondary" onClick={() => go(page + 1)} disabled={page >= pageCount}>
        {t('paging.next')} <span aria-hidden="true">›</span>
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => go(pageCount)} disabled={page >= pageCount}>
        {t('paging.last')} <span aria-hidden="true">»</span>
      </button>
    </nav>
  );
}

/** Debounces a fast-changing value (typing in a search box). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** A term/definition pair for detail lists; hides empty values behind a dash read as «not given». */
export function Detail({ term, children }: { term: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="detail">
      <dt>{term}</dt>
      <dd>{empty ? <span className="muted">{t('common.notGiven')}</span> : children}</dd>
    </div>
  );
}

/** After a page change: bring the table's top into view and put focus there, where the new rows begin. */
export function focusRegion(el: HTMLElement | null): void {
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'start', behavior: 'auto' });
}
