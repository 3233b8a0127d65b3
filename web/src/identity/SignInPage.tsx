// Sign-in form. Errors (from the form's own checks or the API's problem) are announced through a live region
// and tied to their fields with aria-invalid / aria-describedby.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adoptAccountLanguage, clearUserData, forgetSessionEnd, sessionEndReason, storeSession, useSessionQuery } from '../core/session.ts';
import { fieldErrors, Loading, PageHeading, ProblemAlert } from '../core/ui.tsx';
import { signIn, type Session } from './api.ts';
import { safeNext } from './next.ts';
import { PasskeyCancelled, passkeysSupported, signInWithPasskey } from './webauthn.ts';
import './identity.css';

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

  const onSignedIn = (s: Session) => {
    forgetSessionEnd(queryClient);
    clearUserData(queryClient);
    storeSession(queryClient, s);
    adoptAccountLanguage(queryClient, s.account);
  };
  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: onSignedIn,
    onError: () => setPassword(''),
  });
  const passkey = useMutation({ mutationFn: signInWithPasskey, onSuccess: onSignedIn });

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
        ) : passkey.error instanceof PasskeyCancelled ? (
          <p className="alert alert-info">{t('identity.signIn.passkeyCancelled')}</p>
        ) : passkey.error ? (
          <ProblemAlert error={passkey.error} role="none" />
        ) : null}
      </div>
      {passkeysSupported() ? (
        <>
          <button type="button" className="btn btn-primary id-wide-btn" onClick={() => passkey.mutate()} disabled={passkey.isPending}>
            {passkey.isPending ? t('identity.signIn.passkeyWaiting') : t('identity.signIn.passkey')}
          </button>
          <p className="id-or">{t('identity.signIn.orPassword')}</p>
        </>
      ) : null}
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
      <ul className="link-list">
        <li>
          <Link to="/password-dimenticata">{t('identity.signIn.forgot')}</Link>
        </li>
        <li>
          <Link to="/accedi/codice-di-recupero">{t('identity.signIn.recoveryCode')}</Link>
        </li>
        <li>
          <Link to="/verifica">{t('identity.signIn.verifyCredential')}</Link>
        </li>
      </ul>
    </div>
  );
}
