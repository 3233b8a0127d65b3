// One co-operative: its registry details and its members' register (libro soci).
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { alboCategoryLabel, alboSectionLabel, coopStatusLabel, legalModelLabel } from '../core/labels.ts';
import { canImport, canSeeOrganisations } from '../core/nav.ts';
import { useAccount } from '../core/session.ts';
import { Detail, isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert } from '../core/ui.tsx';
import { getCooperative, listOrganisations } from './api.ts';
import { MembersRegister } from './MembersRegister.tsx';

export function CooperativePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const account = useAccount();
  const coop = useQuery({ queryKey: ['cooperative', id], queryFn: () => getCooperative(id) });
  // Names of the associations the co-op belongs to, when the user may see them (same cache as the list page).
  const associations = useQueries({
    queries: (['territorial', 'sectoral'] as const).map((kind) => ({
      queryKey: ['organisations', kind],
      queryFn: () => listOrganisations(kind),
      enabled: canSeeOrganisations(account),
    })),
  });
  const orgName = (orgId: string | null) =>
    associations.flatMap((q) => q.data?.items ?? []).find((o) => o.id === orgId)?.name;

  if (coop.error) {
    if (isForbidden(coop.error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('coop.title')}>{t('coop.title')}</PageHeading>
        <ProblemAlert error={coop.error} />
      </>
    );
  }
  if (!coop.data) return <Loading />;
  const c = coop.data;
  const territorial = orgName(c.territorialId);
  const sectoral = c.sectoralIds.map((s) => ({ id: s, name: orgName(s) })).filter((s) => s.name);

  return (
    <>
      <PageHeading
        title={c.name}
        sub={
          <p>
            <span className={`status status-${c.status}`}>{coopStatusLabel(t, c.status)}</span>{' '}
            <span className="muted">
              {t('coop.codiceFiscale')} <span className="mono">{c.codiceFiscale}</span>
            </span>
          </p>
        }
      >
        {c.name}
      </PageHeading>
      <p className="page-actions">
        {canImport(account) ? (
          <Link className="btn btn-secondary" to={`/importa?tipo=members&cooperativa=${encodeURIComponent(c.id)}`}>
            {t('coop.importMembers')}
          </Link>
        ) : null}{' '}
        <Link className="btn btn-secondary" to={`/cooperative/${encodeURIComponent(c.id)}/assemblee`}>
          {t('governance.list.link')}
        </Link>{' '}
        <Link className="btn btn-secondary" to={`/cooperative/${encodeURIComponent(c.id)}/mutualita`}>
          {t('mutuality.coopLink')}
        </Link>
      </p>
      <section aria-labelledby="coop-details" className="card">
        <h2 id="coop-details">{t('coop.details')}</h2>
        <dl className="details details-grid">
          <Detail term={t('coop.partitaIva')}>{c.partitaIva ? <span className="mono">{c.partitaIva}</span> : null}</Detail>
          <Detail term={t('coop.alboNumber')}>{c.alboNumber}</Detail>
          <Detail term={t('coop.alboDate')}>{f.date(c.alboDate)}</Detail>
          <Detail term={t('coop.alboSection')}>{alboSectionLabel(t, c.alboSection)}</Detail>
          <Detail term={t('coop.alboCategory')}>{alboCategoryLabel(t, c.alboCategory)}</Detail>
          {c.socialType ? <Detail term={t('coop.socialType')}>{t(`socialType.${c.socialType}`, { defaultValue: c.socialType })}</Detail> : null}
          <Detail term={t('coop.legalModel')}>{legalModelLabel(t, c.legalModel)}</Detail>
          <Detail term={t('coop.ateco')}>{c.atecoCode}</Detail>
          <Detail term={t('coop.seat')}>
            {[c.comune, c.province ? `(${c.province})` : null].filter(Boolean).join(' ')}
            {c.region ? ` · ${c.region}` : ''}
          </Detail>
          <Detail term={t('coop.pec')}>{c.pec ? <a href={`mailto:${c.pec}`}>{c.pec}</a> : null}</Detail>
          <Detail term={t('coop.foundedOn')}>{f.date(c.foundedOn)}</Detail>
          {territorial ? (
            <Detail term={t('coop.territorial')}>
              <Link to={`/organizzazioni/${c.territorialId}`}>{territorial}</Link>
            </Detail>
          ) : null}
          {sectoral.length > 0 ? (
            <Detail term={t('coop.sectoral')}>
              <ul className="plain-list">
                {sectoral.map((s) => (
                  <li key={s.id}>
                    <Link to={`/organizzazioni/${s.id}`}>{s.name}</Link>
                  </li>
                ))}
              </ul>
            </Detail>
          ) : null}
        </dl>
      </section>
      <MembersRegister cooperativeId={c.id} headingId="register-title" />
    </>
  );
}
