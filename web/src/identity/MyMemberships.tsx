// The signed-in person's memberships: current ones first, then the closed ones with how and when they ended.
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { exitKindLabel, memberTypesLabel } from '../core/labels.ts';
import { Detail, QueryBoundary } from '../core/ui.tsx';
import { getMyMemberships, type MyMembership, type MyMemberships as Data } from './api.ts';

export const useMyMemberships = () => useQuery({ queryKey: ['me', 'memberships'], queryFn: getMyMemberships });

function MembershipCard({ m, level }: { m: MyMembership; level: 2 | 3 }) {
  const { t } = useTranslation();
  const f = useFormat();
  const H = level === 2 ? 'h3' : 'h4';
  const exited = Boolean(m.exitOn);
  return (
    <article className={`card membership${exited ? ' is-exited' : ''}`} aria-labelledby={`ms-${m.id}`}>
      <H id={`ms-${m.id}`} className="card-title">
        {m.cooperative.name}
        {m.cooperative.province ? <span className="muted"> ({m.cooperative.province})</span> : null}
      </H>
      <dl className="details">
        <Detail term={t('membership.registerNumber')}>{m.registerNumber}</Detail>
        <Detail term={t('membership.memberTypes')}>{memberTypesLabel(t, m.memberTypes)}</Detail>
        <Detail term={t('membership.admittedOn')}>{f.date(m.admittedOn)}</Detail>
        <Detail term={t('membership.registeredOn')}>{f.date(m.registeredOn)}</Detail>
        <Detail term={t('membership.shares')}>
          {t('membership.sharesOf', { count: m.sharesCount, n: f.number(m.sharesCount), nominal: f.money(m.shareNominalCents) })}
        </Detail>
        <Detail term={t('membership.subscribed')}>{f.money(m.subscribedCents)}</Detail>
        <Detail term={t('membership.paid')}>{f.money(m.paidCents)}</Detail>
        {exited ? (
          <>
            <Detail term={t('membership.exit')}>
              {exitKindLabel(t, m.exitKind)} · {f.date(m.exitOn)}
            </Detail>
            {m.exitReason ? <Detail term={t('membership.exitReason')}>{m.exitReason}</Detail> : null}
          </>
        ) : null}
      </dl>
    </article>
  );
}

export function MembershipList({ data, level }: { data: Data; level: 2 | 3 }) {
  const { t } = useTranslation();
  const H = level === 2 ? 'h2' : 'h3';
  const active = data.items.filter((m) => !m.exitOn);
  const closed = data.items.filter((m) => m.exitOn);
  if (data.items.length === 0) return <p>{data.person ? t('membership.none') : t('membership.noPerson')}</p>;
  return (
    <>
      <section aria-labelledby="ms-active">
        <H id="ms-active">{t('membership.active', { count: active.length })}</H>
        {active.length === 0 ? <p>{t('membership.noneActive')}</p> : null}
        <div className="card-grid">
          {active.map((m) => (
            <MembershipCard key={m.id} m={m} level={level} />
          ))}
        </div>
      </section>
      {closed.length > 0 ? (
        <section aria-labelledby="ms-closed">
          <H id="ms-closed">{t('membership.closed', { count: closed.length })}</H>
          <div className="card-grid">
            {closed.map((m) => (
              <MembershipCard key={m.id} m={m} level={level} />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

export function MyMemberships({ level }: { level: 2 | 3 }) {
  const q = useMyMemberships();
  return <QueryBoundary query={q}>{(data) => <MembershipList data={data} level={level} />}</QueryBoundary>;
}
