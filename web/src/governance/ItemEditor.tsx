// One agenda item in the chair's forms: kind (resolution, election, information), title, description, the motion
// of a resolution, and the ballot of an election (method, seats, marks, secret ballot, remote voting, candidates).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemInput, ItemKind, Method } from './api.ts';
import { codeLabel } from './util.ts';

export interface ItemDraft {
  kind: ItemKind;
  title: string;
  description: string;
  motion: string;
  method: Method;
  seats: string;
  maxChoices: string;
  secret: boolean;
  remoteVoting: boolean;
  candidates: string;
}

export const emptyItem = (kind: ItemKind = 'resolution'): ItemDraft => ({
  kind,
  title: '',
  description: '',
  motion: '',
  method: kind === 'election' ? 'stv' : 'yes_no',
  seats: '1',
  maxChoices: '',
  secret: kind === 'election',
  remoteVoting: false,
  candidates: '',
});

const ELECTION_METHODS: Method[] = ['plurality', 'approval', 'stv', 'schulze'];

/** The API input of an item draft. */
export function itemInputOf(d: ItemDraft): ItemInput {
  const base = { kind: d.kind, title: d.title.trim(), description: d.description.trim() || null };
  if (d.kind === 'information') return base;
  if (d.kind === 'resolution') {
    return { ...base, motion: d.motion.trim() || null, ballot: { method: 'yes_no', secret: d.secret, remoteVoting: d.remoteVoting } };
  }
  const seats = Number.parseInt(d.seats, 10);
  const max = Number.parseInt(d.maxChoices, 10);
  return {
    ...base,
    ballot: {
      method: d.method === 'yes_no' ? 'stv' : d.method,
      seats: Number.isFinite(seats) && seats > 0 ? seats : 1,
      ...(d.method === 'plurality' && Number.isFinite(max) && max > 0 ? { maxChoices: max } : {}),
      secret: d.secret,
      remoteVoting: d.remoteVoting,
      candidates: d.candidates
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    },
  };
}

export function ItemEditor({
  index,
  value,
  onChange,
  errors,
  prefix,
  onRemove,
}: {
  index: number;
  value: ItemDraft;
  onChange: (d: ItemDraft) => void;
  /** Field errors by path; `prefix` + field name (e.g. `items/0/` + `title`). */
  errors: Record<string, string>;
  prefix: string;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<ItemDraft>) => onChange({ ...value, ...patch });
  const err = (field: string) => errors[`${prefix}${field}`];
  const ballotErr = Object.entries(errors).find(([k]) => k.startsWith(`${prefix}ballot`))?.[1];
  const described = (field: string, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : null, err(field) ? `${id}-${field}-err` : null].filter(Boolean).join(' ') || undefined;
  const kind = value.kind;
  return (
    <fieldset className="gov-item-editor">
      <legend>{t('governance.item.legend', { n: index + 1 })}</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('governance.item.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            const k = e.target.value as ItemKind;
            set({ kind: k, method: k === 'election' ? (value.method === 'yes_no' ? 'stv' : value.method) : 'yes_no', secret: k === 'election' ? true : value.secret });
          }}
        >
          {(['resolution', 'election', 'information'] as const).map((k) => (
            <option key={k} value={k}>
              {codeLabel(t, 'itemKind', k)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('governance.item.title')}</label>
        <input
          id={`${id}-title`}
          value={value.title}
          onChange={(e) => set({ title: e.target.value })}
          maxLength={300}
          required
          aria-invalid={err('title') ? true : undefined}
          aria-describedby={described('title')}
        />
        {err('title') ? (
          <p className="field-error" id={`${id}-title-err`}>
            {err('title')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('governance.item.description')}</label>
        <textarea id={`${id}-description`} rows={2} value={value.description} onChange={(e) => set({ description: e.target.value })} maxLength={20000} />
      </div>
      {kind === 'resolution' ? (
        <div className="field">
          <label htmlFor={`${id}-motion`}>{t('governance.item.motion')}</label>
          <textarea
            id={`${id}-motion`}
            rows={3}
            value={value.motion}
            onChange={(e) => set({ motion: e.target.value })}
            maxLength={20000}
            aria-describedby={`${id}-motion-hint`}
          />
          <p className="hint" id={`${id}-motion-hint`}>
            {t('governance.item.motionHint')}
          </p>
        </div>
      ) : null}
      {kind === 'election' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-method`}>{t('governance.item.method')}</label>
            <select id={`${id}-method`} value={value.method} onChange={(e) => set({ method: e.target.value as Method })} aria-describedby={`${id}-method-hint`}>
              {ELECTION_METHODS.map((m) => (
                <option key={m} value={m}>
                  {codeLabel(t, 'method', m)}
                </option>
              ))}
            </select>
            <p className="hint" id={`${id}-method-hint`}>
              {codeLabel(t, 'methodHint', value.method)}
            </p>
          </div>
          <div className="gov-row">
            <div className="field">
              <label htmlFor={`${id}-seats`}>{t('governance.item.seats')}</label>
              <input id={`${id}-seats`} type="number" inputMode="numeric" min={1} max={100} value={value.seats} onChange={(e) => set({ seats: e.target.value })} />
            </div>
            {value.method === 'plurality' ? (
              <div className="field">
                <label htmlFor={`${id}-max`}>{t('governance.item.maxChoices')}</label>
                <input
                  id={`${id}-max`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={200}
                  value={value.maxChoices}
                  onChange={(e) => set({ maxChoices: e.target.value })}
                  aria-describedby={`${id}-max-hint`}
                />
                <p className="hint" id={`${id}-max-hint`}>
                  {t('governance.item.maxChoicesHint')}
                </p>
              </div>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-cands`}>{t('governance.item.candidates')}</label>
            <textarea
              id={`${id}-cands`}
              rows={4}
              value={value.candidates}
              onChange={(e) => set({ candidates: e.target.value })}
              aria-describedby={`${id}-cands-hint`}
            />
            <p className="hint" id={`${id}-cands-hint`}>
              {t('governance.item.candidatesHint')}
            </p>
          </div>
        </>
      ) : null}
      {kind !== 'information' ? (
        <div className="gov-checks">
          <label>
            <input type="checkbox" checked={value.secret} onChange={(e) => set({ secret: e.target.checked })} /> {t('governance.item.secret')}
          </label>
          <label>
            <input type="checkbox" checked={value.remoteVoting} onChange={(e) => set({ remoteVoting: e.target.checked })} /> {t('governance.item.remoteVoting')}
          </label>
        </div>
      ) : null}
      {ballotErr ? <p className="field-error">{ballotErr}</p> : null}
      {onRemove ? (
        <button type="button" className="btn-link" onClick={onRemove}>
          {t('governance.item.remove', { n: index + 1 })}
        </button>
      ) : null}
    </fieldset>
  );
}
