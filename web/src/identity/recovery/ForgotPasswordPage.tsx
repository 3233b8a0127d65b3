// «Password dimenticata»: asks for a reset link. The answer is the same whether or not the address has an account.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { PageHeading, ProblemAlert } from '../../core/ui.tsx';
import { requestReset } from './shared.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({ mutationFn: () => requestReset(email.trim()) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      setError(t('signIn.emailInvalid'));
      return;
    }
    setError(null);
    m.mutate();
  };
  return (
    <div className="narrow">
      <PageHeading title={t('identity.forgot.title')}>{t('identity.forgot.title')}</PageHeading>
      <p className="lead">{t('identity.forgot.intro')}</p>
      <div aria-live="polite">
        {m.isSuccess ? (
          <p className="alert alert-success" role="status">
            {t('identity.forgot.sent')}
          </p>
        ) : null}
      </div>
      {m.error ? <ProblemAlert error={m.error} /> : null}
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <div className="field">
          <label htmlFor="forgot-email">{t('signIn.email')}</label>
          <input
            id="forgot-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'forgot-email-error' : undefined}
          />
          {error ? (
            <p id="forgot-email-error" className="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('identity.forgot.submit')}
        </button>
      </form>
      <p>
        <Link to="/accedi">{t('identity.backToSignIn')}</Link>
      </p>
    </div>
  );
}
