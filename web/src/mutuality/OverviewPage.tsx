// A co-op's mutuality at a glance, as the year-end checklist a board follows: the year's exchanges, the prevalence
// test, the quality weights, the ristorni run and its state; plus the co-op's rule set and per-member capital cap.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { useUrlState } from '../core/search-params.ts';
import { Detail, fieldErrors, ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import { getPrevalence, getRuleSets, getSettings, getSummary, getWeights, listRuns, putSettings, type RuleSetId } from './api.ts';
import { boardPath, CoopFrame, Field, KindName, RunStatusBadge, Verdict, YearSelect, useLang } from './components.tsx';
import { PrevalenceWarnings, usePercent } from './PrevalencePage.tsx';
import { runPath } from './RunsPage.tsx';
import { formatQuantity, lastClosedYear, parseDecimal, pickText, unitsToInput, yearFrom } from './util.ts';

export function OverviewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="overview" title={t('mutuality.overview.title')} intro={<p>{t('mutuality.overview.intro')}</p>}>
      {({ manage }) => <Overview coopId={id} manage={manage} />}
    </CoopFrame>
  );
}

function Overview({ coopId, manage }: { coopId: string; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const pct = usePercent();
  const [state, setState] = useUrlState({ anno: String(lastClosedYear()) });
  const year = yearFrom(state.anno, lastClosedYear());
  const summary = useQuery({ queryKey: ['exchange-summary', coopId, year], queryFn: () => getSummary(coopId, year) });
  const prevalence = useQuery({ queryKey: ['prevalence', coopId, year], queryFn: () => getPrevalence(coopId, year) });
  const weights = useQuery({ queryKey: ['weights', coopId, year], queryFn: () => getWeights(coopId, year) });
  const runs = useQuery({ queryKey: ['runs', coopId], queryFn: () => listRuns(coopId) });
  const run = runs.data?.items.find((r) => r.year === year);
  const withYear = (section: Parameters<typeof boardPath>[1]) => `${boardPath(coopId, section)}?anno=${year}`;
  return (
    <>
      <YearSelect id="overview-year" value={year} onChange={(y) => setState({ anno: String(y ?? lastClosedYear()) }, { replace: true })} />
      <h2>{t('mutuality.overview.checklist', { year })}</h2>
      <ol className="plain-list mut-checklist">
        <li>
          <section className="card" aria-labelledby="ov-exchanges">
            <h3 id="ov-exchanges">{t('mutuality.overview.exchangesTitle')}</h3>
            <QueryBoundary query={summary}>
              {(s) =>
                s.items.length === 0 ? (
                  <p className="empty">{t('mutuality.overview.noExchanges', { year })}</p>
                ) : (
                  <TableRegion label={t('mutuality.overview.exchangesCaption', { year })}>
                    <table className="data-table compact">
                      <caption className="visually-hidden">{t('mutuality.overview.exchangesCaption', { year })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('mutuality.ledger.col.kind')}</th>
                          <th scope="col" className="num">
                            {t('mutuality.overview.entries')}
                          </th>
                          <th scope="col" className="num">
                            {t('mutuality.overview.members')}
                          </th>
                          <th scope="col" className="num">
                            {t('mutuality.ledger.col.quantity')}
                          </th>
                          <th scope="col" className="num">
                            {t('mutuality.ledger.col.value')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.items.map((i) => (
                          <tr key={i.kind}>
                            <th scope="row">
                              <KindName kind={i.kind} />
                            </th>
                            <td className="num">{f.number(i.entries)}</td>
                            <td className="num">{f.number(i.members)}</td>
                            <td className="num">{i.quantity ? `${formatQuantity(i.quantity, lang)}${i.kind === 'work' ? ` ${t('mutuality.common.hoursShort')}` : ''}` : '—'}</td>
                            <td className="num">{f.money(i.valueCents)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableRegion>
                )
              }
            </QueryBoundary>
            <p className="mut-actions">
              <Link to={withYear('ledger')}>{t('mutuality.overview.toLedger')}</Link>
              {manage ? <Link to={boardPath(coopId, 'import')}>{t('mutuality.overview.toImport')}</Link> : null}
            </p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="ov-prevalence">
            <h3 id="ov-prevalence">{t('mutuality.overview.prevalenceTitle')}</h3>
            <QueryBoundary query={prevalence}>
              {(p) => (
                <>
                  <p>
                    <Verdict passes={p.passes} /> {p.passes !== null ? t('mutuality.prevalence.membersPercent', { pct: pct(p.percent) }) : t('mutuality.overview.noLines')}
                  </p>
                  <PrevalenceWarnings p={p} />
                </>
              )}
            </QueryBoundary>
            <p>
              <Link to={withYear('prevalence')}>{manage ? t('mutuality.overview.toLinesManage') : t('mutuality.overview.toLines')}</Link>
            </p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="ov-weights">
            <h3 id="ov-weights">{t('mutuality.overview.weightsTitle')}</h3>
            <QueryBoundary query={weights}>
              {(w) => <p>{w.items.length === 0 ? t('mutuality.overview.noWeights') : t('mutuality.overview.weights', { count: w.items.length })}</p>}
            </QueryBoundary>
            <p>
              <Link to={withYear('weights')}>{t('mutuality.overview.toWeights')}</Link>
            </p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="ov-ristorni">
            <h3 id="ov-ristorni">{t('mutuality.overview.ristorniTitle')}</h3>
            <QueryBoundary query={runs}>
              {() =>
                run ? (
                  <>
                    <p>
                      <RunStatusBadge status={run.status} /> {run.poolCents !== null ? t('mutuality.overview.pool', { pool: f.money(run.poolCents), count: run.members ?? 0 }) : ''}
                    </p>
                    <p>
                      <Link to={runPath(coopId, run.id)}>{t('mutuality.runs.open', { year })}</Link>
                    </p>
                  </>
                ) : (
                  <>
                    <p>{t('mutuality.overview.noRun', { year })}</p>
                    <p>
                      <Link to={boardPath(coopId, 'ristorni')}>{manage ? t('mutuality.overview.startRun') : t('mutuality.overview.toRuns')}</Link>
                    </p>
                  </>
                )
              }
            </QueryBoundary>
          </section>
        </li>
      </ol>
      <SettingsCard coopId={coopId} manage={manage} />
    </>
  );
}

function SettingsCard({ coopId, manage }: { coopId: string; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const uid = useId();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['mutuality-settings', coopId], queryFn: () => getSettings(coopId) });
  const ruleSets = useQuery({ queryKey: ['rule-sets'], queryFn: getRuleSets, staleTime: Infinity });
  const [ruleSet, setRuleSet] = useState<RuleSetId>('IT');
  const [cap, setCap] = useState('');
  const [local, setLocal] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setRuleSet(settings.data.ruleSet);
    setCap(settings.data.maxMemberCapitalCents === null ? '' : unitsToInput(settings.data.maxMemberCapitalCents, lang, 2));
  }, [settings.data, lang]);
  const save = useMutation({
    mutationFn: (body: { ruleSet: RuleSetId; maxMemberCapitalCents: number | null }) => putSettings(coopId, body),
    onSuccess: (s) => queryClient.setQueryData(['mutuality-settings', coopId], s),
  });
  const current = ruleSets.data?.items.find((r) => r.id === settings.data?.ruleSet);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = cap.trim() === '' ? null : parseDecimal(cap, lang, 2);
    if (cap.trim() !== '' && (v === null || v < 1)) {
      setLocal(t('mutuality.form.moneyInvalid'));
      document.getElementById(`${uid}-cap`)?.focus();
      return;
    }
    setLocal('');
    save.mutate({ ruleSet, maxMemberCapitalCents: v });
  };
  return (
    <section className="card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('mutuality.settings.title')}</h2>
      <QueryBoundary query={settings}>
        {(s) => (
          <dl className="details">
            <Detail term={t('mutuality.settings.ruleSet')}>{current ? pickText(current.name, lang) : s.ruleSet}</Detail>
            <Detail term={t('mutuality.settings.cap')}>{s.effectiveMemberCapCents === null ? t('mutuality.capital.noCap') : f.money(s.effectiveMemberCapCents)}</Detail>
            <Detail term={t('mutuality.settings.minNominal')}>{s.minNominalCents === null ? null : f.money(s.minNominalCents)}</Detail>
          </dl>
        )}
      </QueryBoundary>
      {current ? <p className="hint">{pickText(current.description, lang)}</p> : null}
      {manage && settings.data && ruleSets.data ? (
        <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-form`}>
          <h3 id={`${uid}-form`}>{t('mutuality.settings.change')}</h3>
          <div className="mut-grid">
            <Field id={`${uid}-ruleSet`} label={t('mutuality.settings.ruleSet')} error={fieldErrors(save.error).ruleSet}>
              {(a) => (
                <select {...a} value={ruleSet} onChange={(e) => setRuleSet(e.target.value as RuleSetId)}>
                  {ruleSets.data.items.map((r) => (
                    <option key={r.id} value={r.id}>
                      {pickText(r.name, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${uid}-cap`} label={t('mutuality.settings.capInput')} hint={t('mutuality.settings.capHint')} error={local || fieldErrors(save.error).maxMemberCapitalCents}>
              {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={cap} onChange={(e) => setCap(e.target.value)} />}
            </Field>
          </div>
          {save.error ? <ProblemAlert error={save.error} /> : null}
          <div className="mut-actions">
            <button type="submit" className="btn btn-secondary" disabled={save.isPending}>
              {t('common.save')}
            </button>
            <span role="status">{save.isSuccess ? t('mutuality.settings.saved') : ''}</span>
          </div>
        </form>
      ) : null}
    </section>
  );
}
