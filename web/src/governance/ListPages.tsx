// Lists of assemblies: a co-op's (for its administrators, association staff and members) with the chair's way to
// convene a new one and to the statute's parameters; and the member's own («Le mie assemblee»): convocation notices
// with their receipt, the assemblies of the co-ops they belong to, and the co-ops they administer.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { canManageRegisterOf, coopsAdministered } from './access.ts';
import { useAccount } from '../core/session.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert } from '../core/ui.tsx';
import { getCooperative } from '../registry/api.ts';
import { acknowledgeNotice, listCoopAssemblies, listMyAssemblies, listMyNotices, type AssemblySummary, type NoticeView } from './api.ts';
import { AssemblyList, StatusBadge } from './components.tsx';
import { codeLabel, qk, useDateTime } from './util.ts';
import './governance.css';

/** Splits assemblies into those still ahead or running, and the past (closed, cancelled). */
function split(items: AssemblySummary[]): { current: AssemblySummary[]; past: AssemblySummary[] } {
  const current = items.filter((a) => ['draft', 'convened', 'in_session'].includes(a.status));
  const past = items.filter((a) => !['draft', 'convened', 'in_session'].includes(a.status));
  // Soonest first for what is ahead, newest first for the past.
  current.sort((a, b) => a.firstCallAt.localeCompare(b.firstCallAt));
  return { current, past };
}

export function CoopAssembliesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const account = useAccount();
  const coop = useQuery({ queryKey: ['cooperative', id], queryFn: () => getCooperative(id), retry: false });
  const list = useQuery({ queryKey: qk.coopAssemblies(id), queryFn: () => listCoopAssemblies(id) });
  const manage = canManageRegisterOf(account, id);
  const name = coop.data?.name;
  const title = name ? t('governance.list.coopTitle', { name }) : t('governance.list.title');
  if (list.error && isForbidden(list.error)) return <NotAllowed />;
  const groups = list.data ? split(list.data) : null;
  return (
    <>
      <PageHeading title={title} sub={name ? <p><Link to={`/cooperative/${id}`}>{name}</Link></p> : undefined}>
        {title}
      </PageHeading>
      <p className="lead">{t('governance.list.intro')}</p>
      <p className="page-actions gov-actions">
        {manage ? (
          <Link className="btn btn-primary" to={`/cooperative/${id}/assemblee/nuova`}>
            {t('governance.list.convene')}
          </Link>
        ) : null}
        <Link className="btn btn-secondary" to={`/cooperative/${id}/statuto`}>
          {t('governance.list.statute')}
        </Link>
        {manage ? (
          <Link className="btn btn-secondary" to={`/cooperative/${id}/assemblee/posta`}>
            {t('governance.outbox.link')}
          </Link>
        ) : null}
      </p>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {!groups ? (
        list.error ? null : <Loading />
      ) : (
        <>
          <section aria-labelledby="gov-current">
            <h2 id="gov-current">{t('governance.list.current')}</h2>
            <AssemblyList items={groups.current} empty={t('governance.list.noneCurrent')} />
          </section>
          <section aria-labelledby="gov-past">
            <h2 id="gov-past">{t('governance.list.past')}</h2>
            <AssemblyList items={groups.past} empty={t('governance.list.nonePast')} />
          </section>
        </>
      )}
    </>
  );
}

function NoticeList({ items }: { items: NoticeView[] }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const queryClient = useQueryClient();
  const ack = useMutation({
    mutationFn: (assemblyId: string) => acknowledgeNotice(assemblyId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: qk.myNotices }),
  });
  if (items.length === 0) return <p>{t('governance.notice.none')}</p>;
  return (
    <>
      {ack.error ? <ProblemAlert error={ack.error} /> : null}
      <ul className="gov-cards">
        {items.map((n) => (
          <li key={n.assemblyId} className={`card gov-card${n.acknowledgedAt ? '' : ' gov-unread'}`}>
            <h3 className="card-title">
              <Link to={`/assemblee/${n.assemblyId}`}>{n.title}</Link>
            </h3>
            <p className="gov-card-meta">
              <StatusBadge status={n.status} /> {codeLabel(t, 'kind', n.kind)} · {n.cooperativeName}
            </p>
            <p>{t('governance.notice.calls', { first: dt(n.firstCallAt) })}</p>
            {n.acknowledgedAt ? (
              <p className="muted">{t('governance.notice.acknowledged', { at: dt(n.acknowledgedAt) })}</p>
            ) : (
              <p>
                <span className="badge gov-new-badge">{t('governance.notice.toAcknowledge')}</span>{' '}
                <button type="button" className="btn btn-secondary btn-small" disabled={ack.isPending} onClick={() => ack.mutate(n.assemblyId)}>
                  {t('governance.notice.acknowledge')}
                  <span className="visually-hidden"> — {n.title}</span>
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MyAssembliesPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const notices = useQuery({ queryKey: qk.myNotices, queryFn: listMyNotices, enabled: Boolean(account.personId) });
  const assemblies = useQuery({ queryKey: qk.myAssemblies, queryFn: listMyAssemblies, enabled: Boolean(account.personId) });
  const admin = coopsAdministered(account);
  const groups = assemblies.data ? split(assemblies.data) : null;
  const pendingNotices = (notices.data ?? []).filter((n) => ['convened', 'in_session'].includes(n.status));
  return (
    <>
      <PageHeading title={t('governance.my.title')}>{t('governance.my.title')}</PageHeading>
      <p className="lead">{t('governance.my.intro')}</p>
      {admin.length > 0 ? (
        <section aria-labelledby="gov-admin">
          <h2 id="gov-admin">{t('governance.my.administered')}</h2>
          <ul className="link-list">
            {admin.map((c) => (
              <li key={c.id}>
                <Link to={`/cooperative/${c.id}/assemblee`}>{t('governance.my.assembliesOf', { name: c.name ?? '' })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {account.personId ? (
        <>
          <section aria-labelledby="gov-notices">
            <h2 id="gov-notices">{t('governance.my.notices')}</h2>
            {notices.error ? <ProblemAlert error={notices.error} /> : !notices.data ? <Loading /> : <NoticeList items={pendingNotices} />}
          </section>
          <section aria-labelledby="gov-mine-current">
            <h2 id="gov-mine-current">{t('governance.list.current')}</h2>
            {assemblies.error ? <ProblemAlert error={assemblies.error} /> : !groups ? <Loading /> : <AssemblyList items={groups.current} showCoop empty={t('governance.list.noneCurrent')} />}
          </section>
          {groups && groups.past.length > 0 ? (
            <section aria-labelledby="gov-mine-past">
              <h2 id="gov-mine-past">{t('governance.list.past')}</h2>
              <AssemblyList items={groups.past} showCoop empty={t('governance.list.nonePast')} />
            </section>
          ) : null}
        </>
      ) : admin.length === 0 ? (
        <p>{t('governance.my.noPerson')}</p>
      ) : null}
      <p>
        <Link to="/verifica-verbale">{t('governance.minutes.verifyPageTitle')}</Link>
      </p>
    </>
  );
}
