// «Invita i soci» (co-op admins): the register with each member's account state; invite the chosen members or all
// those not invited yet. Invitations go by e-mail from a background job whose progress is shown here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useAccount } from '../../core/session.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PageHeading, Pagination, ProblemAlert, QueryBoundary, TableRegion } from '../../core/ui.tsx';
import { useFormat } from '../../core/format.ts';
import { getInviteJob, inviteMembers, listOnboarding, type InviteJob, type OnboardingStatus } from './api.ts';
import '../identity.css';

const STATUSES: OnboardingStatus[] = ['not-invited', 'invited', 'linked', 'no-email'];

function JobStatus({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['onboarding-job', id],
    queryFn: () => getInviteJob(id),
    refetchInterval: (query) => ((query.state.data as InviteJob | undefined)?.status === 'running' ? 1000 : false),
  });
  const done = q.data && q.data.status !== 'running';
  useEffect(() => {
    if (done) onDone();
  }, [done, onDone]);
  const j = q.data;
  if (!j) return null;
  return (
    <div className={`alert ${j.status === 'succeeded' ? 'alert-success' : j.status === 'running' ? 'alert-info' : 'alert-error'}`} role="status">
      {j.status === 'running' ? (
        <p>{t('identity.onboarding.running', { done: j.progress.done ?? 0, total: j.progress.total ?? '…' })}</p>
      ) : j.result ? (
        <>
          <p className="alert-title">{t('identity.onboarding.done', { count: j.result.invited })}</p>
          <p>
            {t('identity.onboarding.skipped', {
              linked: j.result.skipped.linked,
              invited: j.result.skipped.invited,
              noEmail: j.result.skipped.noEmail,
              other: j.result.skipped.emailTaken + j.result.skipped.duplicateEmail,
            })}
          </p>
        </>
      ) : (
        <p>{j.problem?.title ?? t('identity.onboarding.failed')}</p>
      )}
    </div>
  );
}

export function InviteMembersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<OnboardingStatus | ''>('not-invited');
  const [selected, setSelected] = useState<string[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['onboarding', id, page, status],
    queryFn: () => listOnboarding(id, { page, ...(status ? { status } : {}) }),
    placeholderData: keepPreviousData,
  });
  const invite = useMutation({
    mutationFn: (body: { membershipIds?: string[]; all?: boolean }) => inviteMembers(id, body),
    onSuccess: (job) => {
      setJobId(job.id);
      setSelected([]);
    },
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['onboarding', id] });
  const toggle = (m: string) => setSelected((s) => (s.includes(m) ? s.filter((x) => x !== m) : [...s, m]));
  return (
    <>
      <PageHeading title={t('identity.onboarding.title')}>{t('identity.onboarding.title')}</PageHeading>
      <p className="lead">{t('identity.onboarding.intro')}</p>
      <p>
        <Link to={`/cooperative/${id}`}>{t('identity.onboarding.back')}</Link>
      </p>
      <div aria-live="polite">{jobId ? <JobStatus id={jobId} onDone={refresh} /> : null}</div>
      {invite.error ? <ProblemAlert error={invite.error} /> : null}
      <QueryBoundary query={q}>
        {(d) => (
          <>
            <ul className="link-list" aria-label={t('identity.onboarding.countsLabel')}>
              {STATUSES.map((s) => (
                <li key={s}>
                  {t(`identity.onboarding.status.${s}`)}: <strong>{f.number(d.counts[s])}</strong>
                </li>
              ))}
            </ul>
            <div className="id-actions">
              <button type="button" className="btn btn-primary" disabled={invite.isPending || d.counts['not-invited'] === 0} onClick={() => invite.mutate({ all: true })}>
                {t('identity.onboarding.inviteAll', { count: d.counts['not-invited'] })}
              </button>
              <button type="button" className="btn btn-secondary" disabled={invite.isPending || selected.length === 0} onClick={() => invite.mutate({ membershipIds: selected })}>
                {t('identity.onboarding.inviteSelected', { count: selected.length })}
              </button>
            </div>
            <div className="inline-field">
              <label htmlFor="ob-status">{t('identity.onboarding.show')}</label>
              <select
                id="ob-status"
                value={status}
                onChange={(e) => {
                  setStatus(e.target.value as OnboardingStatus | '');
                  setPage(1);
                }}
              >
                <option value="">{t('common.all')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`identity.onboarding.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <TableRegion label={t('identity.onboarding.tableLabel')} busy={q.isFetching}>
              <table className="data-table">
                <caption className="visually-hidden">{t('identity.onboarding.caption', { total: d.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{t('identity.onboarding.choose')}</span>
                    </th>
                    <th scope="col">{t('identity.onboarding.number')}</th>
                    <th scope="col">{t('identity.onboarding.name')}</th>
                    <th scope="col">{t('identity.onboarding.email')}</th>
                    <th scope="col">{t('identity.onboarding.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((m) => (
                    <tr key={m.membershipId}>
                      <td>
                        {m.status === 'not-invited' || m.status === 'invited' ? (
                          <input type="checkbox" checked={selected.includes(m.membershipId)} onChange={() => toggle(m.membershipId)} aria-label={t('identity.onboarding.chooseOne', { name: m.name })} />
                        ) : null}
                      </td>
                      <td>{m.registerNumber}</td>
                      <td>{m.name}</td>
                      <td>{m.email ?? '—'}</td>
                      <td>{t(`identity.onboarding.status.${m.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Pagination page={page} pageCount={Math.ceil(d.total / d.pageSize)} onPage={setPage} label={t('identity.onboarding.paging')} />
          </>
        )}
      </QueryBoundary>
    </>
  );
}

/** «Inviti ai soci»: the co-ops the account administers; with one, straight to its invitation page. */
export function InviteChooserPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const coops = account.grants.filter((g) => g.role === 'coop_admin' && g.organisationId);
  if (coops.length === 1 && coops[0]?.organisationId) return <Navigate to={`/cooperative/${coops[0].organisationId}/inviti`} replace />;
  return (
    <>
      <PageHeading title={t('identity.onboarding.title')}>{t('identity.onboarding.title')}</PageHeading>
      {coops.length === 0 ? (
        <p>{t('identity.onboarding.noCoops')}</p>
      ) : (
        <ul className="link-list">
          {coops.map((g) => (
            <li key={g.organisationId}>
              <Link to={`/cooperative/${g.organisationId}/inviti`}>{g.organisationName}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
