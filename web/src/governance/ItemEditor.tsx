// One agenda item in the chair's forms: kind (resolution, election, information), title, description, the motion
// of a resolution, and the ballot of an election (method, seats, marks, secret ballot, remote voting, candidates);
// for yes/no, plurality and approval the verifiable secret ballot (encrypted), with its trustees and threshold.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { listMembers } from '../registry/api.ts';
import { RANKED, type ItemInput, type ItemKind, type Method } from './api.ts';
import { PersonPicker, type PickLine } from './components.tsx';
import { codeLabel } from './util.ts';

/** Mirrors MAX_TRUSTEES of services/evote.ts. */
export const MAX_TRUSTEES = 10;
/** The suggested threshold: a majority of the trustees, so that neither a minority can decrypt nor a minority's
 * absence block the count. */
export const defaultThreshold = (n: number): number => (n <= 0 ? 1 : Math.floor(n / 2) + 1);

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
  /** The verifiable secret ballot (ballotType 'encrypted'). */
  encrypted: boolean;
  trustees: PickLine[];
  threshold: string;
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
  encrypted: false,
  trustees: [],
  threshold: '',
});

/** Encrypted ballots are counted homomorphically: ranked methods (STV, Schulze) cannot be, yet. */
const encryptable = (d: Pick<ItemDraft, 'kind' | 'method'>) => d.kind === 'resolution' || (d.kind === 'election' && !RANKED.includes(d.method));

function encryptedPart(d: ItemDraft) {
  if (!d.encrypted || !encryptable(d)) return {};
  const k = Number.parseInt(d.threshold, 10);
  return {
    ballotType: 'encrypted' as const,
    trustees: d.trustees.map((x) => ({ personId: x.personId })),
    threshold: Number.isFinite(k) ? k : defaultThreshold(d.trustees.length),
  };
}

const ELECTION_METHODS: Method[] = ['plurality', 'approval', 'stv', 'schulze'];

/** The API input of an item draft. */
export function itemInputOf(d: ItemDraft): ItemInput {
  const base = { kind: d.kind, title: d.title.trim(), description: d.description.trim() || null };
  if (d.kind === 'information') return base;
  if (d.kind === 'resolution') {
    return { ...base, motion: d.motion.trim() || null, ballot: { method: 'yes_no', secret: d.secret || d.encrypted, remoteVoting: d.remoteVoting, ...encryptedPart(d) } };
  }
  const seats = Number.parseInt(d.seats, 10);
  const max = Number.parseInt(d.maxChoices, 10);
  return {
    ...base,
    ballot: {
      method: d.method === 'yes_no' ? 'stv' : d.method,
      seats: Number.isFinite(seats) && seats > 0 ? seats : 1,
      ...(d.method === 'plurality' && Number.isFinite(max) && max > 0 ? { maxChoices: max } : {}),
      secret: d.secret || d.encrypted,
      remoteVoting: d.remoteVoting,
      ...encryptedPart(d),
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
  coopId,
}: {
  index: number;
  value: ItemDraft;
  onChange: (d: ItemDraft) => void;
  /** Field errors by path; `prefix` + field name (e.g. `items/0/` + `title`). */
  errors: Record<string, string>;
  prefix: string;
  onRemove?: () => void;
  /** The co-op whose members may be trustees of an encrypted ballot. */
  coopId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<ItemDraft>) => onChange({ ...value, ...patch });
  const err = (field: string) => errors[`${prefix}${field}`];
  // Errors on the trustees and the threshold show by their fields; any other error of the ballot below it.
  const ownField = (k: string) => k.startsWith(`${prefix}ballot/trustees`) || k === `${prefix}ballot/threshold`;
  const ballotErr = Object.entries(errors).find(([k]) => k.startsWith(`${prefix}ballot`) && !ownField(k))?.[1];
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
            <input type="checkbox" checked={value.secret || (value.encrypted && encryptable(value))} disabled={value.encrypted && encryptable(value)} onChange={(e) => set({ secret: e.target.checked })} /> {t('governance.item.secret')}
          </label>
          <label>
            <input type="checkbox" checked={value.remoteVoting} onChange={(e) => set({ remoteVoting: e.target.checked })} /> {t('governance.item.remoteVoting')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={value.encrypted && encryptable(value)}
              disabled={!encryptable(value)}
              onChange={(e) => set({ encrypted: e.target.checked })}
              aria-describedby={`${id}-enc-hint`}
            />{' '}
            {t('governance.item.encrypted')}
          </label>
          <p className="hint" id={`${id}-enc-hint`}>
            {encryptable(value) ? t('governance.item.encryptedHint') : t('governance.item.encryptedRanked')}
          </p>
        </div>
      ) : null}
      {kind !== 'information' && value.encrypted && encryptable(value) ? <TrusteesField id={id} value={value} set={set} err={err} coopId={coopId} /> : null}
      {ballotErr ? <p className="field-error">{ballotErr}</p> : null}
      {onRemove ? (
        <button type="button" className="btn-link" onClick={onRemove}>
          {t('governance.item.remove', { n: index + 1 })}
        </button>
      ) : null}
    </fieldset>
  );
}

/** The trustees of an encrypted ballot (picked among the co-op's current members) and the threshold k of n. */
function TrusteesField({
  id,
  value,
  set,
  err,
  coopId,
}: {
  id: string;
  value: ItemDraft;
  set: (patch: Partial<ItemDraft>) => void;
  err: (field: string) => string | undefined;
  coopId: string;
}) {
  const { t } = useTranslation();
  const n = value.trustees.length;
  // The threshold follows the suggested majority while the chair has not set another value in range.
  const withTrustees = (next: PickLine[]) => {
    const k = Number.parseInt(value.threshold, 10);
    const keep = Number.isFinite(k) && k !== defaultThreshold(n) && k >= 1 && k <= next.length;
    set({ trustees: next, threshold: keep ? value.threshold : next.length ? String(defaultThreshold(next.length)) : '' });
  };
  const trusteeErrors = Object.entries({ list: err('ballot/trustees'), ...Object.fromEntries(value.trustees.map((x, i) => [x.personId, err(`ballot/trustees/${i}/personId`)])) }).filter(
    (e): e is [string, string] => Boolean(e[1]),
  );
  const thresholdErr = err('ballot/threshold');
  return (
    <fieldset className="gov-trustees" aria-describedby={`${id}-trustees-hint`}>
      <legend>{t('governance.item.trustees')}</legend>
      <p className="hint" id={`${id}-trustees-hint`}>
        {t('governance.item.trusteesHint', { max: MAX_TRUSTEES })}
      </p>
      {n === 0 ? (
        <p className="muted">{t('governance.item.noTrustees')}</p>
      ) : (
        <ol className="plain-list gov-trustee-list" aria-label={t('governance.item.trusteesChosen')}>
          {value.trustees.map((x, i) => (
            <li key={x.personId}>
              {i + 1}. {x.name}{' '}
              <button type="button" className="btn-link" onClick={() => withTrustees(value.trustees.filter((y) => y.personId !== x.personId))}>
                {t('governance.item.removeTrustee', { name: x.name })}
              </button>
            </li>
          ))}
        </ol>
      )}
      {trusteeErrors.map(([k, msg]) => (
        <p key={k} className="field-error" role="alert">
          {k === 'list' ? msg : `${value.trustees.find((x) => x.personId === k)?.name ?? ''}: ${msg}`}
        </p>
      ))}
      {n < MAX_TRUSTEES ? (
        <PersonPicker<PickLine>
          label={t('governance.item.trusteeSearch')}
          hint={t('governance.item.trusteeSearchHint')}
          noneText={t('governance.item.trusteeNone')}
          queryKey={['members', coopId, 'trustee-picker']}
          search={async (q) =>
            (await listMembers(coopId, { q, memberType: '', status: 'active', asOf: '', sort: 'name', order: 'asc' }, 1, 10)).items.map((m) => ({
              personId: m.personId,
              registerNumber: m.registerNumber,
              name: m.name,
            }))
          }
          action={(l) => t('governance.item.addTrustee', { name: l.name })}
          onPick={(l) => {
            if (!value.trustees.some((x) => x.personId === l.personId)) withTrustees([...value.trustees, l]);
          }}
          renderExtra={(l) => (value.trustees.some((x) => x.personId === l.personId) ? <span className="badge">{t('governance.item.alreadyTrustee')}</span> : null)}
        />
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-threshold`}>{t('governance.item.threshold')}</label>
        <input
          id={`${id}-threshold`}
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.max(n, 1)}
          value={value.threshold}
          disabled={n === 0}
          onChange={(e) => set({ threshold: e.target.value })}
          aria-invalid={thresholdErr ? true : undefined}
          aria-describedby={`${id}-threshold-hint${thresholdErr ? ` ${id}-threshold-err` : ''}`}
        />
        <p className="hint" id={`${id}-threshold-hint`}>
          {n > 0 ? t('governance.item.thresholdHint', { n, k: defaultThreshold(n) }) : t('governance.item.thresholdNone')}
        </p>
        {thresholdErr ? (
          <p className="field-error" id={`${id}-threshold-err`}>
            {thresholdErr}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
