// The assembly as it runs, for members and for the chair, updating without reload (server-sent events, or polling):
// presence and the constitutive quorum counted in votes, the member's own attendance (online check-in and out),
// what they carry as proxy holder, the open votes with the voting form, and each result explained as soon as the
// vote closes. The chair opens the session at the first or second call, opens and closes each vote, checks members
// in and out at the door, and closes the assembly (which seals the minutes).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert, TableRegion } from '../core/ui.tsx';
import {
  checkIn,
  checkOut,
  closeBallot,
  closeSession,
  getAssembly,
  getParticipation,
  listAttendance,
  openBallot,
  openSession,
  type AssemblyDetail,
  type BallotView,
  type Call,
  type Live,
  type LiveBallot,
  type Participation,
} from './api.ts';
import { BallotFacts, BallotResult, Explanation, OutcomeBadge, RollPicker, StatusBadge } from './components.tsx';
import { useLive, type LiveTransport } from './live.ts';
import { VoteForm } from './VoteForm.tsx';
import { codeLabel, isActive, qk, useDateTime } from './util.ts';
import './governance.css';

function PresencePanel({ live, transport }: { live: Live; transport: LiveTransport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = live.presence;
  const share = p.entitled.total > 0 ? Math.min(100, Math.round((p.total / p.entitled.total) * 100)) : 0;
  return (
    <section className="card gov-presence" aria-labelledby="gov-presence">
      <h2 id="gov-presence">{t('governance.live.presenceTitle')}</h2>
      <dl className="stats small gov-stats">
        <div className="stat">
          <dt>{t('governance.live.present')}</dt>
          <dd className="stat-value" data-testid="present-people">
            {f.number(p.presentPeople)}
          </dd>
        </div>
        <div className="stat">
          <dt>{t('governance.live.represented')}</dt>
          <dd className="stat-value">{f.number(p.representedPeople)}</dd>
        </div>
        <div className="stat">
          <dt>{t('governance.live.remoteVoters')}</dt>
          <dd className="stat-value">{f.number(p.remoteVoters)}</dd>
        </div>
        <div className="stat">
          <dt>{t('governance.live.votesPresent')}</dt>
          <dd className="stat-value" data-testid="votes-present">
            {t('governance.live.ofTotal', { n: f.number(p.total), total: f.number(p.entitled.total) })}
          </dd>
        </div>
      </dl>
      <div className="gov-bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </div>
      {live.quorum ? (
        <div className={`alert ${live.quorum.met ? 'alert-success' : 'alert-info'} gov-quorum`} role="status" aria-live="polite" aria-atomic="true">
          <p className="alert-title">
            {live.quorum.met ? t('governance.live.quorumMet', { call: codeLabel(t, 'call', live.quorum.call) }) : t('governance.live.quorumNotMet', { call: codeLabel(t, 'call', live.quorum.call) })}
          </p>
          <p>{live.quorum.explanation}</p>
        </div>
      ) : null}
      <p className="muted gov-transport">{transport === 'stream' ? t('governance.live.streaming') : t('governance.live.polling')}</p>
    </section>
  );
}

function MyPart({ assembly, me }: { assembly: AssemblyDetail; me: Participation }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.me(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.live(assembly.id) });
  };
  const inM = useMutation({ mutationFn: () => checkIn(assembly.id), onSuccess: refresh });
  const outM = useMutation({ mutationFn: () => checkOut(assembly.id), onSuccess: refresh });
  const present = Boolean(me.attendance?.present);
  const active = isActive(assembly.status);
  if (!me.roll) {
    return (
      <section className="card" aria-labelledby="gov-mine">
        <h2 id="gov-mine">{t('governance.live.mine')}</h2>
        <p>{t('governance.roll.notOnRoll')}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="gov-mine">
      <h2 id="gov-mine">{t('governance.live.mine')}</h2>
      <p>
        {me.roll.eligible ? t('governance.roll.eligibleWeight', { count: me.roll.weight }) : t('governance.roll.excluded')}
      </p>
      {!me.roll.eligible ? <Explanation lines={me.roll.explanation} /> : null}
      <div aria-live="polite" aria-atomic="true">
        {present ? (
          <p className="alert alert-success gov-attending">
            {t('governance.live.youArePresent', { channel: codeLabel(t, 'channel', me.attendance?.channel ?? ''), at: dt(me.attendance?.since) })}
          </p>
        ) : (
          <p>{t('governance.live.youAreAbsent')}</p>
        )}
      </div>
      {active ? (
        <div className="gov-actions">
          {present ? (
            <button type="button" className="btn btn-secondary" onClick={() => outM.mutate()} disabled={outM.isPending}>
              {t('governance.live.leave')}
            </button>
          ) : assembly.mode !== 'in_person' ? (
            <button type="button" className="btn btn-primary" onClick={() => inM.mutate()} disabled={inM.isPending}>
              {t('governance.live.join')}
            </button>
          ) : (
            <p className="hint">{t('governance.live.inPersonOnly')}</p>
          )}
          {assembly.onlineUrl && assembly.mode !== 'in_person' ? (
            <a className="btn btn-secondary" href={assembly.onlineUrl} target="_blank" rel="noopener noreferrer">
              {t('governance.live.meetingLink')}
              <span className="visually-hidden"> {t('governance.assembly.newWindow')}</span>
            </a>
          ) : null}
        </div>
      ) : null}
      {inM.error ?? outM.error ? <ProblemAlert error={inM.error ?? outM.error} /> : null}
      {me.proxyGiven ? <p className="muted">{t('governance.live.proxyGiven', { name: me.proxyGiven.holderName })}</p> : null}
      {me.proxiesHeld.length > 0 ? (
        <>
          <h3>{t('governance.proxy.heldTitle', { count: me.proxiesHeld.length })}</h3>
          <ul className="plain-list">
            {me.proxiesHeld.map((x) => (
              <li key={x.id}>
                {x.grantorName} — {t('governance.proxy.votes', { count: x.weight })}
                {x.grantorPresent ? <span className="badge">{t('governance.proxy.grantorPresent')}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function BallotBlock({
  assembly,
  lb,
  ballot,
  title,
  me,
}: {
  assembly: AssemblyDetail;
  lb: LiveBallot;
  ballot: BallotView | null;
  title: string;
  me: Participation | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const manage = assembly.permissions.manage;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.assembly(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.live(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.me(assembly.id) });
  };
  const open = useMutation({ mutationFn: () => openBallot(lb.id), onSuccess: refresh });
  const close = useMutation({ mutationFn: () => closeBallot(lb.id), onSuccess: refresh });
  const [confirmClose, setConfirmClose] = useState(false);
  const mine = me?.ballots.find((b) => b.ballotId === lb.id);
  const headingId = `ballot-${lb.id}`;
  // The live snapshot is the freshest status; the ballot's details (candidates, result) follow it.
  const status = lb.status;
  // An encrypted ballot stays open after the close until its trustees decrypt the tally: no second close.
  const tallying = ballot?.evote?.status === 'tallying';
  return (
    <li className="card gov-ballot" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <span className="gov-item-pos">{lb.position}.</span> {title}
      </h3>
      <p className="gov-card-meta">
        <span className={`status gov-ballot-${status}`}>{codeLabel(t, 'ballotStatus', status)}</span>{' '}
        {status !== 'draft' ? <span className="muted">{t('governance.live.votesCast', { count: lb.votesCast, n: f.number(lb.votesCast) })}</span> : null}
      </p>
      {ballot ? <BallotFacts ballot={ballot} /> : null}
      {manage ? (
        <div className="gov-actions">
          {status === 'draft' ? (
            <button type="button" className="btn btn-primary" onClick={() => open.mutate()} disabled={open.isPending}>
              {t('governance.live.openBallot')}
              <span className="visually-hidden"> — {title}</span>
            </button>
          ) : null}
          {status === 'open' && !confirmClose && !tallying ? (
            <button type="button" className="btn btn-primary" onClick={() => setConfirmClose(true)}>
              {t('governance.live.closeBallot')}
              <span className="visually-hidden"> — {title}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {tallying && ballot?.evote ? <p className="alert alert-info">{t('governance.live.evoteTallying', { k: ballot.evote.threshold, n: ballot.evote.trustees })}</p> : null}
      {confirmClose && status === 'open' && !tallying ? (
        <div className="alert alert-info" role="group" aria-label={t('governance.live.closeBallot')}>
          <p>{t('governance.live.closeBallotConfirm', { count: lb.votesCast })}</p>
          <div className="gov-actions">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => close.mutate(undefined, { onSettled: () => setConfirmClose(false) })}
              disabled={close.isPending}
            >
              {t('governance.live.closeBallotYes')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmClose(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {open.error ?? close.error ? <ProblemAlert error={open.error ?? close.error} /> : null}
      {status === 'open' && ballot && me ? (
        <VoteForm
          assemblyId={assembly.id}
          ballot={{ ...ballot, status: 'open' }}
          title={title}
          mine={mine}
          present={Boolean(me.attendance?.present)}
          inSession={assembly.status === 'in_session'}
        />
      ) : null}
      {status === 'closed' ? (
        ballot?.result ? (
          <BallotResult ballot={ballot} headingLevel={4} />
        ) : (
          <div className="gov-result">
            <p>
              <OutcomeBadge outcome={lb.outcome ?? ''} />
            </p>
            <Explanation lines={lb.summary} />
          </div>
        )
      ) : null}
    </li>
  );
}

function SessionControls({ assembly, live }: { assembly: AssemblyDetail; live: Live }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmClose, setConfirmClose] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.assembly(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.live(assembly.id) });
  };
  const open = useMutation({ mutationFn: (call: Call) => openSession(assembly.id, call), onSuccess: refresh });
  const close = useMutation({ mutationFn: () => closeSession(assembly.id), onSuccess: refresh });
  const status = live.status;
  return (
    <div className="gov-session">
      <div aria-live="polite" aria-atomic="true">
        {open.data ? <p className="alert alert-success">{open.data.explanation}</p> : null}
        {close.data ? (
          <p className="alert alert-success">
            {t('governance.chair.closed')} <span className="mono gov-hash">{close.data.sha256}</span>
          </p>
        ) : null}
      </div>
      {open.error ?? close.error ? <ProblemAlert error={open.error ?? close.error} /> : null}
      <div className="gov-actions">
        {status === 'convened' ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => open.mutate('first')} disabled={open.isPending}>
              {t('governance.chair.openFirst')}
            </button>
            {assembly.secondCallAt ? (
              <button type="button" className="btn btn-secondary" onClick={() => open.mutate('second')} disabled={open.isPending}>
                {t('governance.chair.openSecond')}
              </button>
            ) : null}
          </>
        ) : null}
        {status === 'in_session' && !confirmClose ? (
          <button type="button" className="btn btn-secondary" onClick={() => setConfirmClose(true)}>
            {t('governance.chair.closeSession')}
          </button>
        ) : null}
      </div>
      {confirmClose && status === 'in_session' ? (
        <div className="alert alert-info" role="group" aria-label={t('governance.chair.closeSession')}>
          <p>{t('governance.chair.closeConfirm')}</p>
          <div className="gov-actions">
            <button type="button" className="btn btn-primary" onClick={() => close.mutate(undefined, { onSettled: () => setConfirmClose(false) })} disabled={close.isPending}>
              {t('governance.chair.closeYes')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmClose(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Attendance({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const f = useFormat();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: qk.attendance(assembly.id), queryFn: () => listAttendance(assembly.id) });
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.attendance(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.live(assembly.id) });
  };
  const mark = useMutation({
    mutationFn: (v: { personId: string; name: string; in: boolean }) => (v.in ? checkIn(assembly.id, v.personId) : checkOut(assembly.id, v.personId)),
    onSuccess: (_, v) => {
      setNotice(v.in ? t('governance.attendance.checkedIn', { name: v.name }) : t('governance.attendance.checkedOut', { name: v.name }));
      refresh();
    },
  });
  const active = isActive(assembly.status);
  return (
    <section aria-labelledby="gov-attendance">
      <h3 id="gov-attendance">{t('governance.attendance.title')}</h3>
      <div aria-live="polite" aria-atomic="true">
        {notice ? <p className="alert alert-success">{notice}</p> : null}
      </div>
      {mark.error ? <ProblemAlert error={mark.error} /> : null}
      {active ? (
        <RollPicker
          assemblyId={assembly.id}
          label={t('governance.attendance.search')}
          busy={mark.isPending}
          action={(l) => t('governance.attendance.checkInName', { name: l.name })}
          onPick={(l) => mark.mutate({ personId: l.personId, name: l.name, in: true })}
        />
      ) : null}
      {list.error ? <ProblemAlert error={list.error} /> : !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t('governance.attendance.none')}</p>
        ) : (
          <TableRegion label={t('governance.attendance.tableLabel')}>
            <table className="data-table compact">
              <caption className="visually-hidden">{t('governance.attendance.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('governance.attendance.name')}</th>
                  <th scope="col" className="num">
                    {t('governance.attendance.weight')}
                  </th>
                  <th scope="col">{t('governance.attendance.state')}</th>
                  <th scope="col" className="num">
                    {t('governance.attendance.proxies')}
                  </th>
                  {active ? <th scope="col">{t('governance.attendance.action')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((l) => (
                  <tr key={l.personId}>
                    <th scope="row">
                      {l.registerNumber !== null ? <span className="muted">{l.registerNumber} · </span> : null}
                      {l.name}
                    </th>
                    <td className="num">{f.number(l.weight)}</td>
                    <td>
                      {l.present ? t('governance.attendance.presentSince', { channel: codeLabel(t, 'channel', l.channel), at: dt(l.since) }) : t('governance.attendance.leftAt', { at: dt(l.since) })}
                    </td>
                    <td className="num">{f.number(l.proxiesHeld)}</td>
                    {active ? (
                      <td>
                        <button type="button" className="btn btn-secondary btn-small" disabled={mark.isPending} onClick={() => mark.mutate({ personId: l.personId, name: l.name, in: !l.present })}>
                          {l.present ? t('governance.attendance.checkOut') : t('governance.attendance.checkIn')}
                          <span className="visually-hidden"> {l.name}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : null}
    </section>
  );
}

export function LivePage() {
  const { t } = useTranslation();
  const dt = useDateTime();
  const { id = '' } = useParams();
  const assembly = useQuery({ queryKey: qk.assembly(id), queryFn: () => getAssembly(id) });
  const { live, transport } = useLive(id);
  const me = useQuery({ queryKey: qk.me(id), queryFn: () => getParticipation(id) });
  const error = assembly.error ?? live.error;
  if (error) {
    if (isForbidden(error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('governance.live.title')}>{t('governance.live.title')}</PageHeading>
        <ProblemAlert error={error} />
      </>
    );
  }
  if (!assembly.data || !live.data) return <Loading />;
  const a = assembly.data;
  const l = live.data;
  const itemsById = new Map(a.items.map((i) => [i.id, i]));
  return (
    <>
      <PageHeading
        title={t('governance.live.pageTitle', { title: a.title })}
        sub={
          <p>
            <StatusBadge status={l.status} /> <span>{a.cooperativeName}</span>
            {l.openedAt ? <span className="muted"> · {t('governance.live.openedAt', { at: dt(l.openedAt), call: codeLabel(t, 'call', l.call ?? '') })}</span> : null}
          </p>
        }
      >
        <span className="gov-live-label">{t('governance.live.label')}</span> {a.title}
      </PageHeading>
      <p>
        <Link to={`/assemblee/${a.id}`}>{t('governance.live.backToAssembly')}</Link>
      </p>
      {l.status === 'closed' ? <p className="alert alert-info">{t('governance.live.closed', { at: dt(l.closedAt) })}</p> : null}
      {l.status === 'convened' ? <p className="alert alert-info">{t('governance.live.notOpenYet', { at: dt(a.firstCallAt) })}</p> : null}
      <PresencePanel live={l} transport={transport} />
      {me.error ? <ProblemAlert error={me.error} /> : null}
      {me.data && (me.data.roll || a.permissions.member) ? <MyPart assembly={a} me={me.data} /> : null}
      <section aria-labelledby="gov-ballots">
        <h2 id="gov-ballots">{t('governance.live.ballots')}</h2>
        {l.ballots.length === 0 ? <p>{t('governance.live.noBallots')}</p> : null}
        <ol className="gov-agenda">
          {l.ballots.map((b) => {
            const item = itemsById.get(b.itemId);
            return <BallotBlock key={b.id} assembly={a} lb={b} ballot={item?.ballot ?? null} title={item?.title ?? b.title} me={me.data} />;
          })}
        </ol>
      </section>
      {a.permissions.manage ? (
        <section className="card gov-chair" aria-labelledby="gov-run">
          <h2 id="gov-run">{t('governance.chair.runTitle')}</h2>
          <SessionControls assembly={a} live={l} />
          <Attendance assembly={a} />
          <p>
            <Link to={`/assemblee/${a.id}/elenco`}>{t('governance.chair.roll')}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
