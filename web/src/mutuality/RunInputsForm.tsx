// The board's inputs to a year's ristorni: the surplus and taxes from the accounts, the kinds of exchange that share
// (by value or by quantity), the proposed pool (empty = the ceiling), the forms the assembly will choose (cash,
// capital increase, financial instruments), the withholding, the legal reserve and the dividends. Used to start a
// run and to change a draft; defaults come from the co-op's rule set.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { fieldErrors, ProblemAlert } from '../core/ui.tsx';
import { getRuleSets, getSettings, getSummary, KINDS, type Kind, type RunInputBody, type RunInputs } from './api.ts';
import { Field, YearSelect, useLang } from './components.tsx';
import { lastClosedYear, parseDecimal, pickText, unitsToInput } from './util.ts';

interface Draft {
  year: number;
  surplus: string;
  taxes: string;
  kinds: Partial<Record<Kind, 'value' | 'quantity'>>;
  pool: string;
  cash: string;
  capital: string;
  instruments: string;
  withholding: boolean;
  legalReserve: string;
  dividends: string;
}

export function RunInputsForm({
  coopId,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  title,
}: {
  coopId: string;
  /** A draft's inputs to change; none to start a new run (year chosen here). */
  initial?: RunInputs & { year: number };
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: RunInputBody & { year: number }) => void;
  onCancel?: () => void;
  title: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const settings = useQuery({ queryKey: ['mutuality-settings', coopId], queryFn: () => getSettings(coopId) });
  const ruleSets = useQuery({ queryKey: ['rule-sets'], queryFn: getRuleSets, staleTime: Infinity });
  const rs = ruleSets.data?.items.find((r) => r.id === (settings.data?.ruleSet ?? 'IT'));
  if (settings.error || ruleSets.error) return <ProblemAlert error={settings.error ?? ruleSets.error} />;
  if (!rs) return <p className="loading" role="status">{t('common.loading')}</p>;
  const d = rs.defaults;
  const toInput = (c: number) => unitsToInput(c, lang, 2);
  const pct = (bps: number) => unitsToInput(bps, lang, 2, { trim: true });
  const start: Draft = initial
    ? {
        year: initial.year,
        surplus: toInput(initial.surplusCents),
        taxes: initial.incomeTaxesCents ? toInput(initial.incomeTaxesCents) : '',
        kinds: Object.fromEntries(initial.kinds.map((k) => [k.kind, k.basis === 'quantity' ? 'quantity' : 'value'])),
        pool: initial.poolCents === null ? '' : toInput(initial.poolCents),
        cash: pct(initial.forms.cashBps),
        capital: pct(initial.forms.capitalBps),
        instruments: pct(initial.forms.instrumentsBps),
        withholding: initial.withholding,
        legalReserve: pct(initial.legalReserveBps),
        dividends: initial.dividendsCents ? toInput(initial.dividendsCents) : '',
      }
    : {
        year: lastClosedYear(),
        surplus: '',
        taxes: '',
        kinds: {},
        pool: '',
        cash: pct(d.cashBps),
        capital: pct(d.capitalBps),
        instruments: pct(d.instrumentsBps),
        withholding: d.withholding,
        legalReserve: pct(d.legalReserveBps),
        dividends: '',
      };
  return (
    <InputsForm
      coopId={coopId}
      start={start}
      isNew={!initial}
      ruleSet={rs.id}
      formsNote={rs.legalBasis.forms ? pickText(rs.legalBasis.forms, lang) : ''}
      submitLabel={submitLabel}
      pending={pending}
      error={error}
      onSubmit={onSubmit}
      onCancel={onCancel}
      title={title}
    />
  );
}

function InputsForm({
  coopId,
  start,
  isNew,
  ruleSet,
  formsNote,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  title,
}: {
  coopId: string;
  start: Draft;
  isNew: boolean;
  ruleSet: string;
  formsNote: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: RunInputBody & { year: number }) => void;
  onCancel?: (() => void) | undefined;
  title: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const uid = useId();
  const [d, setD] = useState<Draft>(start);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [touchedKinds, setTouchedKinds] = useState(!isNew);
  // A new run proposes the kinds the year's ledger has.
  const summary = useQuery({ queryKey: ['exchange-summary', coopId, d.year], queryFn: () => getSummary(coopId, d.year), enabled: isNew });
  const suggested: Partial<Record<Kind, 'value' | 'quantity'>> = {};
  for (const i of summary.data?.items ?? []) if (i.valueCents > 0 || i.quantity > 0) suggested[i.kind] = 'value';
  const kinds = touchedKinds ? d.kinds : Object.keys(suggested).length ? suggested : { work: 'value' as const };
  const server = fieldErrors(error);
  const err = (k: string) => local[k] ?? server[k];
  const set = (patch: Partial<Draft>) => setD((cur) => ({ ...cur, ...patch }));
  const toggleKind = (k: Kind, on: boolean) => {
    const next = { ...kinds };
    if (on) next[k] = next[k] ?? 'value';
    else delete next[k];
    setTouchedKinds(true);
    set({ kinds: next });
  };
  const setBasis = (k: Kind, basis: 'value' | 'quantity') => {
    setTouchedKinds(true);
    set({ kinds: { ...kinds, [k]: basis } });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const money = (key: string, s: string, required = false): number | null => {
      if (s.trim() === '') {
        if (required) errs[key] = t('mutuality.run.surplusRequired');
        return null;
      }
      const v = parseDecimal(s, lang, 2);
      if (v === null) errs[key] = t('mutuality.form.moneyInvalid');
      return v;
    };
    const percent = (key: string, s: string): number | null => {
      const v = s.trim() === '' ? 0 : parseDecimal(s, lang, 2);
      if (v === null || v > 10_000) errs[key] = t('mutuality.form.percentInvalid');
      return v;
    };
    const surplusCents = money('surplusCents', d.surplus, true);
    const incomeTaxesCents = money('incomeTaxesCents', d.taxes);
    const poolCents = money('poolCents', d.pool);
    const dividendsCents = money('dividendsCents', d.dividends);
    const cashBps = percent('cashBps', d.cash);
    const capitalBps = percent('capitalBps', d.capital);
    const instrumentsBps = percent('instrumentsBps', d.instruments);
    const legalReserveBps = percent('legalReserveBps', d.legalReserve);
    const chosen = KINDS.filter((k) => kinds[k]).map((k) => ({ kind: k, basis: kinds[k] as 'value' | 'quantity' }));
    if (chosen.length === 0) errs.kinds = t('mutuality.run.kindsRequired');
    if (cashBps !== null && capitalBps !== null && instrumentsBps !== null && cashBps + capitalBps + instrumentsBps !== 10_000) {
      errs.forms = t('mutuality.run.formsSum');
    }
    setLocal(errs);
    const first = ['surplusCents', 'incomeTaxesCents', 'kinds', 'poolCents', 'cashBps', 'capitalBps', 'instrumentsBps', 'forms', 'legalReserveBps', 'dividendsCents'].find((k) => errs[k]);
    if (first) {
      const target = first === 'kinds' ? `${uid}-kind-${KINDS[0]}` : first === 'forms' ? `${uid}-cashBps` : `${uid}-${first}`;
      document.getElementById(target)?.focus();
      return;
    }
    onSubmit({
      year: d.year,
      surplusCents: surplusCents ?? 0,
      incomeTaxesCents: incomeTaxesCents ?? 0,
      kinds: chosen,
      poolCents,
      forms: { cashBps: cashBps ?? 0, capitalBps: capitalBps ?? 0, instrumentsBps: instrumentsBps ?? 0 },
      ...(ruleSet === 'IT' ? { withholding: d.withholding } : {}),
      legalReserveBps: legalReserveBps ?? 0,
      dividendsCents: dividendsCents ?? 0,
    });
  };

  const moneyField = (key: keyof Draft & string, apiKey: string, label: string, hint?: string) => (
    <Field id={`${uid}-${apiKey}`} label={label} hint={hint} error={err(apiKey)}>
      {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={String(d[key])} onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)} />}
    </Field>
  );
  const percentField = (key: keyof Draft & string, apiKey: string, label: string) => (
    <Field id={`${uid}-${apiKey}`} label={label} error={err(apiKey)}>
      {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={String(d[key])} onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)} />}
    </Field>
  );
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{title}</h2>
      {isNew ? <YearSelect id={`${uid}-year`} value={d.year} onChange={(y) => set({ year: y ?? lastClosedYear() })} label={t('mutuality.run.year')} /> : null}
      <div className="mut-grid">
        {moneyField('surplus', 'surplusCents', t('mutuality.run.surplus'), t('mutuality.run.surplusHint'))}
        {moneyField('taxes', 'incomeTaxesCents', t('mutuality.run.taxes'), t('mutuality.entry.optional'))}
      </div>
      <fieldset className="mut-kinds" aria-describedby={err('kinds') ? `${uid}-kinds-error` : undefined}>
        <legend>{t('mutuality.run.kinds')}</legend>
        {KINDS.map((k) => (
          <div className="mut-kind-row" key={k}>
            <label className="mut-check">
              <input id={`${uid}-kind-${k}`} type="checkbox" checked={Boolean(kinds[k])} onChange={(e) => toggleKind(k, e.target.checked)} />
              {t(`mutuality.kind.${k}`)}
            </label>
            <label className="visually-hidden" htmlFor={`${uid}-basis-${k}`}>
              {t('mutuality.run.basisOf', { kind: t(`mutuality.kind.${k}`) })}
            </label>
            <select id={`${uid}-basis-${k}`} value={kinds[k] ?? 'value'} disabled={!kinds[k]} onChange={(e) => setBasis(k, e.target.value as 'value' | 'quantity')}>
              <option value="value">{t('mutuality.run.basisValue')}</option>
              <option value="quantity">{k === 'work' ? t('mutuality.run.basisHours') : t('mutuality.run.basisQuantity')}</option>
            </select>
          </div>
        ))}
        {err('kinds') ? (
          <p id={`${uid}-kinds-error`} className="field-error">
            {err('kinds')}
          </p>
        ) : null}
      </fieldset>
      <div className="mut-grid">
        {moneyField('pool', 'poolCents', t('mutuality.run.pool'), t('mutuality.run.poolHint'))}
        {moneyField('dividends', 'dividendsCents', t('mutuality.run.dividends'), t('mutuality.entry.optional'))}
        {percentField('legalReserve', 'legalReserveBps', t('mutuality.run.legalReserve'))}
      </div>
      <fieldset className="mut-kinds" aria-describedby={`${uid}-forms-hint${err('forms') ? ` ${uid}-forms-error` : ''}`}>
        <legend>{t('mutuality.run.forms')}</legend>
        <p id={`${uid}-forms-hint`} className="hint">
          {t('mutuality.run.formsHint')} {formsNote}
        </p>
        <div className="mut-grid">
          {percentField('cash', 'cashBps', t('mutuality.run.cash'))}
          {percentField('capital', 'capitalBps', t('mutuality.run.capital'))}
          {percentField('instruments', 'instrumentsBps', t('mutuality.run.instruments'))}
        </div>
        {err('forms') ? (
          <p id={`${uid}-forms-error`} className="field-error">
            {err('forms')}
          </p>
        ) : null}
        {ruleSet === 'IT' ? (
          <label className="mut-check">
            <input type="checkbox" checked={d.withholding} onChange={(e) => set({ withholding: e.target.checked })} />
            {t('mutuality.run.withholding')}
          </label>
        ) : null}
      </fieldset>
      {error ? <ProblemAlert error={error} /> : null}
      <div className="mut-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? t('mutuality.common.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
