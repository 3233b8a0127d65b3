// The board's quality weights for a year: per kind of exchange, and per grade within a kind (e.g. grapes of grade
// A count 1.2, grade C 0.8). A missing weight counts 1; an empty grade is the kind's default weight.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useUrlState } from '../core/search-params.ts';
import { ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import { getWeights, KINDS, putWeights, type Kind, type Weight } from './api.ts';
import { CoopFrame, KindName, YearSelect, useLang } from './components.tsx';
import { formatFactor, lastClosedYear, parseDecimal, unitsToInput, yearFrom } from './util.ts';

export function WeightsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="weights" title={t('mutuality.weights.title')} intro={<p>{t('mutuality.weights.intro')}</p>}>
      {({ manage }) => <WeightsBody coopId={id} manage={manage} />}
    </CoopFrame>
  );
}

function WeightsBody({ coopId, manage }: { coopId: string; manage: boolean }) {
  const [state, setState] = useUrlState({ anno: String(lastClosedYear()) });
  const year = yearFrom(state.anno, lastClosedYear());
  const q = useQuery({ queryKey: ['weights', coopId, year], queryFn: () => getWeights(coopId, year) });
  return (
    <>
      <YearSelect id="weights-year" value={year} onChange={(y) => setState({ anno: String(y ?? lastClosedYear()) }, { replace: true })} />
      <QueryBoundary query={q}>{(w) => (manage ? <WeightsForm coopId={coopId} year={year} saved={w.items} /> : <WeightsTable items={w.items} year={year} />)}</QueryBoundary>
    </>
  );
}

function WeightsTable({ items, year }: { items: Weight[]; year: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (items.length === 0) return <p className="empty">{t('mutuality.weights.none', { year })}</p>;
  return (
    <TableRegion label={t('mutuality.weights.tableCaption', { year })}>
      <table className="data-table">
        <caption className="visually-hidden">{t('mutuality.weights.tableCaption', { year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mutuality.weights.kind')}</th>
            <th scope="col">{t('mutuality.weights.grade')}</th>
            <th scope="col" className="num">
              {t('mutuality.weights.weight')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <tr key={`${w.kind}|${w.grade}`}>
              <td>
                <KindName kind={w.kind} />
              </td>
              <td>{w.grade || t('mutuality.weights.defaultGrade')}</td>
              <td className="num">{formatFactor(w.weightBps, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

interface Row {
  key: number;
  kind: Kind;
  grade: string;
  weight: string;
}

function WeightsForm({ coopId, year, saved }: { coopId: string; year: number; saved: Weight[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const uid = useId();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState(0);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [done, setDone] = useState(false);
  useEffect(() => {
    setRows(saved.map((w, i) => ({ key: i, kind: w.kind, grade: w.grade, weight: unitsToInput(w.weightBps, lang, 4, { trim: true }) })));
    setNext(saved.length);
    setErrors({});
  }, [saved, lang]);
  const save = useMutation({
    mutationFn: (items: Weight[]) => putWeights(coopId, year, items),
    onSuccess: (res) => {
      setDone(true);
      queryClient.setQueryData(['weights', coopId, year], res);
    },
  });
  const update = (key: number, patch: Partial<Row>) => {
    setDone(false);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const add = () => {
    setRows((rs) => [...rs, { key: next, kind: 'delivery', grade: '', weight: '' }]);
    const k = next;
    setNext(next + 1);
    requestAnimationFrame(() => document.getElementById(`${uid}-${k}-kind`)?.focus());
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<number, string> = {};
    const items: Weight[] = [];
    for (const r of rows) {
      const bps = parseDecimal(r.weight, lang, 4);
      if (bps === null) errs[r.key] = t('mutuality.weights.invalid');
      else items.push({ kind: r.kind, grade: r.grade.trim(), weightBps: bps });
    }
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first !== undefined) return document.getElementById(`${uid}-${first}-weight`)?.focus();
    save.mutate(items);
  };
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('mutuality.weights.formTitle', { year })}</h2>
      <p className="hint">{t('mutuality.weights.hint')}</p>
      {rows.length === 0 ? <p className="empty">{t('mutuality.weights.none', { year })}</p> : null}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="mut-kinds">
          <legend>{t('mutuality.weights.rowLegend', { n: i + 1 })}</legend>
          <div className="mut-grid">
            <div className="field">
              <label htmlFor={`${uid}-${r.key}-kind`}>{t('mutuality.weights.kind')}</label>
              <select id={`${uid}-${r.key}-kind`} value={r.kind} onChange={(e) => update(r.key, { kind: e.target.value as Kind })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`mutuality.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${uid}-${r.key}-grade`}>{t('mutuality.weights.grade')}</label>
              <input id={`${uid}-${r.key}-grade`} maxLength={40} value={r.grade} onChange={(e) => update(r.key, { grade: e.target.value })} aria-describedby={`${uid}-grade-hint`} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-${r.key}-weight`}>{t('mutuality.weights.weight')}</label>
              <input
                id={`${uid}-${r.key}-weight`}
                inputMode="decimal"
                autoComplete="off"
                value={r.weight}
                onChange={(e) => update(r.key, { weight: e.target.value })}
                aria-invalid={errors[r.key] ? true : undefined}
                aria-describedby={errors[r.key] ? `${uid}-${r.key}-weight-error` : undefined}
              />
              {errors[r.key] ? (
                <p id={`${uid}-${r.key}-weight-error`} className="field-error">
                  {errors[r.key]}
                </p>
              ) : null}
            </div>
          </div>
          <button type="button" className="btn btn-secondary" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
            {t('mutuality.weights.remove')}
            <span className="visually-hidden"> {t('mutuality.weights.rowLegend', { n: i + 1 })}</span>
          </button>
        </fieldset>
      ))}
      <p id={`${uid}-grade-hint`} className="hint">
        {t('mutuality.weights.gradeHint')}
      </p>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <div className="mut-actions">
        <button type="button" className="btn btn-secondary" onClick={add}>
          {t('mutuality.weights.add')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('mutuality.common.saving') : t('mutuality.weights.save')}
        </button>
        <span role="status">{done ? t('mutuality.weights.saved', { year }) : ''}</span>
      </div>
    </form>
  );
}
