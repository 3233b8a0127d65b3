// The chair's forms: convene a new assembly (details, calls, agenda) and change a draft's details. The draft is
// saved first; documents are attached and the notice is sent from the assembly's page («Convoca»), where the
// platform checks the notice period, the calls and the statute before anything goes out.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isForbidden, Loading, NotAllowed, PageHeading, ProblemAlert } from '../core/ui.tsx';
import {
  createAssembly,
  getAssembly,
  getStatute,
  updateAssembly,
  type AssemblyDetail,
  type AssemblyFields,
  type AssemblyKind,
  type AssemblyMode,
  type NoticeMethod,
} from './api.ts';
import { ItemEditor, emptyItem, itemInputOf, type ItemDraft } from './ItemEditor.tsx';
import { codeLabel, fieldPaths, fromLocalInput, qk, toLocalInput } from './util.ts';
import './governance.css';

interface Draft {
  kind: AssemblyKind;
  title: string;
  description: string;
  mode: AssemblyMode;
  place: string;
  onlineUrl: string;
  firstCallAt: string;
  secondCallAt: string;
  recordDate: string;
  noticeMethod: NoticeMethod;
}

const emptyDraft = (): Draft => ({
  kind: 'ordinary',
  title: '',
  description: '',
  mode: 'in_person',
  place: '',
  onlineUrl: '',
  firstCallAt: '',
  secondCallAt: '',
  recordDate: '',
  noticeMethod: 'standard',
});

const draftOf = (a: AssemblyDetail): Draft => ({
  kind: (a.kind === 'extraordinary' ? 'extraordinary' : 'ordinary') as AssemblyKind,
  title: a.title,
  description: a.description ?? '',
  mode: (['in_person', 'hybrid', 'remote'].includes(a.mode) ? a.mode : 'in_person') as AssemblyMode,
  place: a.place ?? '',
  onlineUrl: a.onlineUrl ?? '',
  firstCallAt: toLocalInput(a.firstCallAt),
  secondCallAt: toLocalInput(a.secondCallAt),
  recordDate: a.recordDate ?? '',
  noticeMethod: a.noticeMethod === 'with_receipt' ? 'with_receipt' : 'standard',
});

/** The API fields of a draft; `local` collects the form's own errors (dates that cannot be read). */
function fieldsOf(d: Draft, t: (k: string) => string, local: Record<string, string>): AssemblyFields {
  const first = fromLocalInput(d.firstCallAt);
  if (!first) local.firstCallAt = t('governance.form.dateRequired');
  if (!d.title.trim()) local.title = t('governance.form.titleRequired');
  const second = d.secondCallAt ? fromLocalInput(d.secondCallAt) : null;
  return {
    kind: d.kind,
    title: d.title.trim(),
    description: d.description.trim() || null,
    mode: d.mode,
    place: d.place.trim() || null,
    onlineUrl: d.onlineUrl.trim() || null,
    firstCallAt: first ?? '',
    secondCallAt: second,
    recordDate: d.recordDate || null,
    noticeMethod: d.noticeMethod,
  };
}

function DetailsFields({ value, onChange, errors, statuteHint }: { value: Draft; onChange: (d: Draft) => void; errors: Record<string, string>; statuteHint: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<Draft>) => onChange({ ...value, ...patch });
  const desc = (f: string, hint = false) => [hint ? `${id}-${f}-hint` : null, errors[f] ? `${id}-${f}-err` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: string) =>
    errors[f] ? (
      <p className="field-error" id={`${id}-${f}-err`}>
        {errors[f]}
      </p>
    ) : null;
  return (
    <>
      <fieldset className="radio-group">
        <legend>{t('governance.form.kind')}</legend>
        {(['ordinary', 'extraordinary'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={`${id}-kind`} value={k} checked={value.kind === k} onChange={() => set({ kind: k })} />
            {codeLabel(t, 'kind', k)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('governance.form.title')}</label>
        <input id={`${id}-title`} value={value.title} onChange={(e) => set({ title: e.target.value })} maxLength={300} required aria-invalid={errors.title ? true : undefined} aria-describedby={desc('title')} />
        {fieldError('title')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('governance.form.description')}</label>
        <textarea id={`${id}-description`} rows={3} value={value.description} onChange={(e) => set({ description: e.target.value })} maxLength={20000} />
      </div>
      <fieldset className="radio-group">
        <legend>{t('governance.form.mode')}</legend>
        {(['in_person', 'hybrid', 'remote'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name={`${id}-mode`} value={m} checked={value.mode === m} onChange={() => set({ mode: m })} aria-describedby={errors.mode ? `${id}-mode-err` : undefined} />
            {codeLabel(t, 'mode', m)}
          </label>
        ))}
        {fieldError('mode')}
      </fieldset>
      {value.mode !== 'remote' ? (
        <div className="field">
          <label htmlFor={`${id}-place`}>{t('governance.form.place')}</label>
          <input id={`${id}-place`} value={value.place} onChange={(e) => set({ place: e.target.value })} maxLength={500} />
        </div>
      ) : null}
      {value.mode !== 'in_person' ? (
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('governance.form.onlineUrl')}</label>
          <input id={`${id}-url`} type="url" inputMode="url" value={value.onlineUrl} onChange={(e) => set({ onlineUrl: e.target.value })} maxLength={500} aria-invalid={errors.onlineUrl ? true : undefined} aria-describedby={desc('onlineUrl')} />
          {fieldError('onlineUrl')}
        </div>
      ) : null}
      <div className="gov-row">
        <div className="field">
          <label htmlFor={`${id}-first`}>{t('governance.form.firstCallAt')}</label>
          <input
            id={`${id}-first`}
            type="datetime-local"
            value={value.firstCallAt}
            onChange={(e) => set({ firstCallAt: e.target.value })}
            required
            aria-invalid={errors.firstCallAt ? true : undefined}
            aria-describedby={desc('firstCallAt', Boolean(statuteHint))}
          />
          {statuteHint ? (
            <p className="hint" id={`${id}-firstCallAt-hint`}>
              {statuteHint}
            </p>
          ) : null}
          {fieldError('firstCallAt')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-second`}>{t('governance.form.secondCallAt')}</label>
          <input
            id={`${id}-second`}
            type="datetime-local"
            value={value.secondCallAt}
            onChange={(e) => set({ secondCallAt: e.target.value })}
            aria-invalid={errors.secondCallAt ? true : undefined}
            aria-describedby={desc('secondCallAt', true)}
          />
          <p className="hint" id={`${id}-secondCallAt-hint`}>
            {t('governance.form.secondCallHint')}
          </p>
          {fieldError('secondCallAt')}
        </div>
      </div>
      <fieldset className="radio-group">
        <legend>{t('governance.form.noticeMethod')}</legend>
        {(['standard', 'with_receipt'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name={`${id}-notice`} value={m} checked={value.noticeMethod === m} onChange={() => set({ noticeMethod: m })} />
            {codeLabel(t, 'noticeMethod', m)}
          </label>
        ))}
      </fieldset>
      <div className="field narrow-field">
        <label htmlFor={`${id}-record`}>{t('governance.form.recordDate')}</label>
        <input id={`${id}-record`} type="date" value={value.recordDate} onChange={(e) => set({ recordDate: e.target.value })} aria-invalid={errors.recordDate ? true : undefined} aria-describedby={desc('recordDate', true)} />
        <p className="hint" id={`${id}-recordDate-hint`}>
          {t('governance.form.recordDateHint')}
        </p>
        {fieldError('recordDate')}
      </div>
    </>
  );
}

function useStatuteHint(coopId: string | undefined): string | null {
  const { t } = useTranslation();
  const statute = useQuery({ queryKey: qk.statute(coopId ?? ''), queryFn: () => getStatute(coopId ?? ''), enabled: Boolean(coopId) });
  const s = statute.data?.params;
  if (!s) return null;
  const parts = [t('governance.form.noticeHint', { days: s.noticeDays, receipt: s.noticeDaysWithReceipt })];
  if (!s.remoteParticipationAllowed) parts.push(t('governance.form.noRemoteHint'));
  return parts.join(' ');
}

/** «Convoca un'assemblea»: a new draft with its agenda. */
export function ConvenePage() {
  const { t } = useTranslation();
  const { id: coopId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [items, setItems] = useState<ItemDraft[]>([emptyItem('resolution')]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const hint = useStatuteHint(coopId);
  const m = useMutation({
    mutationFn: (input: Parameters<typeof createAssembly>[1]) => createAssembly(coopId, input),
    onSuccess: (a) => {
      queryClient.setQueryData(qk.assembly(a.id), a);
      void queryClient.invalidateQueries({ queryKey: qk.coopAssemblies(coopId) });
      navigate(`/assemblee/${a.id}`);
    },
  });
  const errors = { ...fieldPaths(m.error), ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const fields = fieldsOf(draft, t, errs);
    items.forEach((it, i) => {
      if (!it.title.trim()) errs[`items/${i}/title`] = t('governance.form.titleRequired');
    });
    setLocal(errs);
    if (Object.keys(errs).length) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    m.mutate({ ...fields, items: items.map(itemInputOf) });
  };
  return (
    <>
      <PageHeading title={t('governance.form.newTitle')}>{t('governance.form.newTitle')}</PageHeading>
      <p className="lead">{t('governance.form.newIntro')}</p>
      <p>
        <Link to={`/cooperative/${coopId}/assemblee`}>{t('governance.form.backToList')}</Link>
      </p>
      <div aria-live="assertive" aria-atomic="true">
        {Object.keys(local).length ? (
          <div className="alert alert-error">
            <p className="alert-title">{t('governance.form.fixErrors')}</p>
          </div>
        ) : m.error ? (
          <ProblemAlert error={m.error} role="none" />
        ) : null}
      </div>
      <form className="form gov-form" onSubmit={submit} noValidate aria-labelledby="page-title">
        <section className="card" aria-labelledby="gov-form-details">
          <h2 id="gov-form-details">{t('governance.form.details')}</h2>
          <DetailsFields value={draft} onChange={setDraft} errors={errors} statuteHint={hint} />
        </section>
        <section className="card" aria-labelledby="gov-form-agenda">
          <h2 id="gov-form-agenda">{t('governance.agenda.title')}</h2>
          {items.map((it, i) => (
            <ItemEditor
              key={i}
              index={i}
              value={it}
              onChange={(d) => setItems(items.map((x, j) => (j === i ? d : x)))}
              errors={errors}
              prefix={`items/${i}/`}
              coopId={coopId}
              onRemove={items.length > 1 ? () => setItems(items.filter((_, j) => j !== i)) : undefined}
            />
          ))}
          <div className="gov-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setItems([...items, emptyItem('resolution')])}>
              {t('governance.form.addResolution')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setItems([...items, emptyItem('election')])}>
              {t('governance.form.addElection')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setItems([...items, emptyItem('information')])}>
              {t('governance.form.addInformation')}
            </button>
          </div>
        </section>
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {m.isPending ? t('governance.form.saving') : t('governance.form.saveDraft')}
        </button>
      </form>
    </>
  );
}

/** Changing a draft's details (the agenda is edited on the assembly's page). */
export function EditAssemblyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const assembly = useQuery({ queryKey: qk.assembly(id), queryFn: () => getAssembly(id) });
  if (assembly.error) {
    if (isForbidden(assembly.error)) return <NotAllowed />;
    return (
      <>
        <PageHeading title={t('governance.form.editTitle')}>{t('governance.form.editTitle')}</PageHeading>
        <ProblemAlert error={assembly.error} />
      </>
    );
  }
  if (!assembly.data) return <Loading />;
  return <EditForm assembly={assembly.data} />;
}

function EditForm({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(assembly));
  const [local, setLocal] = useState<Record<string, string>>({});
  const hint = useStatuteHint(assembly.cooperativeId);
  const m = useMutation({
    mutationFn: (patch: Partial<AssemblyFields>) => updateAssembly(assembly.id, patch),
    onSuccess: (a) => {
      queryClient.setQueryData(qk.assembly(a.id), a);
      navigate(`/assemblee/${a.id}`);
    },
  });
  if (assembly.status !== 'draft' || !assembly.permissions.manage) {
    return (
      <>
        <PageHeading title={t('governance.form.editTitle')}>{t('governance.form.editTitle')}</PageHeading>
        <p className="alert alert-info">{t('governance.form.notDraft')}</p>
        <p>
          <Link to={`/assemblee/${assembly.id}`}>{assembly.title}</Link>
        </p>
      </>
    );
  }
  const errors = { ...fieldPaths(m.error), ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const fields = fieldsOf(draft, t, errs);
    setLocal(errs);
    if (Object.keys(errs).length) return;
    m.mutate(fields);
  };
  return (
    <>
      <PageHeading title={t('governance.form.editTitle')}>{t('governance.form.editTitle')}</PageHeading>
      <p>
        <Link to={`/assemblee/${assembly.id}`}>{t('governance.form.backToAssembly')}</Link>
      </p>
      <div aria-live="assertive" aria-atomic="true">
        {m.error ? <ProblemAlert error={m.error} role="none" /> : null}
      </div>
      <form className="form gov-form card" onSubmit={submit} noValidate aria-labelledby="page-title">
        <DetailsFields value={draft} onChange={setDraft} errors={errors} statuteHint={hint} />
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
