// The member's side of mutuality: the hub (and, for co-op administrators, the way to their co-ops' year-end),
// "I miei ristorni" with each statement explained and as PDF, "I miei scambi" (their own ledger entries) and
// their share capital with the share certificate.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { InCurrency } from './currency.tsx';
import { pageFrom, useUrlState } from '../core/search-params.ts';
import { useAccount } from '../core/session.ts';
import { Detail, PageHeading, Pagination, ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import { useMyMemberships } from '../identity/MyMemberships.tsx';
import {
  certificatePdfUrl,
  getMembershipCapital,
  getMyCapital,
  getMyRistorni,
  getMyStatement,
  KINDS,
  listMyEntries,
  myStatementPdfUrl,
  type Balance,
  type CapitalMembership,
  type Kind,
  type MyRistorno,
} from './api.ts';
import { boardPath, Figures, PdfLink, RunStatusBadge, YearSelect, useLang } from './components.tsx';
import { EntriesTable } from './LedgerPage.tsx';
import { StatementView } from './Statement.tsx';
import { administeredCoops } from './util.ts';
import './mutuality.css';

type MemberSection = 'ristorni' | 'exchanges' | 'capital';
const MEMBER_SECTIONS: { key: MemberSection; to: string }[] = [
  { key: 'ristorni', to: '/i-miei-ristorni' },
  { key: 'exchanges', to: '/i-miei-scambi' },
  { key: 'capital', to: '/il-mio-capitale' },
];

function MemberNav({ current }: { current?: MemberSection }) {
  const { t } = useTranslation();
  return (
    <nav className="mut-sections" aria-label={t('mutuality.mine.sectionsLabel')}>
      <ul>
        {MEMBER_SECTIONS.map((s) => (
          <li key={s.key}>
            <Link to={s.to} aria-current={s.key === current ? 'page' : undefined}>
              {t(`mutuality.mine.${s.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MemberFrame({ title, current, children, intro }: { title: string; current?: MemberSection; children: ReactNode; intro?: string }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <MemberNav {...(current ? { current } : {})} />
      {intro ? <p className="lead">{intro}</p> : null}
      {children}
    </>
  );
}

function RistorniList({ items, level }: { items: MyRistorno[]; level: 2 | 3 }) {
  const { t } = useTranslation();
  const f = useFormat();
  const H = level === 2 ? 'h2' : 'h3';
  if (items.length === 0) return <p className="empty">{t('mutuality.mine.noRistorni')}</p>;
  return (
    <div className="mut-cards">
      {items.map((r) => (
        <article key={r.runId} className="card" aria-labelledby={`ristorno-${r.runId}`}>
          <H id={`ristorno-${r.runId}`} className="card-title">
            {t('mutuality.mine.ristornoTitle', { year: r.year, coop: r.cooperative.name })}
          </H>
          <p className="mut-amount">{f.money(r.amountCents, r.currency)}</p>
          <p>
            <RunStatusBadge status={r.status} />
          </p>
          <dl className="details">
            <Detail term={t('mutuality.statement.netCash')}>{f.money(r.netCashCents, r.currency)}</Detail>
            <Detail term={t('mutuality.statement.capital')}>{f.money(r.capitalCents, r.currency)}</Detail>
          </dl>
          <p>
            <Link to={`/i-miei-ristorni/${encodeURIComponent(r.runId)}`}>
              {t('mutuality.mine.readStatement')}
              <span className="visually-hidden"> {t('mutuality.mine.ristornoTitle', { year: r.year, coop: r.cooperative.name })}</span>
            </Link>
          </p>
        </article>
      ))}
    </div>
  );
}

export function MutualityHubPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const coops = administeredCoops(account);
  const ristorni = useQuery({ queryKey: ['me', 'ristorni'], queryFn: getMyRistorni, enabled: Boolean(account.personId) });
  return (
    <MemberFrame title={t('mutuality.hub.title')} intro={t('mutuality.hub.intro')}>
      {coops.length > 0 ? (
        <section aria-labelledby="hub-coops" className="card">
          <h2 id="hub-coops">{t('mutuality.hub.boardTitle')}</h2>
          <p>{t('mutuality.hub.boardIntro')}</p>
          <ul className="link-list">
            {coops.map((c) => (
              <li key={c.id}>
                <Link to={boardPath(c.id)}>{t('mutuality.hub.boardLink', { name: c.name })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {account.personId ? (
        <section aria-labelledby="hub-ristorni">
          <h2 id="hub-ristorni">{t('mutuality.mine.ristorni')}</h2>
          <QueryBoundary query={ristorni}>{(r) => <RistorniList items={r.items} level={3} />}</QueryBoundary>
        </section>
      ) : (
        <p>{t('mutuality.hub.noPerson')}</p>
      )}
    </MemberFrame>
  );
}

export function MyRistorniPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['me', 'ristorni'], queryFn: getMyRistorni });
  return (
    <MemberFrame title={t('mutuality.mine.ristorni')} current="ristorni" intro={t('mutuality.mine.ristorniIntro')}>
      <QueryBoundary query={q}>{(r) => <RistorniList items={r.items} level={2} />}</QueryBoundary>
    </MemberFrame>
  );
}

export function MyStatementPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { runId = '' } = useParams();
  const q = useQuery({ queryKey: ['me', 'ristorni', runId], queryFn: () => getMyStatement(runId) });
  const title = q.data ? t('mutuality.statement.title', { year: q.data.year, coop: q.data.cooperative.name }) : t('mutuality.mine.ristorni');
  return (
    <MemberFrame title={title} current="ristorni">
      <p>
        <Link to="/i-miei-ristorni">{t('mutuality.mine.backToRistorni')}</Link>
      </p>
      <QueryBoundary query={q}>{(s) => <StatementView s={s} own pdfHref={myStatementPdfUrl(runId, lang)} />}</QueryBoundary>
    </MemberFrame>
  );
}

const isKind = (s: string): s is Kind => (KINDS as readonly string[]).includes(s);
const PAGE_SIZE = 50;

export function MyExchangesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const memberships = useMyMemberships();
  const [state, setState] = useUrlState({ cooperativa: '', tipo: '', anno: '', pagina: '1' });
  const page = pageFrom(state.pagina);
  const filters = { cooperativeId: state.cooperativa || undefined, kind: isKind(state.tipo) ? state.tipo : undefined, year: state.anno ? Number(state.anno) : undefined };
  const list = useQuery({ queryKey: ['me', 'exchanges', filters, page], queryFn: ({ signal }) => listMyEntries(filters, page, PAGE_SIZE, signal), placeholderData: keepPreviousData });
  const coops = new Map<string, string>();
  for (const m of memberships.data?.items ?? []) coops.set(m.cooperative.id, m.cooperative.name);
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <MemberFrame title={t('mutuality.mine.exchanges')} current="exchanges" intro={t('mutuality.mine.exchangesIntro')}>
      <div className="mut-filters">
        {coops.size > 1 ? (
          <div className="field">
            <label htmlFor="my-coop">{t('mutuality.mine.cooperative')}</label>
            <select id="my-coop" value={state.cooperativa} onChange={(e) => setState({ cooperativa: e.target.value, pagina: '1' }, { replace: true })}>
              <option value="">{t('mutuality.mine.allCooperatives')}</option>
              {[...coops].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="my-kind">{t('mutuality.ledger.filterKind')}</label>
          <select id="my-kind" value={state.tipo} onChange={(e) => setState({ tipo: e.target.value, pagina: '1' }, { replace: true })}>
            <option value="">{t('mutuality.ledger.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`mutuality.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <YearSelect id="my-year" value={state.anno ? Number(state.anno) : null} onChange={(y) => setState({ anno: y === null ? '' : String(y), pagina: '1' }, { replace: true })} allowAll />
      </div>
      <p className="result-count" aria-live="polite">
        {list.data ? t('mutuality.ledger.count', { count: list.data.total, n: f.number(list.data.total), total: f.money(list.data.totalValueCents) }) : ''}
      </p>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p className="empty">{t('mutuality.mine.noExchanges')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <TableRegion label={t('mutuality.mine.exchanges')} busy={list.isFetching}>
          <EntriesTable entries={list.data.items} caption={t('mutuality.mine.exchanges')} showMember={false} coopNames={coops.size > 1 ? coops : undefined} />
        </TableRegion>
      ) : null}
      {!list.data && !list.error ? <p className="loading" role="status">{t('common.loading')}</p> : null}
      <Pagination page={page} pageCount={pageCount} onPage={(p) => setState({ pagina: String(p) })} label={t('mutuality.ledger.paging')} />
    </MemberFrame>
  );
}

export function BalanceFigures({ balance, nominalCents }: { balance: Balance; nominalCents?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items: [string, string][] = [
    [t('mutuality.capital.shares'), f.number(balance.shares)],
    [t('mutuality.capital.subscribed'), f.money(balance.subscribedCents)],
    [t('mutuality.capital.paid'), f.money(balance.paidCents)],
    [t('mutuality.capital.ristorni'), f.money(balance.ristorniCents)],
  ];
  if (nominalCents !== undefined) items.splice(1, 0, [t('mutuality.capital.nominal'), f.money(nominalCents)]);
  return <Figures items={items} small />;
}

export function MovementsTable({ membershipId, caption }: { membershipId: string; caption: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['share-capital', membershipId], queryFn: () => getMembershipCapital(membershipId) });
  return (
    <QueryBoundary query={q}>
      {(c) =>
        c.movements.length === 0 ? (
          <p className="empty">{t('mutuality.capital.noMovements')}</p>
        ) : (
          <TableRegion label={caption}>
            <table className="data-table compact">
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mutuality.capital.date')}</th>
                  <th scope="col">{t('mutuality.capital.movement')}</th>
                  <th scope="col" className="num">
                    {t('mutuality.capital.shares')}
                  </th>
                  <th scope="col" className="num">
                    {t('mutuality.capital.subscribed')}
                  </th>
                  <th scope="col" className="num">
                    {t('mutuality.capital.paid')}
                  </th>
                  <th scope="col">{t('mutuality.capital.note')}</th>
                </tr>
              </thead>
              <tbody>
                {c.movements.map((m) => (
                  <tr key={m.id}>
                    <td>{f.date(m.occurredOn)}</td>
                    <td>{t(`mutuality.movement.${m.kind}`, { defaultValue: m.kind })}</td>
                    <td className="num">{f.number(m.sharesDelta)}</td>
                    <td className="num">{f.money(m.subscribedDeltaCents)}</td>
                    <td className="num">{f.money(m.paidDeltaCents)}</td>
                    <td>
                      {m.note ?? ''}
                      {m.refundCents !== null ? <span className="mut-note">{t('mutuality.capital.refunded', { amount: f.money(m.refundCents) })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      }
    </QueryBoundary>
  );
}

function MyCapitalCard({ membership: m, balance }: { membership: CapitalMembership; balance: Balance }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const hid = `capital-${m.id}`;
  return (
    <article className={`card membership${m.exitOn ? ' is-exited' : ''}`} aria-labelledby={hid}>
      <h2 id={hid} className="card-title">
        {m.cooperativeName}
      </h2>
      <p className="muted">
        {t('mutuality.common.memberNo', { n: m.registerNumber })}
        {m.exitOn ? ` · ${t('mutuality.capital.exitedOn', { date: f.date(m.exitOn) })}` : ''}
      </p>
      <BalanceFigures balance={balance} nominalCents={m.shareNominalCents} />
      <div className="mut-actions">
        <PdfLink href={certificatePdfUrl(m.id, lang)}>{t('mutuality.capital.certificate')}</PdfLink>
        <button type="button" className="btn btn-secondary" aria-expanded={open} aria-controls={`${hid}-movements`} onClick={() => setOpen((o) => !o)}>
          {t('mutuality.capital.movements')}
        </button>
      </div>
      <div id={`${hid}-movements`}>{open ? <MovementsTable membershipId={m.id} caption={t('mutuality.capital.movementsOf', { coop: m.cooperativeName })} /> : null}</div>
    </article>
  );
}

export function MyCapitalPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['me', 'share-capital'], queryFn: getMyCapital });
  return (
    <MemberFrame title={t('mutuality.mine.capital')} current="capital" intro={t('mutuality.mine.capitalIntro')}>
      <QueryBoundary query={q}>
        {(c) =>
          c.items.length === 0 ? (
            <p className="empty">{t('mutuality.mine.noCapital')}</p>
          ) : (
            <div className="mut-cards">
              {c.items.map((i) => (
                <InCurrency key={i.membership.id} currency={i.membership.currency}>
                  <MyCapitalCard membership={i.membership} balance={i.balance} />
                </InCurrency>
              ))}
            </div>
          )
        }
      </QueryBoundary>
    </MemberFrame>
  );
}

