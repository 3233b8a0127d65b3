// An organisation's dashboard: roll-ups for a chosen year (co-ops, members by type and gender, employees,
// production value, share capital), the yearly series as a chart with a data table, and its children.
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { genderLabel, memberTypeLabel, orgKindLabel } from '../core/labels.ts';
import { useUrlState } from '../core/search-params.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert, TableRegion } from '../core/ui.tsx';
import { getOrganisation, getRollup, getRollupSeries, type OrganisationDetail, type Rollup, type RollupPoint } from './api.ts';
import { GENDERS } from './codes.ts';

const SeriesChart = lazy(() => import('./SeriesChart.tsx'));
const CHILD_COOPS_SHOWN = 50;
type Metric = 'members' | 'cooperatives' | 'employees' | 'productionValueCents';
const METRICS: Metric[] = ['members', 'cooperatives', 'employees', 'productionValueCents'];

const hasData = (p: RollupPoint): boolean => p.cooperatives > 0 || p.members > 0 || p.employees > 0 || p.productionValueCents !== 0;

function percent(n: number, total: number, lang: string): string {
  if (total <= 0) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { style: 'percent', maximumFractionDigits: 1 }).format(n / total);
}

function KeyFigures({ r }: { r: Rollup }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items: { term: string; value: string; note?: string }[] = [
    { term: t('dashboard.cooperatives'), value: f.number(r.cooperatives) },
    { term: t('dashboard.members'), value: f.number(r.members.total) },
    {
      term: t('dashboard.employees'),
      value: f.number(r.employees.total),
      note: t('dashboard.employeesSplit', { women: f.number(r.employees.women), men: f.number(r.employees.men), other: f.number(r.employees.other) }),
    },
    { term: t('dashboard.productionValue'), value: f.money(r.productionValueCents) },
    { term: t('dashboard.capitalSubscribed'), value: f.money(r.shareCapitalSubscribedCents) },
    { term: t('dashboard.capitalPaid'), value: f.money(r.shareCapitalPaidCents) },
  ];
  return (
    <dl className="stats">
      {items.map((i) => (
        <div className="stat" key={i.term}>
          <dt>{i.term}</dt>
          <dd>
            <span className="stat-value">{i.value}</span>
            {i.note ? <span className="stat-note">{i.note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Breakdown({ r }: { r: Rollup }) {
  const { t } = useTranslation();
  const f = useFormat();
  const types = Object.entries(r.members.byType)
    .filter(([k]) => k !== '*')
    .sort((a, b) => b[1] - a[1]);
  return (
    <div className="two-cols">
      <TableRegion label={t('dashboard.byType')}>
        <table className="data-table compact">
          <caption>{t('dashboard.byType')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.memberType')}</th>
              <th scope="col" className="num">
                {t('dashboard.count')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {types.length === 0 ? (
              <tr>
                <td colSpan={3}>{t('dashboard.noData')}</td>
              </tr>
            ) : (
              types.map(([type, n]) => (
                <tr key={type}>
                  <th scope="row">{memberTypeLabel(t, type)}</th>
                  <td className="num">{f.number(n)}</td>
                  <td className="num">{percent(n, r.members.total, f.lang)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableRegion>
      <TableRegion label={t('dashboard.byGender')}>
        <table className="data-table compact">
          <caption>{t('dashboard.byGender')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.gender')}</th>
              <th scope="col" className="num">
                {t('dashboard.count')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {GENDERS.map((g) => (
              <tr key={g}>
                <th scope="row">{genderLabel(t, g)}</th>
                <td className="num">{f.number(r.members.byGender[g] ?? 0)}</td>
                <td className="num">{percent(r.members.byGender[g] ?? 0, r.members.total, f.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

function SeriesSection({ points }: { points: RollupPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [metric, setMetric] = useState<Metric>('members');
  const years = useMemo(() => points.map((p) => p.year), [points]);
  const values = useMemo(() => points.map((p) => (metric === 'productionValueCents' ? p.productionValueCents / 100 : p[metric])), [points, metric]);
  const format = useMemo(
    () =>
      metric === 'productionValueCents'
        ? (v: number) => new Intl.NumberFormat(f.lang === 'en' ? 'en-GB' : 'it-IT', { style: 'currency', currency: 'EUR', notation: 'compact' }).format(v)
        : (v: number) => f.number(v),
    [metric, f.lang],
  );
  const label = t(`dashboard.metric.${metric}`);
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    first && last
      ? t('dashboard.chartSummary', {
          metric: label,
          from: first.year,
          to: last.year,
          start: format(values[0] ?? 0),
          end: format(values[values.length - 1] ?? 0),
        })
      : label;
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('dashboard.series')}</h2>
      {points.length === 0 ? (
        <p>{t('dashboard.noData')}</p>
      ) : (
        <>
          <div className="field inline-field">
            <label htmlFor={`${id}-metric`}>{t('dashboard.metricLabel')}</label>
            <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`dashboard.metric.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <Suspense fallback={<Loading label={t('dashboard.chartLoading')} />}>
            <SeriesChart years={years} values={values} kind={metric === 'members' || metric === 'employees' ? 'line' : 'bar'} label={label} format={format} summary={summary} />
          </Suspense>
          <details className="data-fallback">
            <summary>{t('dashboard.showTable')}</summary>
            <TableRegion label={t('dashboard.seriesTable')}>
              <table className="data-table compact">
                <caption>{t('dashboard.seriesTable')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.year')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.cooperatives')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.members')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.employees')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.productionValue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.year}>
                      <th scope="row">{p.year}</th>
                      <td className="num">{f.number(p.cooperatives)}</td>
                      <td className="num">{f.number(p.members)}</td>
                      <td className="num">{f.number(p.employees)}</td>
                      <td className="num">{f.money(p.productionValueCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </details>
        </>
      )}
    </section>
  );
}

function Children({ org }: { org: OrganisationDetail }) {
  const { t } = useTranslation();
  const coops = org.children.filter((c) => c.kind === 'cooperative');
  const others = org.children.filter((c) => c.kind !== 'cooperative');
  const sectoral = (org.sectoral ?? []).filter((s) => s && typeof s.id === 'string' && typeof s.name === 'string');
  if (org.children.length === 0 && sectoral.length === 0) return null;
  return (
    <section aria-labelledby="org-children" className="card">
      <h2 id="org-children">{t('dashboard.children')}</h2>
      {others.length > 0 ? (
        <>
          <h3>{t('dashboard.childOrganisations', { count: others.length })}</h3>
          <ul className="link-list">
            {others.map((c) => (
              <li key={c.id}>
                <Link to={`/organizzazioni/${c.id}`}>{c.name}</Link> <span className="badge">{orgKindLabel(t, c.kind)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {coops.length > 0 ? (
        <>
          <h3>{t('dashboard.childCooperatives', { count: coops.length })}</h3>
          <ul className="link-list columns">
            {coops.slice(0, CHILD_COOPS_SHOWN).map((c) => (
              <li key={c.id}>
                <Link to={`/cooperative/${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/cooperative?organizzazione=${encodeURIComponent(org.id)}`}>{t('dashboard.allCooperatives', { count: coops.length })}</Link>
          </p>
        </>
      ) : null}
      {sectoral.length > 0 ? (
        <>
          <h3>{t('dashboard.sectoral')}</h3>
          <ul className="link-list">
            {sectoral.map((s) => (
              <li key={s.id}>
                <Link to={`/organizzazioni/${s.id}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const yearSelectId = useId();
  const [state, setState] = useUrlState({ anno: '' });
  const thisYear = new Date().getFullYear();
  const to = thisYear - 1;
  const from = to - 9;
  const org = useQuery({ queryKey: ['organisation', id], queryFn: () => getOrganisation(id) });
  const parentId = org.data?.parentId ?? '';
  // The parent is shown only when the user may see it (staff of a territorial association may not see the region).
  const parent = useQuery({ queryKey: ['organisation', parentId], queryFn: () => getOrganisation(parentId), enabled: Boolean(parentId), retry: false });
  const series = useQuery({ queryKey: ['rollup-series', id, from, to], queryFn: () => getRollupSeries(id, from, to), enabled: org.isSuccess });
  const latest = [...(series.data?.items ?? [])].reverse().find(hasData)?.year;
  const chosen = Number.parseInt(state.anno, 10);
  const year = Number.isInteger(chosen) && chosen >= 1850 && chosen <= 2200 ? chosen : (latest ?? to);
  const rollup = useQuery({
    queryKey: ['rollup', id, year],
    queryFn: () => getRollup(id, year),
    enabled: org.isSuccess && (series.isFetched || Boolean(state.anno)),
    placeholderData: keepPreviousData,
  });
  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = thisYear; y >= thisYear - 15; y--) out.push(y);
    return out;
  }, [thisYear]);

  if (org.error) {
    if (isForbidden(org.error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('dashboard.title')}>{t('dashboard.title')}</PageHeading>
        <ProblemAlert error={org.error} />
      </>
    );
  }
  if (!org.data) return <Loading />;
  const o = org.data;
  if (o.kind === 'cooperative') return <Navigate to={`/cooperative/${o.id}`} replace />;

  return (
    <>
      <PageHeading title={o.name} sub={<p className="muted">{orgKindLabel(t, o.kind)}{o.shortName ? ` · ${o.shortName}` : ''}</p>}>
        {o.name}
      </PageHeading>
      {parent.data ? (
        <p>
          {t('dashboard.parent')}: <Link to={`/organizzazioni/${parent.data.id}`}>{parent.data.name}</Link>
        </p>
      ) : null}
      <section aria-labelledby="rollup-title" className="card">
        <div className="section-head">
          <h2 id="rollup-title">{t('dashboard.rollup', { year })}</h2>
          <div className="field inline-field">
            <label htmlFor={yearSelectId}>{t('dashboard.year')}</label>
            <select id={yearSelectId} value={year} onChange={(e) => setState({ anno: e.target.value }, { replace: true })}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="visually-hidden" role="status">
          {rollup.data && !rollup.isPlaceholderData ? t('dashboard.showingYear', { year }) : ''}
        </p>
        <div aria-busy={rollup.isFetching || undefined}>
          {rollup.error ? <ProblemAlert error={rollup.error} /> : null}
          {rollup.data ? (
            <div className={rollup.isPlaceholderData ? 'is-stale' : undefined}>
              <KeyFigures r={rollup.data} />
            </div>
          ) : !rollup.error ? (
            <Loading />
          ) : null}
        </div>
        {rollup.data ? (
          <>
            <h3>{t('dashboard.breakdown')}</h3>
            <Breakdown r={rollup.data} />
          </>
        ) : null}
      </section>
      {series.error ? <ProblemAlert error={series.error} /> : series.data ? <SeriesSection points={series.data.items} /> : <Loading />}
      <Children org={o} />
    </>
  );
}
