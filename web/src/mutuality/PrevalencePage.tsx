// Financial-statement lines (A1 revenues, B6 goods, B7 services, B9 labour cost) split between members and others,
// and the prevalence test of art. 2512-2513 c.c. they decide: per line and weighted, pass or fail, explained, with
// the warning after one and after two consecutive years below 50%.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { useUrlState } from '../core/search-params.ts';
import { ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import { getPrevalence, getPrevalenceHistory, LINES, listStatementLines, putStatementLines, type Line, type LineFigures, type Prevalence } from './api.ts';
import { CoopFrame, Explanation, Field, Verdict, YearSelect, useLang } from './components.tsx';
import { lastClosedYear, parseDecimal, unitsToInput, yearFrom } from './util.ts';

export function PrevalencePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="prevalence" title={t('mutuality.prevalence.title')} intro={<p>{t('mutuality.prevalence.intro')}</p>}>
      {({ manage }) => <PrevalenceBody coopId={id} manage={manage} />}
    </CoopFrame>
  );
}

export const usePercent = () => {
  const lang = useLang();
  return (p: number) => `${new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(p)}%`;
};

function PrevalenceBody({ coopId, manage }: { coopId: string; manage: boolean }) {
  const [state, setState] = useUrlState({ anno: String(lastClosedYear()) });
  const year = yearFrom(state.anno, lastClosedYear());
  return (
    <>
      <YearSelect id="prevalence-year" value={year} onChange={(y) => setState({ anno: String(y ?? lastClosedYear()) }, { replace: true })} />
      {manage ? <LinesForm coopId={coopId} year={year} /> : null}
      <PrevalenceResult coopId={coopId} year={year} />
      <PrevalenceHistory coopId={coopId} year={year} onYear={(y) => setState({ anno: String(y) })} />
    </>
  );
}

type Draft = Record<Line, { members: string; others: string }>;

function LinesForm({ coopId, year }: { coopId: string; year: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const uid = useId();
  const queryClient = useQueryClient();
  const lines = useQuery({ queryKey: ['statement-lines', coopId], queryFn: () => listStatementLines(coopId) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (ls: LineFigures[]) => putStatementLines(coopId, year, ls),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ['statement-lines', coopId] });
      void queryClient.invalidateQueries({ queryKey: ['prevalence', coopId] });
    },
  });
  // The year's saved lines fill the form whenever the year (or what is saved) changes.
  useEffect(() => {
    if (!lines.data) return;
    const saved = lines.data.items.find((i) => i.year === year)?.lines ?? [];
    const d = {} as Draft;
    for (const l of LINES) {
      const s = saved.find((x) => x.line === l);
      d[l] = { members: s ? unitsToInput(s.membersCents, lang, 2) : '', others: s ? unitsToInput(s.othersCents, lang, 2) : '' };
    }
    setDraft(d);
    setErrors({});
  }, [lines.data, year, lang]);
  useEffect(() => {
    setSaved(false);
    save.reset();
  }, [year]);

  if (!draft) return <QueryBoundary query={lines}>{() => null}</QueryBoundary>;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const out: LineFigures[] = [];
    for (const l of LINES) {
      const { members, others } = draft[l];
      if (members.trim() === '' && others.trim() === '') continue;
      const m = members.trim() === '' ? 0 : parseDecimal(members, lang, 2);
      const o = others.trim() === '' ? 0 : parseDecimal(others, lang, 2);
      if (m === null) errs[`${l}-members`] = t('mutuality.form.moneyInvalid');
      if (o === null) errs[`${l}-others`] = t('mutuality.form.moneyInvalid');
      if (m !== null && o !== null) out.push({ line: l, membersCents: m, othersCents: o });
    }
    setErrors(errs);
    setSaved(false);
    const first = Object.keys(errs)[0];
    if (first) return document.getElementById(`${uid}-${first}`)?.focus();
    save.mutate(out);
  };
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('mutuality.prevalence.linesTitle', { year })}</h2>
      <p className="hint">{t('mutuality.prevalence.linesHint')}</p>
      {LINES.map((l) => (
        <fieldset key={l} className="mut-kinds">
          <legend>{t(`mutuality.line.${l}`)}</legend>
          <div className="mut-grid">
            <Field id={`${uid}-${l}-members`} label={t('mutuality.prevalence.withMembers')} error={errors[`${l}-members`]}>
              {(a) => (
                <input
                  {...a}
                  inputMode="decimal"
                  autoComplete="off"
                  value={draft[l].members}
                  onChange={(e) => setDraft({ ...draft, [l]: { ...draft[l], members: e.target.value } })}
                />
              )}
            </Field>
            <Field id={`${uid}-${l}-others`} label={t('mutuality.prevalence.withOthers')} error={errors[`${l}-others`]}>
              {(a) => (
                <input
                  {...a}
                  inputMode="decimal"
                  autoComplete="off"
                  value={draft[l].others}
                  onChange={(e) => setDraft({ ...draft, [l]: { ...draft[l], others: e.target.value } })}
                />
              )}
            </Field>
          </div>
        </fieldset>
      ))}
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <div className="mut-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('mutuality.common.saving') : t('mutuality.prevalence.save')}
        </button>
        <span role="status">{saved ? t('mutuality.prevalence.saved', { year }) : ''}</span>
      </div>
    </form>
  );
}

export function PrevalenceTable({ p, caption }: { p: Prevalence; caption: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = usePercent();
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mutuality.prevalence.line')}</th>
            <th scope="col" className="num">
              {t('mutuality.prevalence.withMembers')}
            </th>
            <th scope="col" className="num">
              {t('mutuality.prevalence.withOthers')}
            </th>
            <th scope="col" className="num">
              {t('mutuality.prevalence.total')}
            </th>
            <th scope="col" className="num">
              {t('mutuality.prevalence.membersShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.lines.map((l) => (
            <tr key={l.line}>
              <th scope="row">{t(`mutuality.line.${l.line}`)}</th>
              <td className="num">{f.money(l.membersCents)}</td>
              <td className="num">{f.money(l.othersCents)}</td>
              <td className="num">{f.money(l.totalCents)}</td>
              <td className="num">{pct(l.percent)}</td>
            </tr>
          ))}
        </tbody>
        {p.weighted ? (
          <tfoot>
            <tr>
              <th scope="row">{t('mutuality.prevalence.weightedTotal')}</th>
              <td className="num">{f.money(p.membersCents)}</td>
              <td className="num">{f.money(p.totalCents - p.membersCents)}</td>
              <td className="num">{f.money(p.totalCents)}</td>
              <td className="num">{pct(p.percent)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableRegion>
  );
}

export function PrevalenceWarnings({ p }: { p: Prevalence }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      {p.warnings.map((w) => (
        <div key={w.code} className={`alert ${w.code === 'prevalence.lost' ? 'alert-error' : 'alert-info'}`} data-warning={w.code}>
          <p className="alert-title">{w.code === 'prevalence.lost' ? t('mutuality.prevalence.lostTitle') : t('mutuality.prevalence.atRiskTitle')}</p>
          <p>{w.text[lang]}</p>
        </div>
      ))}
    </>
  );
}

function PrevalenceResult({ coopId, year }: { coopId: string; year: number }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const q = useQuery({ queryKey: ['prevalence', coopId, year], queryFn: () => getPrevalence(coopId, year) });
  return (
    <section className="card" aria-labelledby="prevalence-result">
      <h2 id="prevalence-result">{t('mutuality.prevalence.resultTitle', { year })}</h2>
      <QueryBoundary query={q}>
        {(p) => (
          <>
            <p className="mut-verdict-line">
              <Verdict passes={p.passes} />{' '}
              {p.passes !== null ? <strong>{t('mutuality.prevalence.membersPercent', { pct: pct(p.percent) })}</strong> : null}
            </p>
            {p.lines.length > 0 ? <PrevalenceTable p={p} caption={t('mutuality.prevalence.tableCaption', { year })} /> : null}
            <Explanation texts={p.explanation} />
            <PrevalenceWarnings p={p} />
          </>
        )}
      </QueryBoundary>
    </section>
  );
}

function PrevalenceHistory({ coopId, year, onYear }: { coopId: string; year: number; onYear: (y: number) => void }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const q = useQuery({ queryKey: ['prevalence', coopId, 'history'], queryFn: () => getPrevalenceHistory(coopId) });
  return (
    <section className="card" aria-labelledby="prevalence-history">
      <h2 id="prevalence-history">{t('mutuality.prevalence.historyTitle')}</h2>
      <QueryBoundary query={q}>
        {(h) =>
          h.items.length === 0 ? (
            <p className="empty">{t('mutuality.prevalence.historyEmpty')}</p>
          ) : (
            <TableRegion label={t('mutuality.prevalence.historyTitle')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('mutuality.prevalence.historyTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mutuality.common.year')}</th>
                    <th scope="col" className="num">
                      {t('mutuality.prevalence.membersShare')}
                    </th>
                    <th scope="col">{t('mutuality.prevalence.result')}</th>
                    <th scope="col">{t('mutuality.prevalence.notes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...h.items]
                    .sort((a, b) => b.year - a.year)
                    .map((p) => (
                      <tr key={p.year} aria-current={p.year === year ? 'true' : undefined}>
                        <th scope="row">
                          <button type="button" className="btn-link" onClick={() => onYear(p.year)}>
                            {p.year}
                          </button>
                        </th>
                        <td className="num">{p.passes === null ? '—' : pct(p.percent)}</td>
                        <td>
                          <Verdict passes={p.passes} />
                        </td>
                        <td>
                          {p.warnings.map((w) => (
                            <span key={w.code} className="mut-note" data-warning={w.code}>
                              {w.code === 'prevalence.lost' ? t('mutuality.prevalence.lostTitle') : t('mutuality.prevalence.atRiskTitle')}
                            </span>
                          ))}
                          {p.socialCooperative ? <span className="mut-note">{t('mutuality.prevalence.social')}</span> : null}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </TableRegion>
          )
        }
      </QueryBoundary>
    </section>
  );
}
