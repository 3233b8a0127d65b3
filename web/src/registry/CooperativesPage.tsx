// The co-operatives the user may see: search by name or fiscal code, filters (province, Albo category,
// status, organisation), server-side paging, CSV/XLSX export of the same selection.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { currentLanguage } from '../core/i18n.ts';
import { alboCategoryLabel, coopStatusLabel } from '../core/labels.ts';
import { pageFrom, useSearchText, useUrlState } from '../core/search-params.ts';
import { focusRegion, Loading, PageHeading, Pagination, ProblemAlert, TableRegion } from '../core/ui.tsx';
import { cooperativesExportUrl, getOrganisation, listCooperatives, type CoopFilters } from './api.ts';
import { ALBO_CATEGORIES, COOP_STATUSES } from './codes.ts';

const PAGE_SIZE = 50;
const PROVINCE = /^[A-Z]{2}$/;

export function CooperativesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const tableRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useUrlState({ q: '', provincia: '', categoria: '', stato: '', organizzazione: '', pagina: '1' });
  const page = pageFrom(state.pagina);
  const [q, setQ] = useSearchText(state.q, (value) => setState({ q: value, pagina: '1' }, { replace: true }), 300);
  const [province, setProvince] = useState(state.provincia);
  useEffect(() => setProvince(state.provincia), [state.provincia]);

  const filters: CoopFilters = {
    q: state.q,
    province: PROVINCE.test(state.provincia) ? state.provincia : '',
    category: state.categoria,
    status: state.stato,
    organisationId: state.organizzazione,
  };
  const query = useQuery({
    queryKey: ['cooperatives', filters, page, PAGE_SIZE],
    queryFn: ({ signal }) => listCooperatives(filters, page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const org = useQuery({
    queryKey: ['organisation', filters.organisationId],
    queryFn: () => getOrganisation(filters.organisationId),
    enabled: Boolean(filters.organisationId),
  });

  const provinceInvalid = province !== '' && !PROVINCE.test(province);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setState({ q: q.trim(), provincia: PROVINCE.test(province) ? province : '', pagina: '1' });
  };
  const data = query.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const lang = currentLanguage();

  return (
    <>
      <PageHeading title={t('coops.title')}>{t('coops.title')}</PageHeading>
      {filters.organisationId ? (
        <p className="filter-note">
          {t('coops.inOrganisation', { name: org.data?.name ?? '…' })}{' '}
          <button type="button" className="btn-link" onClick={() => setState({ organizzazione: '', pagina: '1' })}>
            {t('coops.clearOrganisation')}
          </button>
        </p>
      ) : null}
      <form className="filters card" role="search" aria-label={t('coops.searchLabel')} onSubmit={onSubmit}>
        <div className="field grow">
          <label htmlFor={`${id}-q`}>{t('coops.search')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${id}-q-hint`} />
          <p id={`${id}-q-hint`} className="hint">
            {t('coops.searchHint')}
          </p>
        </div>
        <div className="field narrow-field">
          <label htmlFor={`${id}-prov`}>{t('coops.province')}</label>
          <input
            id={`${id}-prov`}
            value={province}
            maxLength={2}
            autoCapitalize="characters"
            onChange={(e) => {
              const v = e.target.value.toUpperCase();
              setProvince(v);
              if (v === '' || PROVINCE.test(v)) setState({ provincia: v, pagina: '1' }, { replace: true });
            }}
            aria-invalid={provinceInvalid || undefined}
            aria-describedby={`${id}-prov-hint`}
          />
          <p id={`${id}-prov-hint`} className={provinceInvalid ? 'field-error' : 'hint'}>
            {t('coops.provinceHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cat`}>{t('coops.category')}</label>
          <select id={`${id}-cat`} value={state.categoria} onChange={(e) => setState({ categoria: e.target.value, pagina: '1' })}>
            <option value="">{t('common.all')}</option>
            {ALBO_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {alboCategoryLabel(t, c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('coops.status')}</label>
          <select id={`${id}-status`} value={state.stato} onChange={(e) => setState({ stato: e.target.value, pagina: '1' })}>
            <option value="">{t('common.all')}</option>
            {COOP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {coopStatusLabel(t, s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field actions">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>

      <div className="toolbar">
        <p className="result-count" role="status" aria-live="polite">
          {data ? t('coops.count', { count: data.total, n: f.number(data.total) }) : ''}
        </p>
        <div className="export" role="group" aria-label={t('export.label')}>
          <a className="btn btn-secondary" href={cooperativesExportUrl(filters, 'csv', lang)} download>
            {t('export.csv')}
          </a>
          <a className="btn btn-secondary" href={cooperativesExportUrl(filters, 'xlsx', lang)} download>
            {t('export.xlsx')}
          </a>
        </div>
      </div>

      {query.error && !data ? <ProblemAlert error={query.error} /> : null}
      {!data && !query.error ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <p className="empty">{t('coops.none')}</p>
        ) : (
          <TableRegion label={t('coops.tableLabel')} busy={query.isFetching} regionRef={tableRef}>
            <table className={`data-table${query.isPlaceholderData ? ' is-stale' : ''}`}>
              <caption className="visually-hidden">
                {t('coops.caption', { page, pages: pageCount })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('coops.name')}</th>
                  <th scope="col">{t('coops.codiceFiscale')}</th>
                  <th scope="col">{t('coops.place')}</th>
                  <th scope="col">{t('coops.category')}</th>
                  <th scope="col">{t('coops.status')}</th>
                  <th scope="col" className="num">
                    {t('coops.activeMembers')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/cooperative/${c.id}`}>{c.name}</Link>
                    </th>
                    <td className="mono">{c.codiceFiscale}</td>
                    <td>
                      {c.comune ?? ''}
                      {c.province ? ` (${c.province})` : ''}
                    </td>
                    <td>{alboCategoryLabel(t, c.alboCategory)}</td>
                    <td>
                      <span className={`status status-${c.status}`}>{coopStatusLabel(t, c.status)}</span>
                    </td>
                    <td className="num">{f.number(c.activeMembers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : null}
      {data ? (
        <Pagination page={page} pageCount={pageCount} onPage={(p) => {
            setState({ pagina: String(p) });
            focusRegion(tableRef.current);
          }}
          label={t('coops.paging')}
        />
      ) : null}
    </>
  );
}
