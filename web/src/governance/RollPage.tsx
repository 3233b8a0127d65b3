// The chair's view of an assembly's electoral roll: every member on the record date with their votes, whether they
// are a financing member, and why anyone may not vote (explained); the receipts of the convocation notices; and all
// proxies, with a form to record a proxy given on paper.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { pageFrom, useUrlState } from '../core/search-params.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, Pagination, ProblemAlert, TableRegion, useDebounced } from '../core/ui.tsx';
import { getAssembly, getNoticeReport, getRoll, grantProxy, listProxies, recomputeRoll, revokeProxy, type AssemblyDetail, type RollLine } from './api.ts';
import { RollPicker, StatusBadge } from './components.tsx';
import { isActive, qk, useDateTime } from './util.ts';
import './governance.css';

const PAGE_SIZE = 100;

function RollTable({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [state, setState] = useUrlState({ cerca: '', voto: '', pagina: '1' });
  const [q, setQ] = useState(state.cerca);
  const term = useDebounced(q.trim(), 300);
  const page = pageFrom(state.pagina);
  const eligible = state.voto === 'si' ? true : state.voto === 'no' ? false : undefined;
  // The search box writes the URL once typing pauses (back to page 1).
  useEffect(() => {
    if (term !== state.cerca) setState({ cerca: term, pagina: '1' }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new search term writes the URL
  }, [term]);
  const roll = useQuery({
    queryKey: [...qk.roll(assembly.id), 'page', state.cerca, state.voto, page],
    queryFn: () => getRoll(assembly.id, { q: state.cerca || undefined, eligible, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const recompute = useMutation({
    mutationFn: () => recomputeRoll(assembly.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: qk.roll(assembly.id) });
      void queryClient.invalidateQueries({ queryKey: qk.assembly(assembly.id) });
    },
  });
  const data = roll.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section className="card" aria-labelledby="gov-roll">
      <h2 id="gov-roll">{t('governance.rollPage.rollTitle')}</h2>
      {data ? (
        <p>
          {t('governance.assembly.rollFigures', { members: f.number(data.totals.members), voters: f.number(data.totals.voters), votes: f.number(data.totals.votes) })}
          {data.totals.financingVotes ? ` ${t('governance.rollPage.financing', { n: f.number(data.totals.financingVotes) })}` : ''}
        </p>
      ) : null}
      {assembly.permissions.manage && assembly.status === 'convened' ? (
        <p>
          <button type="button" className="btn btn-secondary" onClick={() => recompute.mutate()} disabled={recompute.isPending}>
            {t('governance.rollPage.recompute')}
          </button>{' '}
          <span className="hint">{t('governance.rollPage.recomputeHint')}</span>
        </p>
      ) : null}
      {recompute.error ? <ProblemAlert error={recompute.error} /> : null}
      {recompute.data ? (
        <p role="status" className="alert alert-success">
          {t('governance.rollPage.recomputed', { count: recompute.data.newNotices, n: f.number(recompute.data.newNotices) })}
        </p>
      ) : null}
      <div className="filters">
        <div className="field grow">
          <label htmlFor="roll-q">{t('governance.rollPage.search')}</label>
          <input id="roll-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="roll-voto">{t('governance.rollPage.filter')}</label>
          <select id="roll-voto" value={state.voto} onChange={(e) => setState({ voto: e.target.value, pagina: '1' })}>
            <option value="">{t('common.all')}</option>
            <option value="si">{t('governance.rollPage.eligibleOnly')}</option>
            <option value="no">{t('governance.rollPage.excludedOnly')}</option>
          </select>
        </div>
      </div>
      {roll.error ? <ProblemAlert error={roll.error} /> : !data ? <Loading /> : null}
      {data ? (
        <>
          <p className="result-count" role="status">
            {t('governance.rollPage.count', { count: data.total, n: f.number(data.total) })}
          </p>
          <TableRegion label={t('governance.rollPage.tableLabel')} busy={roll.isFetching && roll.isPlaceholderData}>
            <table className={`data-table compact${roll.isPlaceholderData ? ' is-stale' : ''}`}>
              <caption className="visually-hidden">{t('governance.rollPage.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('governance.rollPage.number')}
                  </th>
                  <th scope="col">{t('governance.rollPage.name')}</th>
                  <th scope="col" className="num">
                    {t('governance.rollPage.weight')}
                  </th>
                  <th scope="col">{t('governance.rollPage.vote')}</th>
                  <th scope="col">{t('governance.rollPage.why')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((l: RollLine) => (
                  <tr key={l.personId}>
                    <td className="num">{l.registerNumber ?? '—'}</td>
                    <th scope="row">
                      {l.name}
                      {l.financing ? <span className="badge">{t('governance.rollPage.financingBadge')}</span> : null}
                    </th>
                    <td className="num">{f.number(l.weight)}</td>
                    <td>{l.eligible ? t('governance.rollPage.votes') : t('governance.rollPage.noVote')}</td>
                    <td className="wrap">{l.explanation.join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pagination page={page} pageCount={pageCount} onPage={(p) => setState({ pagina: String(p) })} label={t('governance.rollPage.pages')} />
        </>
      ) : null}
    </section>
  );
}

function Notices({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dt = useDateTime();
  const [page, setPage] = useState(1);
  const report = useQuery({ queryKey: [...qk.notices(assembly.id), page], queryFn: () => getNoticeReport(assembly.id, page), placeholderData: keepPreviousData });
  const d = report.data;
  return (
    <section className="card" aria-labelledby="gov-notices">
      <h2 id="gov-notices">{t('governance.rollPage.noticesTitle')}</h2>
      {report.error ? <ProblemAlert error={report.error} /> : !d ? <Loading /> : null}
      {d ? (
        <>
          <p>
            {t('governance.rollPage.noticeTotals', {
              notices: f.number(d.totals.notices),
              opened: f.number(d.totals.opened),
              acknowledged: f.number(d.totals.acknowledged),
              emails: f.number(d.totals.emails),
              emailsOpened: f.number(d.totals.emailsOpened),
            })}
          </p>
          <TableRegion label={t('governance.rollPage.noticesLabel')}>
            <table className="data-table compact">
              <caption className="visually-hidden">{t('governance.rollPage.noticesLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('governance.rollPage.name')}</th>
                  <th scope="col">{t('governance.rollPage.opened')}</th>
                  <th scope="col">{t('governance.rollPage.acknowledged')}</th>
                  <th scope="col">{t('governance.rollPage.email')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((n) => (
                  <tr key={n.personId}>
                    <th scope="row">{n.name}</th>
                    <td>{n.openedAt ? dt(n.openedAt) : '—'}</td>
                    <td>{n.acknowledgedAt ? dt(n.acknowledgedAt) : '—'}</td>
                    <td>{n.email ? (n.emailOpenedAt ? t('governance.rollPage.emailOpened', { at: dt(n.emailOpenedAt) }) : t('governance.rollPage.emailSent')) : t('governance.rollPage.noEmail')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(d.totals.notices / 100))} onPage={setPage} label={t('governance.rollPage.noticePages')} />
        </>
      ) : null}
    </section>
  );
}

function Proxies({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const queryClient = useQueryClient();
  const [withRevoked, setWithRevoked] = useState(false);
  const [grantor, setGrantor] = useState<RollLine | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ queryKey: [...qk.proxies(assembly.id), withRevoked], queryFn: () => listProxies(assembly.id, withRevoked) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.proxies(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.live(assembly.id) });
  };
  const grant = useMutation({
    mutationFn: (v: { holder: RollLine; grantor: RollLine }) => grantProxy(assembly.id, v.holder.personId, v.grantor.personId),
    onSuccess: (p) => {
      setGrantor(null);
      setNotice(t('governance.rollPage.paperRecorded', { grantor: p.grantorName, holder: p.holderName }));
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: revokeProxy, onSuccess: refresh });
  const manage = assembly.permissions.manage && isActive(assembly.status);
  return (
    <section className="card" aria-labelledby="gov-proxies">
      <h2 id="gov-proxies">{t('governance.rollPage.proxiesTitle')}</h2>
      <label className="gov-checks">
        <input type="checkbox" checked={withRevoked} onChange={(e) => setWithRevoked(e.target.checked)} /> {t('governance.rollPage.withRevoked')}
      </label>
      {list.error ? <ProblemAlert error={list.error} /> : !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.length === 0 ? (
          <p>{t('governance.rollPage.noProxies')}</p>
        ) : (
          <TableRegion label={t('governance.rollPage.proxiesLabel')}>
            <table className="data-table compact">
              <caption className="visually-hidden">{t('governance.rollPage.proxiesLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('governance.rollPage.holder')}</th>
                  <th scope="col">{t('governance.rollPage.grantor')}</th>
                  <th scope="col">{t('governance.rollPage.grantedAt')}</th>
                  <th scope="col">{t('governance.rollPage.state')}</th>
                  {manage ? <th scope="col">{t('governance.attendance.action')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.holderName}</th>
                    <td>
                      {p.grantorName} <span className="muted">({t('governance.proxy.votes', { count: p.grantorWeight })})</span>
                    </td>
                    <td>{dt(p.grantedAt)}</td>
                    <td>{p.revokedAt ? t('governance.rollPage.revokedAt', { at: dt(p.revokedAt) }) : t('governance.rollPage.active')}</td>
                    {manage ? (
                      <td>
                        {!p.revokedAt ? (
                          <button type="button" className="btn btn-secondary btn-small" disabled={revoke.isPending} onClick={() => revoke.mutate(p.id)}>
                            {t('governance.proxy.revoke')}
                            <span className="visually-hidden"> {t('governance.rollPage.proxyOf', { name: p.grantorName })}</span>
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : null}
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
      {manage ? (
        <div className="gov-paper">
          <h3>{t('governance.rollPage.paperTitle')}</h3>
          <div aria-live="polite" aria-atomic="true">
            {notice ? <p className="alert alert-success">{notice}</p> : null}
          </div>
          {grant.error ? <ProblemAlert error={grant.error} /> : null}
          {!grantor ? (
            <RollPicker assemblyId={assembly.id} label={t('governance.rollPage.paperGrantor')} action={(l) => t('governance.rollPage.chooseGrantor', { name: l.name })} onPick={setGrantor} />
          ) : (
            <>
              <p>
                {t('governance.rollPage.paperGrantorIs', { name: grantor.name })}{' '}
                <button type="button" className="btn-link" onClick={() => setGrantor(null)}>
                  {t('governance.rollPage.changeGrantor')}
                </button>
              </p>
              <RollPicker
                assemblyId={assembly.id}
                label={t('governance.rollPage.paperHolder')}
                busy={grant.isPending}
                action={(l) => t('governance.rollPage.chooseHolder', { name: l.name })}
                onPick={(holder) => grant.mutate({ holder, grantor })}
              />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

export function RollPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const assembly = useQuery({ queryKey: qk.assembly(id), queryFn: () => getAssembly(id) });
  if (assembly.error) {
    if (isForbidden(assembly.error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('governance.rollPage.title')}>{t('governance.rollPage.title')}</PageHeading>
        <ProblemAlert error={assembly.error} />
      </>
    );
  }
  if (!assembly.data) return <Loading />;
  const a = assembly.data;
  if (!a.permissions.read) return <NotAllowed />;
  return (
    <>
      <PageHeading
        title={t('governance.rollPage.pageTitle', { title: a.title })}
        sub={
          <p>
            <StatusBadge status={a.status} /> <Link to={`/assemblee/${a.id}`}>{a.title}</Link>
          </p>
        }
      >
        {t('governance.rollPage.title')}
      </PageHeading>
      {a.status === 'draft' ? <p className="alert alert-info">{t('governance.rollPage.draft')}</p> : null}
      {a.status !== 'draft' ? (
        <>
          <RollTable assembly={a} />
          <Notices assembly={a} />
          <Proxies assembly={a} />
        </>
      ) : null}
    </>
  );
}
