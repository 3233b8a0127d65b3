// The federation's organisations the user may see, level by level (co-operatives are on their own page).
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { orgKindLabel } from '../core/labels.ts';
import { Loading, PageHeading, ProblemAlert } from '../core/ui.tsx';
import { listOrganisations, type OrganisationKind, type OrganisationSummary } from './api.ts';

const LEVELS: OrganisationKind[] = ['alliance', 'national', 'regional', 'territorial', 'sectoral'];

/** The highest organisation the user sees: one whose parent is not visible, the highest level first. */
export function topOrganisation(orgs: OrganisationSummary[]): OrganisationSummary | undefined {
  const ids = new Set(orgs.map((o) => o.id));
  for (const kind of LEVELS) {
    const top = orgs.find((o) => o.kind === kind && (!o.parentId || !ids.has(o.parentId)));
    if (top) return top;
  }
  return undefined;
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const results = useQueries({
    queries: LEVELS.map((kind) => ({ queryKey: ['organisations', kind], queryFn: () => listOrganisations(kind) })),
  });
  const error = results.find((r) => r.error)?.error;
  const loading = results.some((r) => r.isPending);
  const byKind = LEVELS.map((kind, i) => ({ kind, items: results[i]?.data?.items ?? [] }));
  const all = byKind.flatMap((g) => g.items);

  if (params.get('inizio') === '1' && !loading && !error) {
    const top = topOrganisation(all);
    if (top) return <Navigate to={`/organizzazioni/${top.id}`} replace />;
  }
  return (
    <>
      <PageHeading title={t('orgs.title')}>{t('orgs.title')}</PageHeading>
      {error ? <ProblemAlert error={error} /> : null}
      {loading ? <Loading /> : null}
      {!loading && !error && all.length === 0 ? <p>{t('orgs.none')}</p> : null}
      {byKind
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.kind} aria-labelledby={`orgs-${g.kind}`}>
            <h2 id={`orgs-${g.kind}`}>{t(`orgKindPlural.${g.kind}`)}</h2>
            <ul className="link-list">
              {g.items.map((o) => (
                <li key={o.id}>
                  <Link to={`/organizzazioni/${o.id}`}>{o.name}</Link>
                  {o.shortName ? <span className="muted"> ({o.shortName})</span> : null}
                  <span className="visually-hidden"> – {orgKindLabel(t, o.kind)}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
