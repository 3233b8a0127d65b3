// Changing the password: with the current one, or — after a step-up (passkey) — without it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { fieldErrors, ProblemAlert } from '../../core/ui.tsx';
import { changePassword } from './api.ts';
import { StepUpCancelled, useStepUp } from './StepUp.tsx';

export function PasswordSection({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation();
  const { guard, dialog } = useStepUp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: () => guard(() => changePassword({ ...(current ? { currentPassword: current } : {}), newPassword: next })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 10) {
      setLocalError(t('identity.password.tooShort'));
      return;
    }
    setLocalError(null);
    m.mutate();
  };
  const server = fieldErrors(m.error);
  const nextError = localError ?? server.newPassword;
  return (
    <section aria-labelledby="sec-password" className="card">
      <h2 id="sec-password">{hasPassword ? t('identity.password.title') : t('identity.password.setTitle')}</h2>
      <p>{t('identity.password.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        {hasPassword ? (
          <div className="field">
            <label htmlFor="pw-current">{t('identity.password.current')}</label>
            <input
              id="pw-current"
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              aria-invalid={server.currentPassword ? true : undefined}
              aria-describedby={server.currentPassword ? 'pw-current-error' : 'pw-current-hint'}
            />
            {server.currentPassword ? (
              <p id="pw-current-error" className="field-error">
                {server.currentPassword}
              </p>
            ) : (
              <p id="pw-current-hint" className="hint">
                {t('identity.password.currentHint')}
              </p>
            )}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="pw-new">{t('identity.password.new')}</label>
          <input
            id="pw-new"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-invalid={nextError ? true : undefined}
            aria-describedby={nextError ? 'pw-new-error' : 'pw-new-hint'}
          />
          {nextError ? (
            <p id="pw-new-error" className="field-error">
              {nextError}
            </p>
          ) : (
            <p id="pw-new-hint" className="hint">
              {t('identity.password.newHint')}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('identity.password.submit')}
        </button>
      </form>
      <div aria-live="polite" className="live-status">
        {m.isSuccess ? <p className="alert alert-success">{t('identity.password.changed')}</p> : null}
        {m.error && !(m.error instanceof StepUpCancelled) && !nextError && !server.currentPassword ? <ProblemAlert error={m.error} role="none" /> : null}
      </div>
      {dialog}
    </section>
  );
}
