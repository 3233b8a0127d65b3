// «Reimposta la password»: the link's token (after #) and a new password; then back to signing in.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { fieldErrors, PageHeading, ProblemAlert } from '../../core/ui.tsx';
import { confirmReset, takeFragmentToken } from './shared.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(() => takeFragmentToken());
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const m = useMutation({ mutationFn: () => confirmReset(token ?? '', password) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 10) {
      setLocalError(t('identity.password.tooShort'));
      return;
    }
    setLocalError(null);
    m.mutate();
  };
  const error = localError ?? fieldErrors(m.error).newPassword;
  return (
    <div className="narrow">
      <PageHeading title={t('identity.reset.title')}>{t('identity.reset.title')}</PageHeading>
      {!token ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('identity.reset.noToken')}</p>
          <p>
            <Link to="/password-dimenticata">{t('identity.reset.askAgain')}</Link>
          </p>
        </div>
      ) : m.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p className="alert-title">{t('identity.reset.done')}</p>
          <p>
            <Link to="/accedi">{t('identity.backToSignIn')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t('identity.reset.intro')}</p>
          <div aria-live="assertive">{m.error && !error ? <ProblemAlert error={m.error} role="none" /> : null}</div>
          <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
            <div className="field">
              <label htmlFor="reset-password">{t('identity.password.new')}</label>
              <input
                id="reset-password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'reset-password-error' : 'reset-password-hint'}
              />
              {error ? (
                <p id="reset-password-error" className="field-error">
                  {error}
                </p>
              ) : (
                <p id="reset-password-hint" className="hint">
                  {t('identity.password.newHint')}
                </p>
              )}
            </div>
            <button type="submit" className="btn btn-primary" disabled={m.isPending}>
              {t('identity.reset.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
