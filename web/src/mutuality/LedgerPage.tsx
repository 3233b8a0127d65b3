// The co-op's exchange ledger: filter by member, kind and year; record an entry; correct one by a reversing entry
// with a reason (entries are never changed). Read-only for association staff.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { pageFrom, useUrlState } from '../core/search-params.ts';
import { fieldErrors, focusRegion, Pagination, ProblemAlert, TableRegion } from '../core/ui.tsx';
import { KINDS, listEntries, recordEntry, reverseEntry, type Entry, type EntryFilters, type Kind } from './api.ts';
import { CoopFrame, Field, KindName, MemberName, MemberPicker, YearSelect, useLang } from './components.tsx';
import { formatQuantity, parseDecimal, todayIso } from './util.ts';

const PAGE_SIZE = 50;

export function LedgerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="ledger" title={t('mutuality.ledger.title')} intro={<p>{t('mutuality.ledger.intro')}</p>}>
      {({ manage }) => <Ledger coopId={id} manage={manage} />}
    </CoopFrame>
  );
}

const isKind = (s: string): s is Kind => (KINDS as readonly string[]).includes(s);

export function EntriesTable({
  entries,
  caption,
  onReverse,
  showMember = true,
  coopNames,
  total,
}: {
  entries: Entry[];
  caption: string;
  onReverse?: ((e: Entry, button: HTMLButtonElement) => void) | undefined;
  showMember?: boolean;
  /** When given, a column with the co-op of each entry (a member's own entries across co-ops). */
  coopNames?: Map<string, string> | undefined;
  total?: number | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  return (
    <table className="data-table mut-entries">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('mutuality.ledger.col.id')}
          </th>
          <th scope="col">{t('mutuality.ledger.col.date')}</th>
          {coopNames ? <th scope="col">{t('mutuality.ledger.col.cooperative')}</th> : null}
          {showMember ? <th scope="col">{t('mutuality.ledger.col.member')}</th> : null}
          <th scope="col">{t('mutuality.ledger.col.kind')}</th>
          <th scope="col" className="num">
            {t('mutuality.ledger.col.quantity')}
          </th>
          <th scope="col" className="num">
            {t('mutuality.ledger.col.value')}
          </th>
          <th scope="col">{t('mutuality.ledger.col.grade')}</th>
          <th scope="col">{t('mutuality.ledger.col.details')}</th>
          {onReverse ? <th scope="col">{t('mutuality.ledger.col.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className={e.reversesId !== null ? 'is-reversal' : e.reversedById !== null ? 'is-reversed' : undefined} data-entry={e.id}>
            <td className="num">{e.id}</td>
            <td>{f.date(e.occurredOn)}</td>
            {coopNames ? <td>{coopNames.get(e.cooperativeId) ?? ''}</td> : null}
            {showMember ? (
              <td>
                <MemberName registerNumber={e.registerNumber} name={e.memberName} />
              </td>
            ) : null}
            <td>
              <KindName kind={e.kind} />
            </td>
            <td className="num">
              {e.quantity !== null ? `${formatQuantity(e.quantity, lang)}${e.unit ? ` ${e.kind === 'work' ? t('mutuality.common.hoursShort') : e.unit}` : ''}` : ''}
            </td>
            <td className="num">{f.money(e.valueCents)}</td>
            <td>{e.grade ?? ''}</td>
            <td>
              {e.externalRef ? <span className="mono">{e.externalRef}</span> : null}
              {e.description ? <span className="mut-note">{e.description}</span> : null}
              {e.reversesId !== null ? (
                <span className="mut-note">
                  {t('mutuality.ledger.reversalOf', { id: e.reversesId })}
                  {e.reason ? ` — ${e.reason}` : ''}
                </span>
              ) : null}
              {e.reversedById !== null ? <span className="mut-note">{t('mutuality.ledger.reversedBy', { id: e.reversedById })}</span> : null}
            </td>
            {onReverse ? (
              <td>
                {e.reversesId === null && e.reversedById === null ? (
                  <button type="button" className="btn btn-secondary" onClick={(ev) => onReverse(e, ev.currentTarget)}>
                    {t('mutuality.ledger.reverse')}
                    <span className="visually-hidden"> {t('mutuality.ledger.entryNo', { id: e.id })}</span>
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
      {total !== undefined ? (
        <tfoot>
          <tr>
            <th scope="row" colSpan={(showMember ? 5 : 4) + (coopNames ? 1 : 0)}>
              {t('mutuality.ledger.totalValue')}
            </th>
            <td className="num">{f.money(total)}</td>
            <td colSpan={onReverse ? 3 : 2} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function Ledger({ coopId, manage }: { coopId: string; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const uid = useId();
  const queryClient = useQueryClient();
  const tableRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useUrlState({ socio: '', tipo: '', anno: '', pagina: '1' });
  const page = pageFrom(state.pagina);
  const filters: EntryFilters = {
    membershipId: state.socio || undefined,
    kind: isKind(state.tipo) ? state.tipo : undefined,
    year: state.anno ? Number(state.anno) : undefined,
  };
  const list = useQuery({
    queryKey: ['exchanges', coopId, filters, page],
    queryFn: ({ signal }) => listEntries(coopId, filters, page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<{ entry: Entry; button: HTMLButtonElement } | null>(null);
  const [notice, setNotice] = useState('');
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['exchanges', coopId] });
    void queryClient.invalidateQueries({ queryKey: ['exchange-summary', coopId] });
  };

  return (
    <>
      {manage ? (
        <div className="mut-actions">
          <button
            type="button"
            className="btn btn-primary"
            aria-expanded={recording}
            aria-controls={`${uid}-record`}
            onClick={() => {
              setRecording((r) => !r);
              setNotice('');
            }}
          >
            {t('mutuality.ledger.record')}
          </button>
        </div>
      ) : null}
      <div id={`${uid}-record`}>
        {manage && recording ? (
          <EntryForm
            coopId={coopId}
            onDone={(e) => {
              setNotice(t('mutuality.ledger.recorded', { id: e.id, member: e.memberName }));
              refresh();
            }}
            onClose={() => setRecording(false)}
          />
        ) : null}
      </div>
      <div role="status" className="live-status">
        {notice ? <p className="alert alert-success">{notice}</p> : null}
      </div>
      {reversing ? (
        <ReverseForm
          coopId={coopId}
          entry={reversing.entry}
          onDone={(r) => {
            setNotice(t('mutuality.ledger.reversed', { id: reversing.entry.id, reversal: r.id }));
            setReversing(null);
            refresh();
          }}
          onCancel={() => {
            const b = reversing.button;
            setReversing(null);
            requestAnimationFrame(() => b.focus());
          }}
        />
      ) : null}

      <section aria-labelledby={`${uid}-list`} className="card">
        <h2 id={`${uid}-list`}>{t('mutuality.ledger.listTitle')}</h2>
        <div className="mut-filters">
          <MemberPicker
            coopId={coopId}
            value={state.socio}
            onChange={(v) => setState({ socio: v, pagina: '1' }, { replace: true })}
            label={t('mutuality.ledger.filterMember')}
            allLabel={t('mutuality.ledger.allMembers')}
            selectId="ledger-member"
          />
          <div className="field">
            <label htmlFor="ledger-kind">{t('mutuality.ledger.filterKind')}</label>
            <select id="ledger-kind" value={state.tipo} onChange={(e) => setState({ tipo: e.target.value, pagina: '1' }, { replace: true })}>
              <option value="">{t('mutuality.ledger.allKinds')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`mutuality.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <YearSelect
            id="ledger-year"
            value={state.anno ? Number(state.anno) : null}
            onChange={(y) => setState({ anno: y === null ? '' : String(y), pagina: '1' }, { replace: true })}
            allowAll
          />
        </div>
        <div className="toolbar">
          <p className="result-count" aria-live="polite">
            {list.data ? t('mutuality.ledger.count', { count: list.data.total, n: f.number(list.data.total), total: f.money(list.data.totalValueCents) }) : ''}
          </p>
        </div>
        {list.error ? <ProblemAlert error={list.error} /> : null}
        {list.data && list.data.items.length === 0 ? <p className="empty">{t('mutuality.ledger.empty')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <TableRegion label={t('mutuality.ledger.listTitle')} busy={list.isFetching} regionRef={tableRef}>
            <EntriesTable
              entries={list.data.items}
              caption={t('mutuality.ledger.listTitle')}
              onReverse={manage ? (entry, button) => setReversing({ entry, button }) : undefined}
            />
          </TableRegion>
        ) : null}
        {!list.data && !list.error ? <p className="loading" role="status">{t('common.loading')}</p> : null}
        <Pagination
          page={page}
          pageCount={pageCount}
          onPage={(p) => {
            setState({ pagina: String(p) });
            focusRegion(tableRef.current);
          }}
          label={t('mutuality.ledger.paging')}
        />
      </section>
    </>
  );
}

interface EntryDraft {
  membershipId: string;
  kind: Kind;
  occurredOn: string;
  quantity: string;
  unit: string;
  value: string;
  grade: string;
  description: string;
  externalRef: string;
}

const emptyDraft = (): EntryDraft => ({ membershipId: '', kind: 'work', occurredOn: '', quantity: '', unit: '', value: '', grade: '', description: '', externalRef: '' });

function EntryForm({ coopId, onDone, onClose }: { coopId: string; onDone: (e: Entry) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const uid = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [d, setD] = useState<EntryDraft>(emptyDraft);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({ mutationFn: (body: Parameters<typeof recordEntry>[1]) => recordEntry(coopId, body) });
  useEffect(() => heading.current?.focus(), []);
  const server = fieldErrors(save.error);
  const err = (k: string) => local[k] ?? server[k];
  const set = (patch: Partial<EntryDraft>) => setD((cur) => ({ ...cur, ...patch }));

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!d.membershipId) errors.membershipId = t('mutuality.entry.memberRequired');
    if (!d.occurredOn) errors.occurredOn = t('mutuality.entry.dateRequired');
    const valueCents = parseDecimal(d.value, lang, 2);
    if (d.value.trim() === '') errors.valueCents = t('mutuality.entry.valueRequired');
    else if (valueCents === null) errors.valueCents = t('mutuality.form.moneyInvalid');
    const milli = d.quantity.trim() === '' ? null : parseDecimal(d.quantity, lang, 3);
    if (d.quantity.trim() !== '' && milli === null) errors.quantity = t('mutuality.form.quantityInvalid');
    setLocal(errors);
    if (Object.keys(errors).length > 0 || valueCents === null) {
      const first = ['membershipId', 'occurredOn', 'quantity', 'valueCents'].find((k) => errors[k]);
      if (first) document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    save.mutate(
      {
        membershipId: d.membershipId,
        kind: d.kind,
        occurredOn: d.occurredOn,
        quantity: milli === null ? null : milli / 1000,
        unit: d.kind === 'work' ? null : d.unit.trim() || null,
        valueCents,
        grade: d.grade.trim() || null,
        description: d.description.trim() || null,
        externalRef: d.externalRef.trim() || null,
      },
      {
        onSuccess: (entry) => {
          onDone(entry);
          // Ready for the next entry of the same member and kind.
          setD((cur) => ({ ...emptyDraft(), membershipId: cur.membershipId, kind: cur.kind, occurredOn: cur.occurredOn }));
          save.reset();
        },
      },
    );
  };

  const work = d.kind === 'work';
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} ref={heading} tabIndex={-1}>
        {t('mutuality.entry.title')}
      </h2>
      <p className="hint">{t('mutuality.entry.immutable')}</p>
      <MemberPicker coopId={coopId} value={d.membershipId} onChange={(v) => set({ membershipId: v })} label={t('mutuality.entry.member')} error={err('membershipId')} selectId={`${uid}-membershipId`} />
      <div className="mut-grid">
        <Field id={`${uid}-kind`} label={t('mutuality.entry.kind')} error={err('kind')}>
          {(a) => (
            <select {...a} value={d.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`mutuality.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${uid}-occurredOn`} label={t('mutuality.entry.date')} error={err('occurredOn')}>
          {(a) => <input {...a} type="date" max={todayIso()} value={d.occurredOn} onChange={(e) => set({ occurredOn: e.target.value })} />}
        </Field>
        <Field
          id={`${uid}-quantity`}
          label={work ? t('mutuality.entry.hours') : t('mutuality.entry.quantity')}
          hint={work ? t('mutuality.entry.hoursHint') : d.kind === 'delivery' ? t('mutuality.entry.quantityRequiredHint') : t('mutuality.entry.optional')}
          error={err('quantity')}
        >
          {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={d.quantity} onChange={(e) => set({ quantity: e.target.value })} />}
        </Field>
        {!work ? (
          <Field id={`${uid}-unit`} label={t('mutuality.entry.unit')} hint={t('mutuality.entry.unitHint')} error={err('unit')}>
            {(a) => <input {...a} maxLength={20} autoComplete="off" value={d.unit} onChange={(e) => set({ unit: e.target.value })} />}
          </Field>
        ) : null}
        <Field id={`${uid}-valueCents`} label={work ? t('mutuality.entry.wages') : t('mutuality.entry.value')} hint={t('mutuality.form.moneyHint')} error={err('valueCents')}>
          {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={d.value} onChange={(e) => set({ value: e.target.value })} />}
        </Field>
        <Field id={`${uid}-grade`} label={t('mutuality.entry.grade')} hint={t('mutuality.entry.gradeHint')} error={err('grade')}>
          {(a) => <input {...a} maxLength={40} autoComplete="off" value={d.grade} onChange={(e) => set({ grade: e.target.value })} />}
        </Field>
        <Field id={`${uid}-externalRef`} label={t('mutuality.entry.reference')} hint={t('mutuality.entry.referenceHint')} error={err('externalRef')}>
          {(a) => <input {...a} maxLength={200} autoComplete="off" value={d.externalRef} onChange={(e) => set({ externalRef: e.target.value })} />}
        </Field>
        <Field id={`${uid}-description`} label={t('mutuality.entry.description')} error={err('description')} className="wide">
          {(a) => <input {...a} maxLength={500} value={d.description} onChange={(e) => set({ description: e.target.value })} />}
        </Field>
      </div>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <div className="mut-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('mutuality.common.saving') : t('mutuality.entry.submit')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('mutuality.common.close')}
        </button>
      </div>
    </form>
  );
}

function ReverseForm({ coopId, entry, onDone, onCancel }: { coopId: string; entry: Entry; onDone: (r: Entry) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const uid = useId();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const save = useMutation({ mutationFn: (r: string) => reverseEntry(coopId, entry.id, r) });
  useEffect(() => input.current?.focus(), [entry.id]);
  const error = local || fieldErrors(save.error).reason;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) {
      setLocal(t('mutuality.reverse.reasonRequired'));
      input.current?.focus();
      return;
    }
    setLocal('');
    save.mutate(reason.trim(), { onSuccess: onDone });
  };
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('mutuality.reverse.title', { id: entry.id })}</h2>
      <p>
        {t('mutuality.reverse.summary', {
          member: `${entry.registerNumber} · ${entry.memberName}`,
          kind: t(`mutuality.kind.${entry.kind}`),
          date: f.date(entry.occurredOn),
          value: f.money(entry.valueCents),
        })}
      </p>
      <p className="hint">{t('mutuality.reverse.explain')}</p>
      <div className="field">
        <label htmlFor={`${uid}-reason`}>{t('mutuality.reverse.reason')}</label>
        <textarea
          ref={input}
          id={`${uid}-reason`}
          className="mut-textarea"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${uid}-reason-error` : undefined}
        />
        {error ? (
          <p id={`${uid}-reason-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      {save.error && !fieldErrors(save.error).reason ? <ProblemAlert error={save.error} /> : null}
      <div className="mut-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('mutuality.reverse.submit')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
