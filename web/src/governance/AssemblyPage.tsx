// One assembly: details and calls, the member's convocation notice (opened when viewed, receipt confirmed with a
// button), their roll entry with weight and the reason of any exclusion in words, proxies, the agenda with documents,
// deliberation and results, consultative polls, and the minutes with their published hash. The chair also finds
// here the draft's tools (edit, convene, cancel) and the way to the roll and to the live meeting.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { Detail, isForbidden, isNotFound, Loading, NotAllowed, PageHeading, ProblemAlert } from '../core/ui.tsx';
import {
  acknowledgeNotice,
  cancelAssembly,
  convene,
  deleteDraft,
  getAssembly,
  getParticipation,
  openNotice,
  type AssemblyDetail,
  type Participation,
} from './api.ts';
import { Agenda } from './Agenda.tsx';
import { Explanation, StatusBadge } from './components.tsx';
import { MinutesCard } from './Minutes.tsx';
import { Polls } from './Polls.tsx';
import { ProxiesCard } from './ProxiesCard.tsx';
import { codeLabel, isActive, qk, useDateTime } from './util.ts';
import './governance.css';

function NoticeCard({ assembly, me }: { assembly: AssemblyDetail; me: Participation }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const queryClient = useQueryClient();
  const opened = useRef(false);
  const notice = me.notice;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.me(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.myNotices });
  };
  const open = useMutation({ mutationFn: () => openNotice(assembly.id), onSuccess: refresh });
  const ack = useMutation({ mutationFn: () => acknowledgeNotice(assembly.id), onSuccess: refresh });
  // Viewing the assembly's page is opening the notice (the first time only; receipts keep their first moment).
  useEffect(() => {
    if (notice && !notice.openedAt && !opened.current) {
      opened.current = true;
      open.mutate();
    }
  }, [notice, open]);
  if (!notice) return null;
  return (
    <section className="card gov-notice" aria-labelledby="gov-notice">
      <h2 id="gov-notice">{t('governance.notice.title')}</h2>
      <p>{t('governance.notice.received', { at: dt(notice.createdAt), coop: assembly.cooperativeName })}</p>
      <div aria-live="polite" aria-atomic="true">
        {notice.acknowledgedAt ? (
          <p className="alert alert-success">{t('governance.notice.acknowledged', { at: dt(notice.acknowledgedAt) })}</p>
        ) : (
          <>
            <p>{t('governance.notice.askAcknowledge')}</p>
            <button type="button" className="btn btn-primary" onClick={() => ack.mutate()} disabled={ack.isPending}>
              {t('governance.notice.acknowledge')}
            </button>
          </>
        )}
      </div>
      {ack.error ? <ProblemAlert error={ack.error} /> : null}
    </section>
  );
}

function RollEntryCard({ me }: { me: Participation }) {
  const { t } = useTranslation();
  const roll = me.roll;
  return (
    <section className="card" aria-labelledby="gov-my-roll">
      <h2 id="gov-my-roll">{t('governance.roll.mine')}</h2>
      {!roll ? (
        <p>{t('governance.roll.notOnRoll')}</p>
      ) : (
        <>
          <p className={roll.eligible ? 'gov-eligible' : 'gov-excluded'}>
            <strong>{roll.eligible ? t('governance.roll.eligibleWeight', { count: roll.weight }) : t('governance.roll.excluded')}</strong>
            {roll.reason ? <span className="badge">{codeLabel(t, 'reason', roll.reason)}</span> : null}
          </p>
          <Explanation lines={roll.explanation} />
        </>
      )}
    </section>
  );
}

function ChairTools({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.assembly(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.coopAssemblies(assembly.cooperativeId) });
  };
  const conv = useMutation({ mutationFn: () => convene(assembly.id), onSuccess: refresh });
  const cancel = useMutation({ mutationFn: () => cancelAssembly(assembly.id), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: () => deleteDraft(assembly.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: qk.coopAssemblies(assembly.cooperativeId) });
      navigate(`/cooperative/${assembly.cooperativeId}/assemblee`);
    },
  });
  const draft = assembly.status === 'draft';
  const error = conv.error ?? cancel.error ?? remove.error;
  return (
    <section className="card gov-chair" aria-labelledby="gov-chair">
      <h2 id="gov-chair">{t('governance.chair.title')}</h2>
      <div aria-live="polite" aria-atomic="true">
        {conv.data ? <p className="alert alert-success">{t('governance.chair.convened', { notices: f.number(conv.data.notices), emails: f.number(conv.data.emails) })}</p> : null}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {error ? <ProblemAlert error={error} role="none" /> : null}
      </div>
      {draft ? <p>{t('governance.chair.draftIntro')}</p> : null}
      <div className="gov-actions">
        {draft ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => conv.mutate()} disabled={conv.isPending}>
              {conv.isPending ? t('governance.chair.convening') : t('governance.chair.convene')}
            </button>
            <Link className="btn btn-secondary" to={`/assemblee/${assembly.id}/modifica`}>
              {t('governance.chair.edit')}
            </Link>
            <button type="button" className="btn btn-secondary" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {t('governance.chair.deleteDraft')}
            </button>
          </>
        ) : null}
        {assembly.status !== 'draft' ? (
          <Link className="btn btn-secondary" to={`/assemblee/${assembly.id}/elenco`}>
            {t('governance.chair.roll')}
          </Link>
        ) : null}
        {isActive(assembly.status) ? (
          <Link className="btn btn-primary" to={`/assemblee/${assembly.id}/diretta`}>
            {t('governance.chair.run')}
          </Link>
        ) : null}
        {(draft || assembly.status === 'convened') && !confirmCancel ? (
          <button type="button" className="btn btn-secondary" onClick={() => setConfirmCancel(true)}>
            {t('governance.chair.cancel')}
          </button>
        ) : null}
      </div>
      {confirmCancel ? (
        <div className="alert alert-info" role="group" aria-label={t('governance.chair.cancel')}>
          <p>{t('governance.chair.cancelConfirm')}</p>
          <div className="gov-actions">
            <button type="button" className="btn btn-primary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
              {t('governance.chair.cancelYes')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmCancel(false)}>
              {t('governance.chair.cancelNo')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

export function AssemblyPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const dt = useDateTime();
  const { id = '' } = useParams();
  const assembly = useQuery({ queryKey: qk.assembly(id), queryFn: () => getAssembly(id) });
  const me = useQuery({ queryKey: qk.me(id), queryFn: () => getParticipation(id), enabled: Boolean(assembly.data && assembly.data.status !== 'draft') });

  if (assembly.error) {
    if (isForbidden(assembly.error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('governance.assembly.title')}>{t('governance.assembly.title')}</PageHeading>
        {isNotFound(assembly.error) ? <p>{t('governance.assembly.notFound')}</p> : null}
        <ProblemAlert error={assembly.error} />
      </>
    );
  }
  if (!assembly.data) return <Loading />;
  const a = assembly.data;
  const p = a.permissions;
  const part = me.data;
  const canTakePart = p.member || p.manage;
  return (
    <>
      <PageHeading
        title={a.title}
        sub={
          <p>
            <StatusBadge status={a.status} /> <span>{codeLabel(t, 'kind', a.kind)}</span> ·{' '}
            {p.read ? <Link to={`/cooperative/${a.cooperativeId}/assemblee`}>{a.cooperativeName}</Link> : <span>{a.cooperativeName}</span>}
          </p>
        }
      >
        {a.title}
      </PageHeading>
      {isActive(a.status) ? (
        <p className="page-actions">
          <Link className="btn btn-primary" to={`/assemblee/${a.id}/diretta`}>
            {a.status === 'in_session' ? t('governance.assembly.joinLive') : t('governance.assembly.openLive')}
          </Link>
        </p>
      ) : null}
      {a.status === 'cancelled' ? <p className="alert alert-info">{t('governance.assembly.cancelled', { at: dt(a.cancelledAt) })}</p> : null}
      {p.manage ? <ChairTools assembly={a} /> : null}
      {part ? <NoticeCard assembly={a} me={part} /> : null}
      <section className="card" aria-labelledby="gov-details">
        <h2 id="gov-details">{t('governance.assembly.details')}</h2>
        <dl className="details details-grid">
          <Detail term={t('governance.assembly.kind')}>{codeLabel(t, 'kind', a.kind)}</Detail>
          <Detail term={t('governance.assembly.mode')}>{codeLabel(t, 'mode', a.mode)}</Detail>
          <Detail term={t('governance.assembly.firstCall')}>{dt(a.firstCallAt)}</Detail>
          <Detail term={t('governance.assembly.secondCall')}>{a.secondCallAt ? dt(a.secondCallAt) : null}</Detail>
          {a.place ? <Detail term={t('governance.assembly.place')}>{a.place}</Detail> : null}
          {a.onlineUrl ? (
            <Detail term={t('governance.assembly.onlineUrl')}>
              <a href={a.onlineUrl} rel="noopener noreferrer" target="_blank">
                {a.onlineUrl}
                <span className="visually-hidden"> {t('governance.assembly.newWindow')}</span>
              </a>
            </Detail>
          ) : null}
          <Detail term={t('governance.assembly.recordDate')}>{f.date(a.recordDate)}</Detail>
          <Detail term={t('governance.assembly.noticeMethod')}>{codeLabel(t, 'noticeMethod', a.noticeMethod)}</Detail>
          {a.convenedAt ? <Detail term={t('governance.assembly.convenedAt')}>{dt(a.convenedAt)}</Detail> : null}
          {a.statuteVersion !== null ? <Detail term={t('governance.assembly.statuteVersion')}>{t('governance.assembly.statuteVersionN', { n: a.statuteVersion })}</Detail> : null}
          {a.roll.computedAt ? (
            <Detail term={t('governance.assembly.rollTotals')}>
              {t('governance.assembly.rollFigures', { members: f.number(a.roll.members), voters: f.number(a.roll.voters), votes: f.number(a.roll.votes) })}
            </Detail>
          ) : null}
          {a.call ? <Detail term={t('governance.assembly.call')}>{codeLabel(t, 'call', a.call)}</Detail> : null}
        </dl>
        {a.description ? <p className="gov-text">{a.description}</p> : null}
      </section>
      {me.error ? <ProblemAlert error={me.error} /> : null}
      {part && (part.roll || p.member) ? <RollEntryCard me={part} /> : null}
      {part ? <ProxiesCard assembly={a} me={part} /> : null}
      {a.sectionalMeetings.length > 0 || a.delegates.length > 0 ? <Sectional assembly={a} /> : null}
      <Agenda assembly={a} canTakePart={canTakePart} />
      {a.status !== 'draft' ? <Polls assemblyId={a.id} items={a.items} canCreate={canTakePart && isActive(a.status)} canRespond={p.member} manage={p.manage} /> : null}
      {a.minutes ? <MinutesCard assembly={a} /> : null}
    </>
  );
}

function Sectional({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  return (
    <section className="card" aria-labelledby="gov-sectional">
      <h2 id="gov-sectional">{t('governance.sectional.title')}</h2>
      {assembly.sectionalMeetings.length > 0 ? (
        <ul className="link-list">
          {assembly.sectionalMeetings.map((s) => (
            <li key={s.id}>
              <Link to={`/assemblee/${s.id}`}>{s.sectionName}</Link> — {dt(s.firstCallAt)} <StatusBadge status={s.status} />
              {s.delegatesToElect ? <span className="muted"> · {t('governance.sectional.delegatesToElect', { count: s.delegatesToElect })}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {assembly.delegates.length > 0 ? (
        <>
          <h3>{t('governance.sectional.delegates')}</h3>
          <ul className="plain-list">
            {assembly.delegates.map((d) => (
              <li key={`${d.sectionId}-${d.personId}`}>
                {d.name} — {t('governance.proxy.votes', { count: d.weight })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
