// One year's ristorni, step by step: draft (the board's inputs, editable) → computed (ceiling, pools, profit
// allocation and every member's amount, frozen and explained) → approved (the assembly's resolution) → paid
// (capital increases become share-capital movements). Association staff read the figures; only the co-op's
// administrators see each member's allocation.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { Detail, fieldErrors, focusRegion, Pagination, ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import {
  approveRun,
  approvingResolutions,
  computeRun,
  deleteRun,
  getRun,
  listAllocations,
  patchRun,
  payRun,
  reopenRun,
  RUN_STEPS,
  type ApprovalInput,
  type Figures,
  type Run,
} from './api.ts';
import { boardPath, CoopFrame, Explanation, Field, Figures as FigureList, KindName, RunStatusBadge, useLang } from './components.tsx';
import { RunInputsForm } from './RunInputsForm.tsx';
import { runPath } from './RunsPage.tsx';
import { formatBps, formatMilli, todayIso } from './util.ts';

const ALLOC_PAGE = 50;
/** A deduction shown with its sign, but never as "-0,00". */
const negative = (cents: number): number => (cents === 0 ? 0 : -cents);

export function RunPage() {
  const { t } = useTranslation();
  const { id = '', runId = '' } = useParams();
  const run = useQuery({ queryKey: ['run', runId], queryFn: () => getRun(runId) });
  const title = run.data ? t('mutuality.run.title', { year: run.data.year }) : t('mutuality.runs.title');
  return (
    <CoopFrame coopId={id} section="ristorni" title={title}>
      {({ manage }) => <QueryBoundary query={run}>{(r) => <RunBody coopId={id} run={r} manage={manage} />}</QueryBoundary>}
    </CoopFrame>
  );
}

function RunSteps({ status }: { status: Run['status'] }) {
  const { t } = useTranslation();
  const at = RUN_STEPS.indexOf(status);
  return (
    <ol className="mut-steps" aria-label={t('mutuality.run.stepsLabel')}>
      {RUN_STEPS.map((s, i) => (
        <li key={s} className={i < at ? 'is-done' : undefined} aria-current={i === at ? 'step' : undefined}>
          {t(`mutuality.run.step.${s}`)}
          {i < at ? <span className="visually-hidden"> ({t('mutuality.run.stepDone')})</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** Σ weighted exchange as the figures carry it (basis × weight in basis points) back in its unit. */
export function useWeighted() {
  const f = useFormat();
  const lang = useLang();
  return (weighted: string, basis: string) => {
    const w = BigInt(weighted) / 10_000n;
    return basis === 'quantity' ? formatMilli(Number(w), lang) : f.money(Number(w));
  };
}

function RunBody({ coopId, run, manage }: { coopId: string; run: Run; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const onRun = (r: Run) => {
    queryClient.setQueryData(['run', r.id], r);
    void queryClient.invalidateQueries({ queryKey: ['runs', coopId] });
    void queryClient.invalidateQueries({ queryKey: ['allocations', r.id] });
    // The year's entries, lines and weights close (or reopen) with the computation.
    void queryClient.invalidateQueries({ queryKey: ['me'] });
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  const patch = useMutation({ mutationFn: (body: Parameters<typeof patchRun>[1]) => patchRun(run.id, body), onSuccess: (r) => (setEditing(false), onRun(r)) });
  const compute = useMutation({ mutationFn: () => computeRun(run.id), onSuccess: onRun });
  const reopen = useMutation({ mutationFn: () => reopenRun(run.id), onSuccess: onRun });
  const remove = useMutation({
    mutationFn: () => deleteRun(run.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['run', run.id] });
      void queryClient.invalidateQueries({ queryKey: ['runs', coopId] });
      navigate(boardPath(coopId, 'ristorni'));
    },
  });
  const i = run.inputs;
  return (
    <>
      <RunSteps status={run.status} />
      <div ref={statusRef} tabIndex={-1} className="mut-run-status">
        <p>
          <RunStatusBadge status={run.status} /> <span>{t(`mutuality.run.statusText.${run.status}`)}</span>
        </p>
      </div>

      {run.status === 'draft' && manage && editing ? (
        <RunInputsForm
          coopId={coopId}
          initial={{ ...i, year: run.year }}
          title={t('mutuality.run.editTitle')}
          submitLabel={t('mutuality.run.saveInputs')}
          pending={patch.isPending}
          error={patch.error}
          onSubmit={({ year, ...body }) => (void year, patch.mutate({ ...body, poolCents: body.poolCents ?? null }))}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <section className="card" aria-labelledby="run-inputs">
          <h2 id="run-inputs">{t('mutuality.run.inputsTitle')}</h2>
          <dl className="details details-grid">
            <Detail term={t('mutuality.run.surplus')}>{f.money(i.surplusCents)}</Detail>
            <Detail term={t('mutuality.run.taxes')}>{f.money(i.incomeTaxesCents)}</Detail>
            <Detail term={t('mutuality.run.kinds')}>
              {i.kinds.map((k) => `${t(`mutuality.kind.${k.kind}`)} (${k.basis === 'quantity' ? t('mutuality.run.basisQuantity') : t('mutuality.run.basisValue')})`).join(', ')}
            </Detail>
            <Detail term={t('mutuality.run.pool')}>{i.poolCents === null ? t('mutuality.run.poolCeiling') : f.money(i.poolCents)}</Detail>
            <Detail term={t('mutuality.run.forms')}>
              {t('mutuality.run.formsSummary', { cash: formatBps(i.forms.cashBps, f.lang), capital: formatBps(i.forms.capitalBps, f.lang), instruments: formatBps(i.forms.instrumentsBps, f.lang) })}
            </Detail>
            <Detail term={t('mutuality.run.withholdingShort')}>{i.withholding ? t('mutuality.common.yes') : t('mutuality.common.no')}</Detail>
            <Detail term={t('mutuality.run.legalReserve')}>{formatBps(i.legalReserveBps, f.lang)}</Detail>
            <Detail term={t('mutuality.run.dividends')}>{f.money(i.dividendsCents)}</Detail>
          </dl>
          {run.status === 'draft' && manage ? (
            <div className="mut-actions">
              <button type="button" className="btn btn-primary" onClick={() => compute.mutate()} disabled={compute.isPending}>
                {compute.isPending ? t('mutuality.run.computing') : t('mutuality.run.compute')}
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(true)}>
                {t('mutuality.run.edit')}
              </button>
              {confirmDelete ? (
                <>
                  <button type="button" className="btn btn-secondary" onClick={() => remove.mutate()} disabled={remove.isPending}>
                    {t('mutuality.run.deleteConfirm')}
                  </button>
                  <button type="button" className="btn btn-secondary" onClick={() => setConfirmDelete(false)}>
                    {t('common.cancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="btn btn-secondary" onClick={() => setConfirmDelete(true)}>
                  {t('mutuality.run.delete')}
                </button>
              )}
            </div>
          ) : null}
          {run.status === 'draft' ? <p className="hint">{t('mutuality.run.draftHint')}</p> : null}
          {compute.error ? <ProblemAlert error={compute.error} /> : null}
          {remove.error ? <ProblemAlert error={remove.error} /> : null}
        </section>
      )}

      {run.figures ? <FiguresView figures={run.figures} /> : null}
      {run.figures && manage ? <Allocations coopId={coopId} run={run} /> : null}

      {run.status === 'computed' && manage ? (
        <>
          <LinkResolution run={run} onDone={onRun} />
          <ApprovalForm run={run} onDone={onRun} />
          <section className="card" aria-labelledby="run-reopen">
            <h2 id="run-reopen">{t('mutuality.run.reopenTitle')}</h2>
            <p>{t('mutuality.run.reopenHint')}</p>
            <button type="button" className="btn btn-secondary" onClick={() => reopen.mutate()} disabled={reopen.isPending}>
              {t('mutuality.run.reopen')}
            </button>
            {reopen.error ? <ProblemAlert error={reopen.error} /> : null}
          </section>
        </>
      ) : null}
      {run.approval ? <ApprovalView run={run} /> : null}
      {run.status === 'approved' && manage ? <PaymentForm run={run} onDone={onRun} /> : null}
    </>
  );
}

function FiguresView({ figures: g }: { figures: Figures }) {
  const { t } = useTranslation();
  const f = useFormat();
  const weighted = useWeighted();
  return (
    <>
      <section className="card" aria-labelledby="run-figures">
        <h2 id="run-figures">{t('mutuality.run.figuresTitle')}</h2>
        <FigureList
          small
          items={[
            [t('mutuality.run.ceiling'), f.money(g.ceiling.ceilingCents)],
            [t('mutuality.run.poolFinal'), f.money(g.poolCents)],
            [t('mutuality.run.allocated'), f.money(g.allocatedCents)],
            [t('mutuality.run.membersCount'), f.number(g.members)],
          ]}
        />
        <h3>{t('mutuality.run.ceilingTitle')}</h3>
        <Explanation texts={g.ceiling.explanation} />
        <h3>{t('mutuality.run.kindsTitle')}</h3>
        <TableRegion label={t('mutuality.run.kindsTitle')}>
          <table className="data-table compact">
            <caption className="visually-hidden">{t('mutuality.run.kindsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mutuality.run.col.kind')}</th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.members')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.exchange')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.weighted')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.attributable')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.cap')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.ceiling')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.pool')}
                </th>
                <th scope="col" className="num">
                  {t('mutuality.run.col.capped')}
                </th>
              </tr>
            </thead>
            <tbody>
              {g.kinds.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">
                    <KindName kind={k.kind} /> <span className="mut-note">{t(`mutuality.line.${k.line}`)}</span>
                  </th>
                  <td className="num">{f.number(k.members)}</td>
                  <td className="num">{k.basis === 'quantity' ? formatMilli(k.quantityMilli, f.lang) : f.money(k.valueCents)}</td>
                  <td className="num">{weighted(k.weighted, k.basis)}</td>
                  <td className="num">{f.money(k.attributableCents)}</td>
                  <td className="num">{k.capsCents === null ? '—' : f.money(k.capsCents)}</td>
                  <td className="num">{f.money(k.ceilingCents)}</td>
                  <td className="num">{f.money(k.poolCents)}</td>
                  <td className="num">{f.number(k.cappedMembers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {g.kinds.map((k) => (
          <div key={k.kind}>
            <Explanation texts={k.explanation} />
            {k.constraint ? <Explanation texts={k.constraint} /> : null}
          </div>
        ))}
        <h3>{t('mutuality.run.formulaTitle')}</h3>
        <p>{t('mutuality.run.formula')}</p>
        <ul className="mut-explanations">
          {g.kinds.map((k) => {
            const kind = t(`mutuality.kind.${k.kind}`);
            const shared = k.poolCents - k.cappedCents;
            const total = weighted((BigInt(k.weighted) - BigInt(k.cappedWeighted)).toString(), k.basis);
            return (
              <li key={k.kind} className="mut-formula">
                {k.cappedMembers === 0
                  ? t('mutuality.run.formulaKind', { kind, pool: f.money(k.poolCents), total })
                  : shared > 0
                    ? t('mutuality.run.formulaKindCapped', { kind, count: k.cappedMembers, capped: f.money(k.cappedCents), pool: f.money(shared), total })
                    : t('mutuality.run.formulaKindAllCapped', { kind, count: k.cappedMembers, capped: f.money(k.cappedCents) })}
              </li>
            );
          })}
        </ul>
        <h3>{t('mutuality.run.formsTitle')}</h3>
        <FigureList
          small
          items={[
            [t('mutuality.run.cash'), f.money(g.forms.cashCents)],
            [t('mutuality.run.capital'), `${f.money(g.forms.capitalCents)} (${t('mutuality.common.shares', { count: g.forms.capitalShares, n: f.number(g.forms.capitalShares) })})`],
            [t('mutuality.run.instruments'), f.money(g.forms.instrumentsCents)],
            [t('mutuality.run.withholdingAmount'), f.money(g.forms.withholdingCents)],
          ]}
        />
      </section>
      <section className="card" aria-labelledby="run-profit">
        <h2 id="run-profit">{t('mutuality.run.profitTitle')}</h2>
        <TableRegion label={t('mutuality.run.profitTitle')}>
          <table className="data-table compact">
            <caption className="visually-hidden">{t('mutuality.run.profitTitle')}</caption>
            <tbody>
              {(
                [
                  ['surplus', g.profit.surplusCents],
                  ['ristorni', negative(g.profit.ristorniCents)],
                  ['taxes', negative(g.profit.incomeTaxesCents)],
                  ['netProfit', g.profit.netProfitCents],
                  ['legalReserve', g.profit.legalReserveCents],
                  ['mutualFunds', g.profit.mutualFundsCents],
                  ['dividends', g.profit.dividendsCents],
                  ['reserve', g.profit.reserveCents],
                ] as const
              ).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{t(`mutuality.run.profit.${k}`)}</th>
                  <td className="num">{f.money(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <Explanation texts={g.profitExplanation} />
      </section>
      {g.warnings.length > 0 ? (
        <div className="alert alert-info">
          <p className="alert-title">{t('mutuality.run.warnings')}</p>
          <ul>
            {g.warnings.map((w) => (
              <li key={w.code}>{w.text[f.lang]}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Explanation texts={g.explanation} />
    </>
  );
}

function Allocations({ coopId, run }: { coopId: string; run: Run }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const ref = useRef<HTMLDivElement>(null);
  const q = useQuery({
    queryKey: ['allocations', run.id, run.status, page],
    queryFn: ({ signal }) => listAllocations(run.id, page, ALLOC_PAGE, signal),
    placeholderData: keepPreviousData,
  });
  const kinds = run.figures?.kinds.map((k) => k.kind) ?? [];
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / ALLOC_PAGE)) : 1;
  return (
    <section className="card" aria-labelledby="run-allocations">
      <h2 id="run-allocations">{t('mutuality.run.allocationsTitle')}</h2>
      <p className="hint">{t('mutuality.run.allocationsHint')}</p>
      <QueryBoundary query={q}>
        {(a) => (
          <TableRegion label={t('mutuality.run.allocationsTitle')} busy={q.isFetching} regionRef={ref}>
            <table className="data-table compact mut-allocations">
              <caption className="visually-hidden">{t('mutuality.run.allocationsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('mutuality.run.col.number')}
                  </th>
                  <th scope="col">{t('mutuality.run.col.member')}</th>
                  {kinds.length > 1
                    ? kinds.map((k) => (
                        <th scope="col" className="num" key={k}>
                          <KindName kind={k} />
                        </th>
                      ))
                    : null}
                  <th scope="col" className="num">
                    {t('mutuality.run.col.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('mutuality.run.cash')}
                  </th>
                  <th scope="col" className="num">
                    {t('mutuality.run.capital')}
                  </th>
                  <th scope="col" className="num">
                    {t('mutuality.run.instruments')}
                  </th>
                  <th scope="col" className="num">
                    {t('mutuality.run.withholdingAmount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.items.map((m) => (
                  <tr key={m.membershipId}>
                    <td className="num">{m.registerNumber}</td>
                    <th scope="row">
                      <Link to={`${runPath(coopId, run.id)}/soci/${encodeURIComponent(m.membershipId)}`}>{m.name}</Link>
                    </th>
                    {kinds.length > 1
                      ? kinds.map((k) => (
                          <td className="num" key={k}>
                            {f.money(m.kinds.find((x) => x.kind === k)?.amountCents ?? 0)}
                          </td>
                        ))
                      : null}
                    <td className="num">{f.money(m.amountCents)}</td>
                    <td className="num">{f.money(m.cashCents)}</td>
                    <td className="num">
                      {f.money(m.capitalCents)}
                      {m.capitalShares ? <span className="mut-note">{t('mutuality.common.shares', { count: m.capitalShares, n: f.number(m.capitalShares) })}</span> : null}
                    </td>
                    <td className="num">{f.money(m.instrumentsCents)}</td>
                    <td className="num">{f.money(m.withholdingCents)}</td>
                  </tr>
                ))}
              </tbody>
              {run.figures ? (
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2 + (kinds.length > 1 ? kinds.length : 0)}>
                      {t('mutuality.run.allocationsTotal', { count: run.figures.members, n: f.number(run.figures.members) })}
                    </th>
                    <td className="num">{f.money(run.figures.allocatedCents)}</td>
                    <td className="num">{f.money(run.figures.forms.cashCents)}</td>
                    <td className="num">{f.money(run.figures.forms.capitalCents)}</td>
                    <td className="num">{f.money(run.figures.forms.instrumentsCents)}</td>
                    <td className="num">{f.money(run.figures.forms.withholdingCents)}</td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </TableRegion>
        )}
      </QueryBoundary>
      <Pagination
        page={page}
        pageCount={pages}
        onPage={(p) => {
          setPage(p);
          focusRegion(ref.current);
        }}
        label={t('mutuality.run.allocationsPaging')}
      />
    </section>
  );
}

/** The resolutions the co-op's general assemblies passed on the platform after the year end: one click links one. */
function LinkResolution({ run, onDone }: { run: Run; onDone: (r: Run) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const uid = useId();
  const list = useQuery({ queryKey: ['mutuality', 'run', run.id, 'resolutions'], queryFn: () => approvingResolutions(run.id) });
  const [chosen, setChosen] = useState('');
  const save = useMutation({ mutationFn: (id: string) => approveRun(run.id, { governanceResolutionId: id }), onSuccess: onDone });
  const items = list.data?.items ?? [];
  if (list.isPending || items.length === 0) return null;
  return (
    <form
      className="card form"
      noValidate
      aria-labelledby={`${uid}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) save.mutate(chosen);
      }}
    >
      <h2 id={`${uid}-title`}>{t('mutuality.approval.linkTitle')}</h2>
      <p className="hint">{t('mutuality.approval.linkHint', { year: run.year })}</p>
      <fieldset>
        <legend className="visually-hidden">{t('mutuality.approval.linkTitle')}</legend>
        {items.map((r) => (
          <label key={r.itemId} className="mut-choice">
            <input type="radio" name={`${uid}-resolution`} value={r.itemId} checked={chosen === r.itemId} onChange={() => setChosen(r.itemId)} />
            <span>
              <strong>{r.itemTitle}</strong> — {r.assemblyTitle}, {f.date(r.heldOn)}{' '}
              ({t('mutuality.approval.votesSummary', { for: f.number(r.votesFor), against: f.number(r.votesAgainst), abstained: f.number(r.votesAbstained) })})
            </span>
          </label>
        ))}
      </fieldset>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={!chosen || save.isPending}>
        {save.isPending ? t('mutuality.common.saving') : t('mutuality.approval.linkSubmit')}
      </button>
    </form>
  );
}

function ApprovalForm({ run, onDone }: { run: Run; onDone: (r: Run) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  type Kind = 'ordinaria' | 'straordinaria';
  const [d, setD] = useState({ assemblyDate: '', assemblyKind: 'ordinaria' as Kind, votesFor: '', votesAgainst: '0', votesAbstained: '0', resolutionText: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({ mutationFn: (body: ApprovalInput) => approveRun(run.id, body), onSuccess: onDone });
  const server = fieldErrors(save.error);
  const err = (k: string) => local[k] ?? server[k];
  const set = (patch: Partial<typeof d>) => setD((cur) => ({ ...cur, ...patch }));
  const count = (s: string): number | null => (/^\s*\d{1,8}\s*$/.test(s) ? Number(s) : null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!d.assemblyDate) errs.assemblyDate = t('mutuality.approval.dateRequired');
    const votesFor = count(d.votesFor);
    const votesAgainst = count(d.votesAgainst);
    const votesAbstained = count(d.votesAbstained);
    if (votesFor === null) errs.votesFor = t('mutuality.approval.votesInvalid');
    if (votesAgainst === null) errs.votesAgainst = t('mutuality.approval.votesInvalid');
    if (votesAbstained === null) errs.votesAbstained = t('mutuality.approval.votesInvalid');
    if (!d.resolutionText.trim()) errs.resolutionText = t('mutuality.approval.textRequired');
    setLocal(errs);
    const first = ['assemblyDate', 'votesFor', 'votesAgainst', 'votesAbstained', 'resolutionText'].find((k) => errs[k]);
    if (first || votesFor === null || votesAgainst === null || votesAbstained === null) {
      if (first) document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    save.mutate({ assemblyDate: d.assemblyDate, assemblyKind: d.assemblyKind, votesFor, votesAgainst, votesAbstained, resolutionText: d.resolutionText.trim() });
  };
  const votes = (key: 'votesFor' | 'votesAgainst' | 'votesAbstained') => (
    <Field id={`${uid}-${key}`} label={t(`mutuality.approval.${key}`)} error={err(key)}>
      {(a) => <input {...a} inputMode="numeric" autoComplete="off" value={d[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('mutuality.approval.title')}</h2>
      <p className="hint">{t('mutuality.approval.hint', { year: run.year })}</p>
      <div className="mut-grid">
        <Field id={`${uid}-assemblyDate`} label={t('mutuality.approval.date')} error={err('assemblyDate')}>
          {(a) => <input {...a} type="date" min={`${run.year + 1}-01-01`} max={todayIso()} value={d.assemblyDate} onChange={(e) => set({ assemblyDate: e.target.value })} />}
        </Field>
        <Field id={`${uid}-assemblyKind`} label={t('mutuality.approval.kind')} error={err('assemblyKind')}>
          {(a) => (
            <select {...a} value={d.assemblyKind} onChange={(e) => set({ assemblyKind: e.target.value as Kind })}>
              <option value="ordinaria">{t('mutuality.approval.ordinaria')}</option>
              <option value="straordinaria">{t('mutuality.approval.straordinaria')}</option>
            </select>
          )}
        </Field>
        {votes('votesFor')}
        {votes('votesAgainst')}
        {votes('votesAbstained')}
        <div className="field wide">
          <label htmlFor={`${uid}-resolutionText`}>{t('mutuality.approval.text')}</label>
          <textarea
            id={`${uid}-resolutionText`}
            className="mut-textarea"
            maxLength={5000}
            value={d.resolutionText}
            onChange={(e) => set({ resolutionText: e.target.value })}
            aria-invalid={err('resolutionText') ? true : undefined}
            aria-describedby={err('resolutionText') ? `${uid}-resolutionText-error` : undefined}
          />
          {err('resolutionText') ? (
            <p id={`${uid}-resolutionText-error`} className="field-error">
              {err('resolutionText')}
            </p>
          ) : null}
        </div>
      </div>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {save.isPending ? t('mutuality.common.saving') : t('mutuality.approval.submit')}
      </button>
    </form>
  );
}

function ApprovalView({ run }: { run: Run }) {
  const { t } = useTranslation();
  const f = useFormat();
  const a = run.approval;
  if (!a) return null;
  return (
    <section className="card" aria-labelledby="run-approval">
      <h2 id="run-approval">{t('mutuality.approval.recordedTitle')}</h2>
      <dl className="details">
        <Detail term={t('mutuality.approval.date')}>{f.date(a.assemblyDate)}</Detail>
        <Detail term={t('mutuality.approval.kind')}>{t(`mutuality.approval.${a.assemblyKind}`, { defaultValue: a.assemblyKind })}</Detail>
        <Detail term={t('mutuality.approval.votes')}>
          {t('mutuality.approval.votesSummary', { for: f.number(a.votesFor), against: f.number(a.votesAgainst), abstained: f.number(a.votesAbstained) })}
        </Detail>
        <Detail term={t('mutuality.approval.text')}>{a.resolutionText}</Detail>
        {a.governanceResolutionId ? <Detail term={t('mutuality.approval.source')}>{t('mutuality.approval.linked')}</Detail> : null}
        {run.paidOn ? <Detail term={t('mutuality.payment.paidOn')}>{f.date(run.paidOn)}</Detail> : null}
      </dl>
    </section>
  );
}

function PaymentForm({ run, onDone }: { run: Run; onDone: (r: Run) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [paidOn, setPaidOn] = useState('');
  const [local, setLocal] = useState('');
  const save = useMutation({ mutationFn: (d: string) => payRun(run.id, d), onSuccess: onDone });
  useEffect(() => setLocal(''), [paidOn]);
  const error = local || fieldErrors(save.error).paidOn;
  return (
    <form
      className="card form"
      noValidate
      aria-labelledby={`${uid}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!paidOn) {
          setLocal(t('mutuality.payment.dateRequired'));
          document.getElementById(`${uid}-paidOn`)?.focus();
          return;
        }
        save.mutate(paidOn);
      }}
    >
      <h2 id={`${uid}-title`}>{t('mutuality.payment.title')}</h2>
      <p className="hint">{t('mutuality.payment.hint')}</p>
      <Field id={`${uid}-paidOn`} label={t('mutuality.payment.paidOn')} error={error}>
        {(a) => <input {...a} type="date" min={run.approval?.assemblyDate} max={todayIso()} value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />}
      </Field>
      {save.error && !fieldErrors(save.error).paidOn ? <ProblemAlert error={save.error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {save.isPending ? t('mutuality.common.saving') : t('mutuality.payment.submit')}
      </button>
    </form>
  );
}
