// Sign-in form. Errors (from the form's own checks or the API's problem) are announced through a live region
// and tied to their fields with aria-invalid / aria-describedby.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adoptAccountLanguage, clearUserData, forgetSessionEnd, sessionEndReason, storeSession, useSessionQuery } from '../core/session.ts';
import { fieldErrors, Loading, PageHeading, ProblemAlert } from '../core/ui.tsx';
import { signIn } from './api.ts';
import { safeNext } from './next.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const ended = sessionEndReason(queryClient);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [localErrors, setLocalErrors] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: (s) => {
      forgetSessionEnd(queryClient);
      clearUserData(queryClient);
      storeSession(queryClient, s);
      adoptAccountLanguage(queryClient, s.account);
    },
    onError: () => setPassword(''),
  });

  if (session.isPending) return <Loading />;
  if (session.data) return <Navigate to={next} replace />;

  const serverFields = fieldErrors(mutation.error);
  const emailError = localErrors.email ?? serverFields.email;
  const passwordError = localErrors.password ?? serverFields.password;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: { email?: string; password?: string } = {};
    if (!email.trim()) errs.email = t('signIn.emailRequired');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.email = t('signIn.emailInvalid');
    if (!password) errs.password = t('signIn.passwordRequired');
    setLocalErrors(errs);
    if (errs.email) return emailRef.current?.focus();
    if (errs.password) return passwordRef.current?.focus();
    mutation.mutate();
  };

  const hasLocal = Boolean(localErrors.email || localErrors.password);
  return (
    <div className="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <p className="lead">{t('signIn.intro')}</p>
      {ended ? (
        <p className="alert alert-info" role="status">
          {ended === 'signed-out' ? t('signIn.signedOut') : t('signIn.expired')}
        </p>
      ) : null}
      <div aria-live="assertive" aria-atomic="true" className="live-errors">
        {hasLocal ? (
          <div className="alert alert-error">
            <p className="alert-title">{t('signIn.fixErrors')}</p>
          </div>
        ) : mutation.error ? (
          <ProblemAlert error={mutation.error} role="none" />
        ) : null}
      </div>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <div className="field">
          <label htmlFor="email">{t('signIn.email')}</label>
          <input
            ref={emailRef}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? 'email-error' : undefined}
            required
          />
          {emailError ? (
            <p id="email-error" className="field-error">
              {emailError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? 'password-error' : undefined}
            required
          />
          {passwordError ? (
            <p id="password-error" className="field-error">
              {passwordError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
