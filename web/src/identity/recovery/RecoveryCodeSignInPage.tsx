// Signing in with a recovery code, when the passkey is lost and the password forgotten or not set.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adoptAccountLanguage, clearUserData, forgetSessionEnd, storeSession, useSessionQuery } from '../../core/session.ts';
import { PageHeading, ProblemAlert } from '../../core/ui.tsx';
import { signInWithRecoveryCode } from './shared.ts';

export function RecoveryCodeSignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const m = useMutation({
    mutationFn: () => signInWithRecoveryCode(email.trim(), code),
    onSuccess: (s) => {
      forgetSessionEnd(queryClient);
      clearUserData(queryClient);
      storeSession(queryClient, s);
      adoptAccountLanguage(queryClient, s.account);
    },
    onError: () => setCode(''),
  });
  if (session.data) return <Navigate to="/sicurezza" replace />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (email.trim() && code.trim()) m.mutate();
  };
  return (
    <div className="narrow">
      <PageHeading title={t('identity.recoverySignIn.title')}>{t('identity.recoverySignIn.title')}</PageHeading>
      <p className="lead">{t('identity.recoverySignIn.intro')}</p>
      <div aria-live="assertive">{m.error ? <ProblemAlert error={m.error} role="none" /> : null}</div>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <div className="field">
          <label htmlFor="rc-email">{t('signIn.email')}</label>
          <input id="rc-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="rc-code">{t('identity.recoverySignIn.code')}</label>
          <input id="rc-code" autoComplete="one-time-code" spellCheck={false} autoCapitalize="none" value={code} onChange={(e) => setCode(e.target.value)} aria-describedby="rc-code-hint" required />
          <p id="rc-code-hint" className="hint">
            {t('identity.recoverySignIn.hint')}
          </p>
        </div>
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/accedi">{t('identity.backToSignIn')}</Link>
      </p>
    </div>
  );
}
