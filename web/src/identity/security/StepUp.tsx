// Step-up: a sensitive action answered 403 `step-up-required` opens this dialog; the member confirms with a passkey or
// the password, and the action runs again. Cancelling leaves everything as it was.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ProblemAlert } from '../../core/ui.tsx';
import { PasskeyCancelled, stepUpWithPasskey } from '../webauthn.ts';
import { getSecurity, isStepUpRequired, stepUpWithPassword } from './api.ts';

export class StepUpCancelled extends Error {
  constructor() {
    super('step-up cancelled');
    this.name = 'StepUpCancelled';
  }
}

function StepUpDialog({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const security = useQuery({ queryKey: ['me', 'security'], queryFn: getSecurity });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const withPasskey = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await stepUpWithPasskey();
      onDone();
    } catch (e) {
      if (e instanceof PasskeyCancelled) setNote(t('identity.stepUp.passkeyCancelled'));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const withPassword = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) return;
    setBusy(true);
    setError(null);
    try {
      await stepUpWithPassword(password);
      onDone();
    } catch (err) {
      setPassword('');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="id-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{t('identity.stepUp.title')}</h2>
      <p id={`${id}-desc`}>{t('identity.stepUp.intro')}</p>
      <div aria-live="assertive" className="live-errors">
        {error ? <ProblemAlert error={error} role="none" /> : null}
        {note ? <p className="alert alert-info">{note}</p> : null}
      </div>
      {security.data && security.data.passkeys > 0 ? (
        <p>
          <button type="button" className="btn btn-primary" onClick={() => void withPasskey()} disabled={busy}>
            {t('identity.stepUp.usePasskey')}
          </button>
        </p>
      ) : null}
      {security.data?.hasPassword !== false ? (
        <form className="form" onSubmit={(e) => void withPassword(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-pw`}>{t('identity.stepUp.password')}</label>
            <input id={`${id}-pw`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <div className="id-actions">
            <button type="submit" className="btn btn-secondary" disabled={busy || !password}>
              {t('identity.stepUp.confirm')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </dialog>
  );
}

/** `guard(action)` runs the action; when it needs a step-up, asks for one and runs it again. */
export function useStepUp(): { guard: <T>(action: () => Promise<T>) => Promise<T>; dialog: ReactNode } {
  const [pending, setPending] = useState<{ resolve: () => void; reject: (e: unknown) => void } | null>(null);
  const guard = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (e) {
      if (!isStepUpRequired(e)) throw e;
      await new Promise<void>((resolve, reject) => setPending({ resolve, reject }));
      return action();
    }
  }, []);
  const dialog = pending ? (
    <StepUpDialog
      onDone={() => {
        pending.resolve();
        setPending(null);
      }}
      onCancel={() => {
        pending.reject(new StepUpCancelled());
        setPending(null);
      }}
    />
  ) : null;
  return { guard, dialog };
}
