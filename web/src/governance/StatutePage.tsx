// A co-op's governance parameters from its statute (version 0 = the Codice civile defaults): days in the register
// before voting, votes of legal persons, the financing members' cap, proxies, notice periods, remote and postal
// voting, and the quorums and majorities per assembly kind and call. A new version may only tighten the law (the API
// names the field that would loosen it) and never affects an assembly already convened. Also the officers
// (directors, auditors, employees), who may not hold proxies.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { useAccount } from '../core/session.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert, TableRegion, useDebounced } from '../core/ui.tsx';
import { listMembers } from '../registry/api.ts';
import { canManageRegisterOf } from './access.ts';
import {
  addOfficer,
  endOfficer,
  getStatute,
  listOfficers,
  listStatuteVersions,
  putStatute,
  type AssemblyKind,
  type Call,
  type StatuteParams,
  type Threshold,
} from './api.ts';
import { codeLabel, fieldPaths, qk, useDateTime } from './util.ts';
import './governance.css';

const KINDS: AssemblyKind[] = ['ordinary', 'extraordinary'];
const CALLS: Call[] = ['first', 'second'];

function NumberField({ label, hint, value, onChange, min, max, error }: { label: string; hint?: string; value: number; onChange: (n: number) => void; min: number; max: number; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-err` : null].filter(Boolean).join(' ') || undefined}
      />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Check({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="gov-check-field">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} /> {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** One threshold as words: «più di 1/2 dei voti presenti o rappresentati». */
function thresholdText(t: ReturnType<typeof useTranslation>['t'], th: Threshold | null): string {
  if (!th) return t('governance.statute.noQuorum');
  return t('governance.statute.thresholdText', { op: th.strict ? t('governance.statute.moreThan') : t('governance.statute.atLeast'), num: th.num, den: th.den, base: codeLabel(t, 'base', th.base) });
}

function ThresholdEditor({ value, onChange, context, nullable, error }: { value: Threshold | null; onChange: (v: Threshold | null) => void; context: string; nullable: boolean; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const th = value ?? { num: 1, den: 2, strict: false, base: 'entitled' as const };
  const set = (patch: Partial<Threshold>) => onChange({ ...th, ...patch });
  return (
    <div className="gov-threshold" role="group" aria-label={context}>
      {nullable ? (
        <label className="gov-inline-check">
          <input type="checkbox" checked={value === null} onChange={(e) => onChange(e.target.checked ? null : th)} /> {t('governance.statute.noQuorum')}
          <span className="visually-hidden"> — {context}</span>
        </label>
      ) : null}
      {value !== null ? (
        <span className="gov-threshold-fields">
          <label className="visually-hidden" htmlFor={`${id}-op`}>
            {t('governance.statute.opLabel', { context })}
          </label>
          <select id={`${id}-op`} value={th.strict ? 'strict' : 'min'} onChange={(e) => set({ strict: e.target.value === 'strict' })}>
            <option value="min">{t('governance.statute.atLeast')}</option>
            <option value="strict">{t('governance.statute.moreThan')}</option>
          </select>
          <label className="visually-hidden" htmlFor={`${id}-num`}>
            {t('governance.statute.numLabel', { context })}
          </label>
          <input id={`${id}-num`} className="gov-frac" type="number" inputMode="numeric" min={0} max={1000} value={th.num} onChange={(e) => set({ num: Number(e.target.value) })} aria-invalid={error ? true : undefined} />
          <span aria-hidden="true">/</span>
          <label className="visually-hidden" htmlFor={`${id}-den`}>
            {t('governance.statute.denLabel', { context })}
          </label>
          <input id={`${id}-den`} className="gov-frac" type="number" inputMode="numeric" min={1} max={1000} value={th.den} onChange={(e) => set({ den: Number(e.target.value) })} aria-invalid={error ? true : undefined} />
          <label className="visually-hidden" htmlFor={`${id}-base`}>
            {t('governance.statute.baseLabel', { context })}
          </label>
          <select id={`${id}-base`} value={th.base} onChange={(e) => set({ base: e.target.value as Threshold['base'] })}>
            {(['entitled', 'present', 'cast'] as const).map((b) => (
              <option key={b} value={b}>
                {codeLabel(t, 'base', b)}
              </option>
            ))}
          </select>
        </span>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

function StatuteForm({ coopId, params, manage }: { coopId: string; params: StatuteParams; manage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [s, setS] = useState<StatuteParams>(params);
  const [note, setNote] = useState('');
  const m = useMutation({
    mutationFn: () => putStatute(coopId, s, note.trim() || null),
    onSuccess: (v) => {
      queryClient.setQueryData(qk.statute(coopId), v);
      void queryClient.invalidateQueries({ queryKey: qk.statuteVersions(coopId) });
      setNote('');
    },
  });
  const errs = fieldPaths(m.error);
  const e = (f: string) => errs[`params/${f}`];
  const set = (patch: Partial<StatuteParams>) => setS({ ...s, ...patch });
  const setRule = (kind: AssemblyKind, call: Call, part: 'constitutive' | 'deliberative', v: Threshold | null) =>
    setS({ ...s, quorums: { ...s.quorums, [kind]: { ...s.quorums[kind], [call]: { ...s.quorums[kind][call], [part]: v } } } });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    m.mutate();
  };
  if (!manage) {
    return (
      <section className="card" aria-labelledby="gov-statute-params">
        <h2 id="gov-statute-params">{t('governance.statute.params')}</h2>
        <dl className="details details-grid">
          {(
            [
              ['minDaysInRegister', String(params.minDaysInRegister)],
              ['legalPersonVotes', String(params.legalPersonVotes)],
              ['financingCap', `${params.financingCap.num}/${params.financingCap.den}`],
              ['proxiesAllowed', params.proxiesAllowed ? t('governance.statute.yes') : t('governance.statute.no')],
              ['maxProxiesPerHolder', String(params.maxProxiesPerHolder)],
              ['excludeUnpaidMembers', params.excludeUnpaidMembers ? t('governance.statute.yes') : t('governance.statute.no')],
              ['noticeDays', String(params.noticeDays)],
              ['noticeDaysWithReceipt', String(params.noticeDaysWithReceipt)],
              ['remoteParticipationAllowed', params.remoteParticipationAllowed ? t('governance.statute.yes') : t('governance.statute.no')],
              ['remoteVotingAllowed', params.remoteVotingAllowed ? t('governance.statute.yes') : t('governance.statute.no')],
              ['postalVotingAllowed', params.postalVotingAllowed ? t('governance.statute.yes') : t('governance.statute.no')],
            ] as const
          ).map(([k, v]) => (
            <div className="detail" key={k}>
              <dt>{codeLabel(t, 'statuteField', k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <QuorumTable params={params} />
      </section>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="gov-statute-params">
      <section className="card">
        <h2 id="gov-statute-params">{t('governance.statute.params')}</h2>
        <p className="muted">{t('governance.statute.tightenOnly')}</p>
        <div className="gov-grid">
          <NumberField label={codeLabel(t, 'statuteField', 'minDaysInRegister')} hint={t('governance.statute.hint.minDays')} value={s.minDaysInRegister} min={90} max={3650} onChange={(n) => set({ minDaysInRegister: n })} error={e('minDaysInRegister')} />
          <NumberField label={codeLabel(t, 'statuteField', 'legalPersonVotes')} hint={t('governance.statute.hint.legalPerson')} value={s.legalPersonVotes} min={1} max={5} onChange={(n) => set({ legalPersonVotes: n })} error={e('legalPersonVotes')} />
          <NumberField label={codeLabel(t, 'statuteField', 'maxProxiesPerHolder')} hint={t('governance.statute.hint.maxProxies')} value={s.maxProxiesPerHolder} min={1} max={10} onChange={(n) => set({ maxProxiesPerHolder: n })} error={e('maxProxiesPerHolder')} />
          <NumberField label={codeLabel(t, 'statuteField', 'noticeDays')} hint={t('governance.statute.hint.noticeDays')} value={s.noticeDays} min={15} max={365} onChange={(n) => set({ noticeDays: n })} error={e('noticeDays')} />
          <NumberField label={codeLabel(t, 'statuteField', 'noticeDaysWithReceipt')} hint={t('governance.statute.hint.noticeReceipt')} value={s.noticeDaysWithReceipt} min={8} max={365} onChange={(n) => set({ noticeDaysWithReceipt: n })} error={e('noticeDaysWithReceipt')} />
          <fieldset className="gov-fraction">
            <legend>{codeLabel(t, 'statuteField', 'financingCap')}</legend>
            <NumberField label={t('governance.statute.numerator')} value={s.financingCap.num} min={0} max={1} onChange={(n) => set({ financingCap: { ...s.financingCap, num: n } })} />
            <NumberField label={t('governance.statute.denominator')} value={s.financingCap.den} min={3} max={1000} onChange={(n) => set({ financingCap: { ...s.financingCap, den: n } })} />
            <p className="hint">{t('governance.statute.hint.financingCap')}</p>
            {e('financingCap') ? <p className="field-error">{e('financingCap')}</p> : null}
          </fieldset>
        </div>
        <Check label={codeLabel(t, 'statuteField', 'proxiesAllowed')} checked={s.proxiesAllowed} onChange={(v) => set({ proxiesAllowed: v })} />
        <Check label={codeLabel(t, 'statuteField', 'excludeUnpaidMembers')} checked={s.excludeUnpaidMembers} onChange={(v) => set({ excludeUnpaidMembers: v })} />
        <Check label={codeLabel(t, 'statuteField', 'remoteParticipationAllowed')} hint={t('governance.statute.hint.remoteParticipation')} checked={s.remoteParticipationAllowed} onChange={(v) => set({ remoteParticipationAllowed: v })} />
        <Check label={codeLabel(t, 'statuteField', 'remoteVotingAllowed')} hint={t('governance.statute.hint.remoteVoting')} checked={s.remoteVotingAllowed} onChange={(v) => set({ remoteVotingAllowed: v })} />
        <Check label={codeLabel(t, 'statuteField', 'postalVotingAllowed')} checked={s.postalVotingAllowed} onChange={(v) => set({ postalVotingAllowed: v })} />
      </section>
      <section className="card" aria-labelledby="gov-quorums">
        <h2 id="gov-quorums">{t('governance.statute.quorums')}</h2>
        <p className="muted">{t('governance.statute.quorumsIntro')}</p>
        {KINDS.map((kind) =>
          CALLS.map((call) => {
            const rule = s.quorums[kind][call];
            const ctx = `${codeLabel(t, 'kind', kind)}, ${codeLabel(t, 'call', call)}`;
            return (
              <fieldset key={`${kind}-${call}`} className="gov-quorum-rule">
                <legend>
                  {ctx} <span className="muted">({rule.source})</span>
                </legend>
                <p className="gov-rule-label">{t('governance.statute.constitutive')}</p>
                <ThresholdEditor
                  value={rule.constitutive}
                  nullable
                  context={`${ctx}: ${t('governance.statute.constitutive')}`}
                  onChange={(v) => setRule(kind, call, 'constitutive', v)}
                  error={errs[`params/quorums/${kind}/${call}/constitutive`]}
                />
                <p className="gov-rule-label">{t('governance.statute.deliberative')}</p>
                <ThresholdEditor
                  value={rule.deliberative}
                  nullable={false}
                  context={`${ctx}: ${t('governance.statute.deliberative')}`}
                  onChange={(v) => v && setRule(kind, call, 'deliberative', v)}
                  error={errs[`params/quorums/${kind}/${call}/deliberative`]}
                />
              </fieldset>
            );
          }),
        )}
      </section>
      <section className="card">
        <div className="field">
          <label htmlFor="statute-note">{t('governance.statute.note')}</label>
          <textarea id="statute-note" rows={2} value={note} onChange={(ev) => setNote(ev.target.value)} maxLength={2000} aria-describedby="statute-note-hint" />
          <p className="hint" id="statute-note-hint">
            {t('governance.statute.noteHint')}
          </p>
        </div>
        <div aria-live="assertive" aria-atomic="true">
          {m.error ? <ProblemAlert error={m.error} role="none" /> : null}
        </div>
        <div aria-live="polite" aria-atomic="true">
          {m.data ? <p className="alert alert-success">{t('governance.statute.saved', { n: m.data.version })}</p> : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('governance.statute.save')}
        </button>
      </section>
    </form>
  );
}

function QuorumTable({ params }: { params: StatuteParams }) {
  const { t } = useTranslation();
  return (
    <TableRegion label={t('governance.statute.quorums')}>
      <table className="data-table compact">
        <caption>{t('governance.statute.quorums')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('governance.statute.assembly')}</th>
            <th scope="col">{t('governance.statute.constitutive')}</th>
            <th scope="col">{t('governance.statute.deliberative')}</th>
            <th scope="col">{t('governance.statute.source')}</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.flatMap((kind) =>
            CALLS.map((call) => {
              const r = params.quorums[kind][call];
              return (
                <tr key={`${kind}-${call}`}>
                  <th scope="row">
                    {codeLabel(t, 'kind', kind)}, {codeLabel(t, 'call', call)}
                  </th>
                  <td>{thresholdText(t, r.constitutive)}</td>
                  <td>{thresholdText(t, r.deliberative)}</td>
                  <td>{r.source}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </TableRegion>
  );
}

function Officers({ coopId, manage }: { coopId: string; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: qk.officers(coopId), queryFn: () => listOfficers(coopId) });
  const [q, setQ] = useState('');
  const [role, setRole] = useState('director');
  const [since, setSince] = useState(new Date().toISOString().slice(0, 10));
  const term = useDebounced(q.trim(), 250);
  const members = useQuery({
    queryKey: ['governance', 'officer-search', coopId, term],
    queryFn: () => listMembers(coopId, { q: term, status: 'active', asOf: '', memberType: '', sort: 'name', order: 'asc' }, 1, 10),
    enabled: manage && term.length > 1,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: qk.officers(coopId) });
  const add = useMutation({ mutationFn: (personId: string) => addOfficer(coopId, { personId, role, since }), onSuccess: refresh });
  const end = useMutation({ mutationFn: (officerId: string) => endOfficer(officerId, new Date().toISOString().slice(0, 10)), onSuccess: refresh });
  return (
    <section className="card" aria-labelledby="gov-officers">
      <h2 id="gov-officers">{t('governance.officers.title')}</h2>
      <p className="muted">{t('governance.officers.intro')}</p>
      {list.error ? <ProblemAlert error={list.error} /> : !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.length === 0 ? (
          <p>{t('governance.officers.none')}</p>
        ) : (
          <ul className="link-list">
            {list.data.map((o) => (
              <li key={o.id}>
                {o.name} — {codeLabel(t, 'officerRole', o.role)} · {t('governance.officers.period', { since: f.date(o.since), until: o.until ? f.date(o.until) : '…' })}
                {manage && !o.until ? (
                  <button type="button" className="btn-link gov-inline-btn" onClick={() => end.mutate(o.id)} disabled={end.isPending}>
                    {t('governance.officers.end')}
                    <span className="visually-hidden"> {o.name}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {end.error ? <ProblemAlert error={end.error} /> : null}
      {manage ? (
        <div className="gov-officer-form">
          <h3>{t('governance.officers.add')}</h3>
          <div className="gov-row">
            <div className="field">
              <label htmlFor={`${id}-role`}>{t('governance.officers.role')}</label>
              <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
                {(['director', 'auditor', 'employee'] as const).map((r) => (
                  <option key={r} value={r}>
                    {codeLabel(t, 'officerRole', r)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-since`}>{t('governance.officers.since')}</label>
              <input id={`${id}-since`} type="date" value={since} onChange={(e) => setSince(e.target.value)} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-q`}>{t('governance.officers.search')}</label>
            <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          </div>
          {members.error ? <ProblemAlert error={members.error} /> : null}
          {members.data ? (
            <ul className="link-list gov-picker-list" aria-label={t('governance.picker.results')}>
              {members.data.items.map((m) => (
                <li key={m.personId}>
                  <span>{m.name}</span>
                  <button type="button" className="btn btn-secondary btn-small" disabled={add.isPending} onClick={() => add.mutate(m.personId)}>
                    {t('governance.officers.record', { name: m.name })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {add.error ? <ProblemAlert error={add.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

export function StatutePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const dt = useDateTime();
  const { id = '' } = useParams();
  const account = useAccount();
  const manage = canManageRegisterOf(account, id);
  const statute = useQuery({ queryKey: qk.statute(id), queryFn: () => getStatute(id) });
  const versions = useQuery({ queryKey: qk.statuteVersions(id), queryFn: () => listStatuteVersions(id) });
  if (statute.error) {
    if (isForbidden(statute.error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('governance.statute.title')}>{t('governance.statute.title')}</PageHeading>
        <ProblemAlert error={statute.error} />
      </>
    );
  }
  if (!statute.data) return <Loading />;
  const s = statute.data;
  return (
    <>
      <PageHeading title={t('governance.statute.title')}>{t('governance.statute.title')}</PageHeading>
      <p className="lead">{s.version === 0 ? t('governance.statute.defaults') : t('governance.statute.inForce', { n: s.version, at: dt(s.createdAt) })}</p>
      {s.note ? <p>{t('governance.statute.noteIs', { note: s.note })}</p> : null}
      <p>
        <Link to={`/cooperative/${id}/assemblee`}>{t('governance.statute.backToAssemblies')}</Link>
      </p>
      <p className="alert alert-info">{t('governance.statute.notRetroactive')}</p>
      <StatuteForm coopId={id} params={s.params} manage={manage} />
      {manage ? (
        <section className="card" aria-labelledby="gov-q-view">
          <h2 id="gov-q-view">{t('governance.statute.inForceTitle')}</h2>
          <QuorumTable params={s.params} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="gov-versions">
        <h2 id="gov-versions">{t('governance.statute.versions')}</h2>
        {versions.error ? <ProblemAlert error={versions.error} /> : !versions.data ? <Loading /> : null}
        {versions.data ? (
          versions.data.length === 0 ? (
            <p>{t('governance.statute.noVersions')}</p>
          ) : (
            <ul className="link-list">
              {versions.data.map((v) => (
                <li key={v.version}>
                  {t('governance.assembly.statuteVersionN', { n: v.version })} · {v.createdAt ? dt(v.createdAt) : t('governance.statute.law')}
                  {v.note ? <span className="muted"> — {v.note}</span> : null}
                </li>
              ))}
            </ul>
          )
        ) : null}
        <p className="muted">{t('governance.statute.versionsCount', { n: f.number(versions.data?.length ?? 0) })}</p>
      </section>
      <Officers coopId={id} manage={manage} />
    </>
  );
}
