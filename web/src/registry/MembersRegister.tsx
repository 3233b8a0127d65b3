// The libro soci of one co-op: search by name or fiscal code, filter by member type, status and as-of date,
// sort by register number / name / admission date, server-side pages of 100 rows. The previous page stays on
// screen while the next one loads and the following page is prefetched, so paging through 100,000 members
// stays immediate. Export links carry the same filters.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { currentLanguage } from '../core/i18n.ts';
import { exitKindLabel, memberTypeLabel, memberTypesLabel } from '../core/labels.ts';
import { pageFrom, useSearchText, useUrlState } from '../core/search-params.ts';
import { focusRegion, Loading, Pagination, ProblemAlert, TableRegion } from '../core/ui.tsx';
import { listMembers, membersExportUrl, type MemberFilters, type MemberSort, type MemberStatus, type SortOrder } from './api.ts';
import { MEMBER_TYPES } from './codes.ts';

export const REGISTER_PAGE_SIZE = 100;
const SORTS: MemberSort[] = ['registerNumber', 'name', 'admittedOn'];
const STATUSES: MemberStatus[] = ['active', 'exited', 'all'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function SortHeader({
  column,
  label,
  sort,
  order,
  onSort,
  className,
}: {
  column: MemberSort;
  label: string;
  sort: MemberSort;
  order: SortOrder;
  onSort: (column: MemberSort) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const active = sort === column;
  return (
    <th scope="col" className={className} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-btn" onClick={() => onSort(column)}>
        {label}
        <span className="sort-icon" aria-hidden="true">
          {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="visually-hidden">
          {active ? (order === 'asc' ? t('register.sortedAsc') : t('register.sortedDesc')) : t('register.sortable')}
        </span>
      </button>
    </th>
  );
}

export function MembersRegister({ cooperativeId, headingId }: { cooperativeId: string; headingId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const queryClient = useQueryClient();
  const tableRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useUrlState({
    cerca: '',
    tipo: '',
    stato: 'active',
    data: '',
    ordina: 'registerNumber',
    verso: 'asc',
    pagina: '1',
  });
  const page = pageFrom(state.pagina);
  const [q, setQ] = useSearchText(state.cerca, (cerca) => setState({ cerca, pagina: '1' }, { replace: true }), 250);

  const filters: MemberFilters = {
    q: state.cerca,
    memberType: state.tipo,
    status: (STATUSES as string[]).includes(state.stato) ? (state.stato as MemberStatus) : 'active',
    asOf: ISO_DATE.test(state.data) ? state.data : '',
    sort: (SORTS as string[]).includes(state.ordina) ? (state.ordina as MemberSort) : 'registerNumber',
    order: state.verso === 'desc' ? 'desc' : 'asc',
  };
  const key = (p: number) => ['members', cooperativeId, filters, p, REGISTER_PAGE_SIZE] as const;
  const query = useQuery({
    queryKey: key(page),
    queryFn: ({ signal }) => listMembers(cooperativeId, filters, page, REGISTER_PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = query.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  // Prefetch the next page so «next» is instant.
  useEffect(() => {
    if (!data || query.isPlaceholderData || page >= pageCount) return;
    void queryClient.prefetchQuery({
      queryKey: key(page + 1),
      queryFn: ({ signal }) => listMembers(cooperativeId, filters, page + 1, REGISTER_PAGE_SIZE, signal),
      staleTime: 60_000,
    });
  }, [data, page, pageCount, query.isPlaceholderData]);

  const onSort = (column: MemberSort) => {
    const order: SortOrder = filters.sort === column && filters.order === 'asc' ? 'desc' : 'asc';
    setState({ ordina: column, verso: order, pagina: '1' });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setState({ cerca: q.trim(), pagina: '1' });
  };
  const lang = currentLanguage();
  const firstRow = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const lastRow = data ? firstRow + data.items.length - 1 : 0;

  return (
    <section aria-labelledby={headingId} className="register">
      <h2 id={headingId}>{t('register.title')}</h2>
      <form className="filters card" role="search" aria-label={t('register.searchLabel')} onSubmit={onSubmit}>
        <div className="field grow">
          <label htmlFor={`${id}-q`}>{t('register.search')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${id}-q-hint`} autoComplete="off" />
          <p id={`${id}-q-hint`} className="hint">
            {t('register.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('register.memberType')}</label>
          <select id={`${id}-type`} value={filters.memberType} onChange={(e) => setState({ tipo: e.target.value, pagina: '1' })}>
            <option value="">{t('common.all')}</option>
            {MEMBER_TYPES.map((m) => (
              <option key={m} value={m}>
                {memberTypeLabel(t, m)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('register.status')}</label>
          <select id={`${id}-status`} value={filters.status} onChange={(e) => setState({ stato: e.target.value, pagina: '1' })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`register.statusOption.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-asof`}>{t('register.asOf')}</label>
          <input
            id={`${id}-asof`}
            type="date"
            value={filters.asOf}
            max="9999-12-31"
            onChange={(e) => setState({ data: e.target.value, pagina: '1' }, { replace: true })}
            aria-describedby={`${id}-asof-hint`}
          />
          <p id={`${id}-asof-hint`} className="hint">
            {t('register.asOfHint')}
          </p>
        </div>
        <div className="field actions">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>

      <div className="toolbar">
        <p className="result-count" role="status" aria-live="polite">
          {data
            ? data.total === 0
              ? t('register.countNone')
              : t('register.count', { count: data.total, n: f.number(data.total), from: f.number(firstRow), to: f.number(lastRow) })
            : ''}
        </p>
        <div className="export" role="group" aria-label={t('export.label')}>
          <a className="btn btn-secondary" href={membersExportUrl(cooperativeId, filters, 'csv', lang)} download>
            {t('export.csv')}
          </a>
          <a className="btn btn-secondary" href={membersExportUrl(cooperativeId, filters, 'xlsx', lang)} download>
            {t('export.xlsx')}
          </a>
        </div>
      </div>

      {query.error ? <ProblemAlert error={query.error} /> : null}
      {!data && !query.error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p className="empty">{t('register.none')}</p> : null}
      {data && data.items.length > 0 ? (
        <TableRegion label={t('register.tableLabel')} busy={query.isFetching} regionRef={tableRef}>
          <table className={`data-table register-table${query.isPlaceholderData ? ' is-stale' : ''}`}>
            <caption className="visually-hidden">{t('register.caption', { page, pages: pageCount })}</caption>
            <thead>
              <tr>
                <SortHeader column="registerNumber" label={t('register.number')} sort={filters.sort} order={filters.order} onSort={onSort} className="num" />
                <SortHeader column="name" label={t('register.name')} sort={filters.sort} order={filters.order} onSort={onSort} />
                <th scope="col">{t('register.codiceFiscale')}</th>
                <th scope="col">{t('register.types')}</th>
                <SortHeader column="admittedOn" label={t('register.admittedOn')} sort={filters.sort} order={filters.order} onSort={onSort} />
                <th scope="col" className="num">
                  {t('register.shares')}
                </th>
                <th scope="col" className="num">
                  {t('register.subscribed')}
                </th>
                <th scope="col" className="num">
                  {t('register.paid')}
                </th>
                <th scope="col">{t('register.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr key={m.id} className={m.exitOn ? 'is-exited' : undefined}>
                  <td className="num">{m.registerNumber}</td>
                  <th scope="row">{m.name}</th>
                  <td className="mono">{m.codiceFiscale ?? ''}</td>
                  <td className="wrap">{memberTypesLabel(t, m.memberTypes)}</td>
                  <td>{f.date(m.admittedOn)}</td>
                  <td className="num">{f.number(m.sharesCount)}</td>
                  <td className="num">{f.money(m.subscribedCents)}</td>
                  <td className="num">{f.money(m.paidCents)}</td>
                  <td>
                    {m.exitOn ? (
                      <span className="status status-exited">
                        {exitKindLabel(t, m.exitKind)} · {f.date(m.exitOn)}
                      </span>
                    ) : (
                      <span className="status status-active">{t('register.activeMember')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {data ? (
        <Pagination
          page={page}
          pageCount={pageCount}
          onPage={(p) => {
            setState({ pagina: String(p) });
            focusRegion(tableRef.current);
          }}
          label={t('register.paging')}
        />
      ) : null}
    </section>
  );
}
