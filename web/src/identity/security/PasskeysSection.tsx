// Passkeys on the security page: list, add (a step-up may be asked first), rename, remove.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../../core/format.ts';
import { ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { addPasskey, PasskeyCancelled, passkeysSupported, type PasskeyView } from '../webauthn.ts';
import { listPasskeys, removePasskey, renamePasskey } from './api.ts';
import { StepUpCancelled, useStepUp } from './StepUp.tsx';

function PasskeyItem({ pk, guard, onChanged }: { pk: PasskeyView; guard: ReturnType<typeof useStepUp>['guard']; onChanged: (msg: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(pk.name);
  const queryClient = useQueryClient();
  const rename = useMutation({
    mutationFn: () => renamePasskey(pk.id, name.trim()),
    onSuccess: () => {
      setEditing(false);
      onChanged(t('identity.passkeys.renamed'));
      void queryClient.invalidateQueries({ queryKey: ['me', 'passkeys'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => guard(() => removePasskey(pk.id)),
    onSuccess: () => {
      onChanged(t('identity.passkeys.removed', { name: pk.name }));
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) rename.mutate();
  };
  return (
    <li>
      {editing ? (
        <form className="inline-form" onSubmit={onRename} noValidate>
          <div className="field">
            <label htmlFor={`pk-${pk.id}`}>{t('identity.passkeys.name')}</label>
            <input id={`pk-${pk.id}`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={rename.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div className="id-row">
          <div className="id-row-main">
            <strong>{pk.name}</strong>
            <br />
            <span className="muted">
              {t('identity.passkeys.added', { date: f.date(pk.createdAt) })}
              {' · '}
              {pk.lastUsedAt ? t('identity.passkeys.lastUsed', { date: f.date(pk.lastUsedAt) }) : t('identity.passkeys.neverUsed')}
              {pk.backedUp ? ` · ${t('identity.passkeys.synced')}` : ''}
            </span>
          </div>
          <div className="id-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setEditing(true)} aria-label={t('identity.passkeys.renameLabel', { name: pk.name })}>
              {t('identity.passkeys.rename')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => remove.mutate()} disabled={remove.isPending} aria-label={t('identity.passkeys.removeLabel', { name: pk.name })}>
              {t('identity.passkeys.remove')}
            </button>
          </div>
        </div>
      )}
      {rename.error ? <ProblemAlert error={rename.error} /> : null}
      {remove.error && !(remove.error instanceof StepUpCancelled) ? <ProblemAlert error={remove.error} /> : null}
    </li>
  );
}

export function PasskeysSection() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['me', 'passkeys'], queryFn: listPasskeys });
  const queryClient = useQueryClient();
  const { guard, dialog } = useStepUp();
  const [status, setStatus] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => guard(() => addPasskey()),
    onSuccess: (pk) => {
      setStatus(t('identity.passkeys.addedOk', { name: pk.name }));
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (e) => {
      if (e instanceof PasskeyCancelled || e instanceof StepUpCancelled) setStatus(t('identity.passkeys.cancelled'));
    },
  });
  const supported = passkeysSupported();
  return (
    <section aria-labelledby="sec-passkeys" className="card">
      <h2 id="sec-passkeys">{t('identity.passkeys.title')}</h2>
      <p>{t('identity.passkeys.intro')}</p>
      <QueryBoundary query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('identity.passkeys.none')}</p>
          ) : (
            <ul className="id-list" aria-label={t('identity.passkeys.listLabel')}>
              {data.items.map((pk) => (
                <PasskeyItem key={pk.id} pk={pk} guard={guard} onChanged={setStatus} />
              ))}
            </ul>
          )
        }
      </QueryBoundary>
      {supported ? (
        <button type="button" className="btn btn-primary" onClick={() => add.mutate()} disabled={add.isPending}>
          {add.isPending ? t('identity.passkeys.adding') : t('identity.passkeys.add')}
        </button>
      ) : (
        <p className="alert alert-info">{t('identity.passkeys.unsupported')}</p>
      )}
      <div aria-live="polite" className="live-status">
        {status ? <p className="alert alert-success">{status}</p> : null}
      </div>
      {add.error && !(add.error instanceof PasskeyCancelled) && !(add.error instanceof StepUpCancelled) ? <ProblemAlert error={add.error} /> : null}
      {dialog}
    </section>
  );
}
