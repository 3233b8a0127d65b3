// The share-capital ledger of a co-op: balances by member with the totals, movements (subscription, payment in
// instalments, transfer, redemption on exit; capitalised ristorni arrive when a run is paid), opening balances
// from the register, and the reconciliation with the registry's yearly figures. Plus one member's movements.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { pageFrom, useUrlState } from '../core/search-params.ts';
import { fieldErrors, focusRegion, Pagination, ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import { certificatePdfUrl, getMembershipCapital, getReconciliation, getSettings, listCapital, openingBalances, recordMovement, type MovementInput, type MovementInputKind } from './api.ts';
import { boardPath, CoopFrame, Explanation, Field, MemberPicker, PdfLink, YearSelect, useLang } from './components.tsx';
import { BalanceFigures, MovementsTable } from './MemberPages.tsx';
import { lastClosedYear, parseDecimal, todayIso, yearFrom } from './util.ts';

const PAGE_SIZE = 50;

export function CapitalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="capital" title={t('mutuality.capital.title')} intro={<p>{t('mutuality.capital.intro')}</p>}>
      {({ manage }) => <Capital coopId={id} manage={manage} />}
    </CoopFrame>
  );
}

function Capital({ coopId, manage }: { coopId: string; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useUrlState({ pagina: '1', anno: String(lastClosedYear()) });
  const page = pageFrom(state.pagina);
  const list = useQuery({ queryKey: ['share-capital-list', coopId, page], queryFn: ({ signal }) => listCapital(coopId, page, PAGE_SIZE, signal), placeholderData: keepPreviousData });
  const settings = useQuery({ queryKey: ['mutuality-settings', coopId], queryFn: () => getSettings(coopId) });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      {settings.data ? (
        <p className="hint">
          {t('mutuality.capital.rules', {
            cap: settings.data.effectiveMemberCapCents === null ? t('mutuality.capital.noCap') : f.money(settings.data.effectiveMemberCapCents),
            nominal: settings.data.minNominalCents === null ? '—' : f.money(settings.data.minNominalCents),
          })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="capital-balances">
        <h2 id="capital-balances">{t('mutuality.capital.balancesTitle')}</h2>
        <QueryBoundary query={list}>
          {(l) => (
            <>
              <BalanceFigures balance={l.totals} />
              {l.items.length === 0 ? (
                <p className="empty">{t('mutuality.capital.emptyLedger')}</p>
              ) : (
                <TableRegion label={t('mutuality.capital.balancesTitle')} busy={list.isFetching} regionRef={ref}>
                  <table className="data-table compact">
                    <caption className="visually-hidden">{t('mutuality.capital.balancesTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          {t('mutuality.run.col.number')}
                        </th>
                        <th scope="col">{t('mutuality.run.col.member')}</th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.shares')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.subscribed')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.paid')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.ristorni')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.movementsCount')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {l.items.map((r) => (
                        <tr key={r.membershipId} className={r.exitOn ? 'is-exited' : undefined}>
                          <td className="num">{r.registerNumber}</td>
                          <th scope="row">
                            <Link to={`${boardPath(coopId, 'capital')}/${encodeURIComponent(r.membershipId)}`}>{r.name}</Link>
                            {r.exitOn ? <span className="mut-note">{t('mutuality.capital.exitedOn', { date: f.date(r.exitOn) })}</span> : null}
                          </th>
                          <td className="num">{f.number(r.shares)}</td>
                          <td className="num">{f.money(r.subscribedCents)}</td>
                          <td className="num">{f.money(r.paidCents)}</td>
                          <td className="num">{f.money(r.ristorniCents)}</td>
                          <td className="num">{f.number(r.movements)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              )}
            </>
          )}
        </QueryBoundary>
        <Pagination
          page={page}
          pageCount={pages}
          onPage={(p) => {
            setState({ pagina: String(p) });
            focusRegion(ref.current);
          }}
          label={t('mutuality.capital.paging')}
        />
      </section>
      {manage ? <MovementForm coopId={coopId} /> : null}
      {manage ? <OpeningForm coopId={coopId} /> : null}
      <ReconciliationView coopId={coopId} year={yearFrom(state.anno, lastClosedYear())} onYear={(y) => setState({ anno: String(y) }, { replace: true })} />
    </>
  );
}

interface MovementDraft {
  kind: MovementInputKind;
  membershipId: string;
  toMembershipId: string;
  occurredOn: string;
  shares: string;
  amount: string;
  paid: string;
  refund: string;
  note: string;
}

function MovementForm({ coopId }: { coopId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const uid = useId();
  const queryClient = useQueryClient();
  const [d, setD] = useState<MovementDraft>({ kind: 'subscription', membershipId: '', toMembershipId: '', occurredOn: '', shares: '', amount: '', paid: '', refund: '', note: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: (body: MovementInput) => recordMovement(coopId, body),
    onSuccess: (res) => {
      setDone(t('mutuality.capital.recorded', { shares: f.number(res.balance.shares), subscribed: f.money(res.balance.subscribedCents), paid: f.money(res.balance.paidCents) }));
      void queryClient.invalidateQueries({ queryKey: ['share-capital-list', coopId] });
      void queryClient.invalidateQueries({ queryKey: ['share-capital'] });
      void queryClient.invalidateQueries({ queryKey: ['reconciliation', coopId] });
    },
  });
  const server = fieldErrors(save.error);
  const err = (k: string) => local[k] ?? server[k];
  const set = (patch: Partial<MovementDraft>) => {
    setDone('');
    setD((cur) => ({ ...cur, ...patch }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!d.membershipId) errs.membershipId = t('mutuality.entry.memberRequired');
    if (!d.occurredOn) errs.occurredOn = t('mutuality.entry.dateRequired');
    const body: MovementInput = { kind: d.kind, membershipId: d.membershipId, occurredOn: d.occurredOn, note: d.note.trim() || null };
    if (d.kind === 'subscription' || d.kind === 'transfer') {
      if (!/^\s*\d{1,8}\s*$/.test(d.shares) || Number(d.shares) < 1) errs.shares = t('mutuality.capital.sharesInvalid');
      else body.shares = Number(d.shares);
    }
    if (d.kind === 'payment') {
      const v = parseDecimal(d.amount, lang, 2);
      if (v === null || v < 1) errs.amountCents = t('mutuality.form.moneyInvalid');
      else body.amountCents = v;
    }
    if (d.kind === 'transfer') {
      if (!d.toMembershipId) errs.toMembershipId = t('mutuality.entry.memberRequired');
      else body.toMembershipId = d.toMembershipId;
      if (d.paid.trim()) {
        const v = parseDecimal(d.paid, lang, 2);
        if (v === null) errs.paidCents = t('mutuality.form.moneyInvalid');
        else body.paidCents = v;
      }
    }
    if (d.kind === 'redemption' && d.refund.trim()) {
      const v = parseDecimal(d.refund, lang, 2);
      if (v === null) errs.refundCents = t('mutuality.form.moneyInvalid');
      else body.refundCents = v;
    }
    setLocal(errs);
    const first = ['membershipId', 'occurredOn', 'shares', 'amountCents', 'toMembershipId', 'paidCents', 'refundCents'].find((k) => errs[k]);
    if (first) return document.getElementById(`${uid}-${first}`)?.focus();
    save.mutate(body);
  };
  const money = (key: 'amount' | 'paid' | 'refund', apiKey: string, label: string, hint?: string) => (
    <Field id={`${uid}-${apiKey}`} label={label} hint={hint} error={err(apiKey)}>
      {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={d[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('mutuality.capital.movementTitle')}</h2>
      <fieldset className="radio-group">
        <legend>{t('mutuality.capital.movementKind')}</legend>
        {(['subscription', 'payment', 'transfer', 'redemption'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={`${uid}-kind`} value={k} checked={d.kind === k} onChange={() => set({ kind: k })} /> {t(`mutuality.movementInput.${k}`)}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t(`mutuality.movementInput.${d.kind}Hint`)}</p>
      <MemberPicker
        coopId={coopId}
        value={d.membershipId}
        onChange={(v) => set({ membershipId: v })}
        label={d.kind === 'transfer' ? t('mutuality.capital.fromMember') : t('mutuality.entry.member')}
        error={err('membershipId')}
        selectId={`${uid}-membershipId`}
      />
      {d.kind === 'transfer' ? (
        <MemberPicker coopId={coopId} value={d.toMembershipId} onChange={(v) => set({ toMembershipId: v })} label={t('mutuality.capital.toMember')} error={err('toMembershipId')} selectId={`${uid}-toMembershipId`} />
      ) : null}
      <div className="mut-grid">
        <Field id={`${uid}-occurredOn`} label={t('mutuality.capital.date')} error={err('occurredOn')}>
          {(a) => <input {...a} type="date" max={todayIso()} value={d.occurredOn} onChange={(e) => set({ occurredOn: e.target.value })} />}
        </Field>
        {d.kind === 'subscription' || d.kind === 'transfer' ? (
          <Field id={`${uid}-shares`} label={t('mutuality.capital.sharesCount')} error={err('shares')}>
            {(a) => <input {...a} inputMode="numeric" autoComplete="off" value={d.shares} onChange={(e) => set({ shares: e.target.value })} />}
          </Field>
        ) : null}
        {d.kind === 'payment' ? money('amount', 'amountCents', t('mutuality.capital.amount')) : null}
        {d.kind === 'transfer' ? money('paid', 'paidCents', t('mutuality.capital.transferPaid'), t('mutuality.capital.transferPaidHint')) : null}
        {d.kind === 'redemption' ? money('refund', 'refundCents', t('mutuality.capital.refund'), t('mutuality.capital.refundHint')) : null}
        <Field id={`${uid}-note`} label={t('mutuality.capital.note')} className="wide" error={err('note')}>
          {(a) => <input {...a} maxLength={500} value={d.note} onChange={(e) => set({ note: e.target.value })} />}
        </Field>
      </div>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <div className="mut-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('mutuality.common.saving') : t('mutuality.capital.record')}
        </button>
        <span role="status">{done}</span>
      </div>
    </form>
  );
}

function OpeningForm({ coopId }: { coopId: string }) {
  const { t } = useTranslation();
  const uid = useId();
  const queryClient = useQueryClient();
  const [date, setDate] = useState('');
  const [local, setLocal] = useState('');
  const run = useMutation({
    mutationFn: (d: string) => openingBalances(coopId, d),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['share-capital-list', coopId] });
      void queryClient.invalidateQueries({ queryKey: ['reconciliation', coopId] });
    },
  });
  return (
    <form
      className="card form"
      noValidate
      aria-labelledby={`${uid}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!date) {
          setLocal(t('mutuality.entry.dateRequired'));
          document.getElementById(`${uid}-date`)?.focus();
          return;
        }
        setLocal('');
        run.mutate(date);
      }}
    >
      <h2 id={`${uid}-title`}>{t('mutuality.capital.openingTitle')}</h2>
      <p className="hint">{t('mutuality.capital.openingHint')}</p>
      <Field id={`${uid}-date`} label={t('mutuality.capital.openingDate')} error={local || fieldErrors(run.error).occurredOn}>
        {(a) => <input {...a} type="date" max={todayIso()} value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      {run.error && !fieldErrors(run.error).occurredOn ? <ProblemAlert error={run.error} /> : null}
      <div className="mut-actions">
        <button type="submit" className="btn btn-secondary" disabled={run.isPending}>
          {t('mutuality.capital.openingSubmit')}
        </button>
        <span role="status">{run.data ? t('mutuality.capital.openingDone', { count: run.data.created }) : ''}</span>
      </div>
    </form>
  );
}

function ReconciliationView({ coopId, year, onYear }: { coopId: string; year: number; onYear: (y: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['reconciliation', coopId, year], queryFn: () => getReconciliation(coopId, year) });
  return (
    <section className="card" aria-labelledby="capital-reconciliation">
      <h2 id="capital-reconciliation">{t('mutuality.capital.reconciliationTitle')}</h2>
      <YearSelect id="reconciliation-year" value={year} onChange={(y) => onYear(y ?? lastClosedYear())} />
      <QueryBoundary query={q}>
        {(r) => (
          <>
            <p>
              <span className={`status mut-verdict mut-verdict-${r.consistent ? 'pass' : 'fail'}`}>
                {r.consistent ? t('mutuality.capital.consistent') : t('mutuality.capital.inconsistent')}
              </span>
            </p>
            <TableRegion label={t('mutuality.capital.reconciliationTitle')}>
              <table className="data-table compact">
                <caption className="visually-hidden">{t('mutuality.capital.reconciliationTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mutuality.capital.source')}</th>
                    <th scope="col" className="num">
                      {t('mutuality.capital.shares')}
                    </th>
                    <th scope="col" className="num">
                      {t('mutuality.capital.subscribed')}
                    </th>
                    <th scope="col" className="num">
                      {t('mutuality.capital.paid')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('mutuality.capital.ledgerAtYearEnd', { year: r.year })}</th>
                    <td className="num">{f.number(r.ledgerAtYearEnd.shares)}</td>
                    <td className="num">{f.money(r.ledgerAtYearEnd.subscribedCents)}</td>
                    <td className="num">{f.money(r.ledgerAtYearEnd.paidCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('mutuality.capital.registryFigures', { year: r.year })}</th>
                    <td className="num">—</td>
                    <td className="num">{r.registryFigures ? f.money(r.registryFigures.subscribedCents) : t('mutuality.capital.notDeclared')}</td>
                    <td className="num">{r.registryFigures ? f.money(r.registryFigures.paidCents) : t('mutuality.capital.notDeclared')}</td>
                  </tr>
                  {r.yearEndDifference ? (
                    <tr>
                      <th scope="row">{t('mutuality.capital.difference')}</th>
                      <td className="num">—</td>
                      <td className="num">{f.money(r.yearEndDifference.subscribedCents)}</td>
                      <td className="num">{f.money(r.yearEndDifference.paidCents)}</td>
                    </tr>
                  ) : null}
                  <tr>
                    <th scope="row">{t('mutuality.capital.ledgerNow')}</th>
                    <td className="num">{f.number(r.ledgerNow.shares)}</td>
                    <td className="num">{f.money(r.ledgerNow.subscribedCents)}</td>
                    <td className="num">{f.money(r.ledgerNow.paidCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('mutuality.capital.registerNow')}</th>
                    <td className="num">{f.number(r.registerNow.shares)}</td>
                    <td className="num">{f.money(r.registerNow.subscribedCents)}</td>
                    <td className="num">{f.money(r.registerNow.paidCents)}</td>
                  </tr>
                </tbody>
              </table>
            </TableRegion>
            <Explanation texts={r.explanation} />
            {r.mismatches.count > 0 ? (
              <>
                <h3>{t('mutuality.capital.mismatches', { count: r.mismatches.count, n: f.number(r.mismatches.count) })}</h3>
                <TableRegion label={t('mutuality.capital.mismatchesCaption')}>
                  <table className="data-table compact">
                    <caption className="visually-hidden">{t('mutuality.capital.mismatchesCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          {t('mutuality.run.col.number')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.ledgerShares')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.registerShares')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.ledgerSubscribed')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.registerSubscribed')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.ledgerPaid')}
                        </th>
                        <th scope="col" className="num">
                          {t('mutuality.capital.registerPaid')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.mismatches.items.map((m) => (
                        <tr key={m.membershipId}>
                          <th scope="row" className="num">
                            <Link to={`${boardPath(coopId, 'capital')}/${encodeURIComponent(m.membershipId)}`}>{m.registerNumber}</Link>
                          </th>
                          <td className="num">{f.number(m.ledger.shares)}</td>
                          <td className="num">{f.number(m.register.shares)}</td>
                          <td className="num">{f.money(m.ledger.subscribedCents)}</td>
                          <td className="num">{f.money(m.register.subscribedCents)}</td>
                          <td className="num">{f.money(m.ledger.paidCents)}</td>
                          <td className="num">{f.money(m.register.paidCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              </>
            ) : null}
          </>
        )}
      </QueryBoundary>
    </section>
  );
}

/** One member's share capital, for the co-op's board: balance, movements and the certificate. */
export function CapitalMemberPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '', membershipId = '' } = useParams();
  const q = useQuery({ queryKey: ['share-capital', membershipId], queryFn: () => getMembershipCapital(membershipId) });
  return (
    <CoopFrame coopId={id} section="capital" title={q.data ? t('mutuality.capital.memberTitle', { name: q.data.membership.name }) : t('mutuality.capital.title')}>
      {({ manage }) => (
        <QueryBoundary query={q}>
          {(c) => (
            <section className="card" aria-labelledby="capital-member">
              <h2 id="capital-member">{t('mutuality.capital.memberHeading', { n: c.membership.registerNumber, name: c.membership.name })}</h2>
              <BalanceFigures balance={c.balance} nominalCents={c.membership.shareNominalCents} />
              {manage ? (
                <p className="mut-actions">
                  <PdfLink href={certificatePdfUrl(c.membership.id, lang)}>{t('mutuality.capital.certificate')}</PdfLink>
                </p>
              ) : null}
              <h3>{t('mutuality.capital.movements')}</h3>
              <MovementsTable membershipId={membershipId} caption={t('mutuality.capital.movementsOf', { coop: c.membership.name })} />
              <p>
                <Link to={boardPath(id, 'capital')}>{t('mutuality.capital.back')}</Link>
              </p>
            </section>
          )}
        </QueryBoundary>
      )}
    </CoopFrame>
  );
}

