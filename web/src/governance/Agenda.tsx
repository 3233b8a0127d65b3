// The agenda (ordine del giorno): each item with its motion, documents, ballot (method, candidates) and, once the vote
// is closed, its result explained; discussion and amendments open on demand. While the assembly is a draft the chair
// attaches documents, sets candidates and removes or adds items.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemAlert } from '../core/ui.tsx';
import {
  addItem,
  deleteDocument,
  deleteItem,
  documentUrl,
  setCandidates,
  uploadDocument,
  type AssemblyDetail,
  type ItemInput,
  type ItemView,
} from './api.ts';
import { BallotFacts, BallotResult } from './components.tsx';
import { Amendments, Discussion } from './Deliberation.tsx';
import { ItemEditor, emptyItem, itemInputOf, type ItemDraft } from './ItemEditor.tsx';
import { codeLabel, fieldPaths, isActive, qk } from './util.ts';
import { PostalVote } from './PostalVote.tsx';

function sizeLabel(bytes: number, lang: string): string {
  const kb = bytes / 1024;
  const fmt = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 1 });
  return kb < 1024 ? `${fmt.format(kb)} KB` : `${fmt.format(kb / 1024)} MB`;
}

function Documents({ item, manage }: { item: ItemView; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['governance', 'assembly'] });
  const upload = useMutation({
    mutationFn: (f: File) => uploadDocument(item.id, f),
    onSuccess: () => {
      setFile(null);
      setInputKey((k) => k + 1);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteDocument, onSuccess: refresh });
  if (item.documents.length === 0 && !manage) return null;
  return (
    <div className="gov-documents">
      <h4 className="gov-subhead">{t('governance.agenda.documents')}</h4>
      {item.documents.length === 0 ? <p className="muted">{t('governance.agenda.noDocuments')}</p> : null}
      <ul className="plain-list">
        {item.documents.map((d) => (
          <li key={d.id} className="gov-doc">
            <a href={documentUrl(d.id)} download={d.filename}>
              {d.filename}
            </a>{' '}
            <span className="muted">({sizeLabel(d.sizeBytes, i18n.resolvedLanguage ?? 'it')})</span>
            <span className="muted gov-hash">
              {' '}
              SHA-256 <span className="mono">{d.sha256.slice(0, 16)}…</span>
            </span>
            {manage ? (
              <button type="button" className="btn-link gov-inline-btn" disabled={remove.isPending} onClick={() => remove.mutate(d.id)}>
                {t('governance.agenda.removeDocument')}
                <span className="visually-hidden"> {d.filename}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {manage ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('governance.agenda.attach', { title: item.title })}</label>
            <input key={inputKey} id={`${id}-file`} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" className="btn btn-secondary" disabled={!file || upload.isPending}>
            {t('governance.agenda.upload')}
            <span className="visually-hidden"> — {item.title}</span>
          </button>
        </form>
      ) : null}
      {upload.error ? <ProblemAlert error={upload.error} /> : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
    </div>
  );
}

function CandidatesEditor({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const ballot = item.ballot;
  const [text, setText] = useState((ballot?.candidates ?? []).map((c) => c.name).join('\n'));
  const m = useMutation({
    mutationFn: () =>
      setCandidates(
        ballot?.id ?? '',
        text
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((name) => ({ name })),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['governance', 'assembly'] }),
  });
  if (!ballot || ballot.method === 'yes_no' || ballot.status !== 'draft') return null;
  return (
    <details className="gov-new">
      <summary>{t('governance.agenda.editCandidates')}</summary>
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-c`}>{t('governance.item.candidates')}</label>
          <textarea id={`${id}-c`} rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-c-hint`} />
          <p className="hint" id={`${id}-c-hint`}>
            {t('governance.item.candidatesHint')}
          </p>
        </div>
        {m.error ? <ProblemAlert error={m.error} /> : null}
        {m.isSuccess ? <p className="alert alert-success">{t('governance.agenda.candidatesSaved')}</p> : null}
        <button type="submit" className="btn btn-secondary" disabled={m.isPending}>
          {t('governance.agenda.saveCandidates')}
        </button>
      </form>
    </details>
  );
}

function AgendaItem({ assembly, item, canTakePart }: { assembly: AssemblyDetail; item: ItemView; canTakePart: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'none' | 'discussion' | 'amendments'>('none');
  const manage = assembly.permissions.manage;
  const draft = assembly.status === 'draft';
  const active = isActive(assembly.status);
  const remove = useMutation({
    mutationFn: () => deleteItem(item.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: qk.assembly(assembly.id) }),
  });
  const headingId = `item-${item.id}`;
  const ballot = item.ballot;
  return (
    <li className="card gov-item" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <span className="gov-item-pos">{item.position}.</span> {item.title}
      </h3>
      <p className="muted">
        {codeLabel(t, 'itemKind', item.kind)}
        {ballot ? ` · ${codeLabel(t, 'ballotStatus', ballot.status)}` : ''}
      </p>
      {item.description ? <p className="gov-text">{item.description}</p> : null}
      {item.motion ? (
        <>
          <h4 className="gov-subhead">
            {t('governance.agenda.motion')}
            {item.motionVersion > 1 ? <span className="muted"> {t('governance.agenda.motionVersion', { n: item.motionVersion })}</span> : null}
          </h4>
          <blockquote className="gov-motion">{item.motion}</blockquote>
        </>
      ) : null}
      {ballot ? (
        <>
          <BallotFacts ballot={ballot} />
          {ballot.candidates.length > 0 ? (
            <>
              <h4 className="gov-subhead">{t('governance.agenda.candidates')}</h4>
              <ul className="plain-list gov-candidates">
                {[...ballot.candidates]
                  .sort((a, b) => a.position - b.position)
                  .map((c) => (
                    <li key={c.id}>
                      {c.name}
                      {c.statement ? <span className="muted"> — {c.statement}</span> : null}
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
          {ballot.status === 'closed' && ballot.result ? <BallotResult ballot={ballot} showExport={assembly.permissions.read && ballot.ballotType !== 'encrypted'} /> : null}
          {ballot.ballotType === 'encrypted' ? (
            <p className="gov-evote-links">
              <Link to={`/votazioni/${ballot.id}/urna`}>{t('governance.evote.board.link')}</Link>
              {' · '}
              <Link to={`/votazioni/${ballot.id}/garante`}>{t('governance.evote.trustee.title')}</Link>
            </p>
          ) : null}
          {ballot.status === 'open' ? (
            <p className="alert alert-info">
              {t('governance.agenda.voteOpen')} <Link to={`/assemblee/${assembly.id}/diretta`}>{t('governance.agenda.goVote')}</Link>
            </p>
          ) : null}
          {ballot.status === 'open' && manage && ballot.method === 'yes_no' && ballot.ballotType !== 'encrypted' && assembly.statute?.postalVotingAllowed ? <PostalVote assemblyId={assembly.id} ballot={ballot} /> : null}
        </>
      ) : null}
      <Documents item={item} manage={manage && draft} />
      {manage && draft ? <CandidatesEditor item={item} /> : null}
      {!draft ? (
        <div className="gov-actions gov-toggles">
          <button type="button" className="btn btn-secondary btn-small" aria-expanded={open === 'discussion'} onClick={() => setOpen(open === 'discussion' ? 'none' : 'discussion')}>
            {t('governance.discussion.title')}
            <span className="visually-hidden"> — {item.title}</span>
          </button>
          {item.kind === 'resolution' ? (
            <button type="button" className="btn btn-secondary btn-small" aria-expanded={open === 'amendments'} onClick={() => setOpen(open === 'amendments' ? 'none' : 'amendments')}>
              {t('governance.amendment.title')}
              <span className="visually-hidden"> — {item.title}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {open === 'discussion' ? <Discussion item={item} canPost={canTakePart && active} /> : null}
      {open === 'amendments' ? (
        <Amendments item={item} canPropose={canTakePart && active} canDecide={manage && active} ballotStarted={Boolean(ballot && ballot.status !== 'draft')} />
      ) : null}
      {manage && draft ? (
        <p>
          <button type="button" className="btn-link" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t('governance.agenda.removeItem')}
            <span className="visually-hidden"> {item.title}</span>
          </button>
        </p>
      ) : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
    </li>
  );
}

function AddItem({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ItemDraft>(emptyItem());
  const [openForm, setOpenForm] = useState(false);
  const m = useMutation({
    mutationFn: (input: ItemInput) => addItem(assembly.id, input),
    onSuccess: (a) => {
      queryClient.setQueryData(qk.assembly(assembly.id), a);
      setDraft(emptyItem());
      setOpenForm(false);
    },
  });
  const errs = fieldPaths(m.error);
  if (!openForm) {
    return (
      <button type="button" className="btn btn-secondary" onClick={() => setOpenForm(true)}>
        {t('governance.agenda.addItem')}
      </button>
    );
  }
  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate(itemInputOf(draft));
      }}
    >
      <ItemEditor index={assembly.items.length} value={draft} onChange={setDraft} errors={errs} prefix="" coopId={assembly.cooperativeId} />
      {m.error ? <ProblemAlert error={m.error} /> : null}
      <div className="gov-actions">
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('governance.agenda.saveItem')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setOpenForm(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function Agenda({ assembly, canTakePart }: { assembly: AssemblyDetail; canTakePart: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="gov-agenda">
      <h2 id="gov-agenda">{t('governance.agenda.title')}</h2>
      {assembly.items.length === 0 ? <p>{t('governance.agenda.empty')}</p> : null}
      <ol className="gov-agenda">
        {assembly.items.map((i) => (
          <AgendaItem key={i.id} assembly={assembly} item={i} canTakePart={canTakePart} />
        ))}
      </ol>
      {assembly.permissions.manage && assembly.status === 'draft' ? <AddItem assembly={assembly} /> : null}
    </section>
  );
}
