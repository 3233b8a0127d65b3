// Home: each role lands on its own dashboard — a co-op's admins on the co-op, association staff on their
// organisation, a platform admin on the top organisation, a member on their memberships.
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { destinations } from '../core/nav.ts';
import { roleLabel } from '../core/labels.ts';
import { useAccount } from '../core/session.ts';
import { PageHeading } from '../core/ui.tsx';
import { MyMemberships } from './MyMemberships.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const account = useAccount();
  const dests = destinations(account);
  if (dests.length === 1 && dests[0]) return <Navigate to={dests[0].to} replace />;
  return (
    <>
      <PageHeading title={t('home.title')}>{t('home.welcome', { name: account.displayName })}</PageHeading>
      {dests.length > 1 ? (
        <section aria-labelledby="home-orgs">
          <h2 id="home-orgs">{t('home.yourOrganisations')}</h2>
          <ul className="link-list">
            {dests.map((d) => (
              <li key={d.to}>
                <Link to={d.to}>{d.organisationName ?? t('home.topOrganisation')}</Link>
                <span className="badge">{roleLabel(t, d.role)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {account.personId || dests.length === 0 ? (
        <section aria-labelledby="home-ms">
          <h2 id="home-ms">{t('home.myMemberships')}</h2>
          <MyMemberships level={3} />
          <p>
            <Link to="/profilo">{t('home.profileLink')}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
