// «Invito»: who invites you to what; a new account (name and password) or, when the address has an account already,
// its password — or simply "accept" when you are signed in as that account (say, with a passkey).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adoptAccountLanguage, clearUserData, forgetSessionEnd, storeSession, useSessionQuery } from '../../core/session.ts';
import { roleLabel } from '../../core/labels.ts';
import { useFormat } from '../../core/format.ts';
import { fieldErrors, PageHeading, ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { acceptInvitation, getInvitation, type InvitationDetails } from './shared.ts';

function AcceptForm({ token, inv }: { token: string; inv: InvitationDetails }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSessionQuery().data;
  const signedInAsInvited = session?.account.email.toLowerCase() === inv.email.toLowerCase();
  const [name, setName] = useState(inv.displayName ?? '');
  const [password, setPassword] = useState('');
  const m = useMutation({
    mutationFn: () =>
      acceptInvitation({
        token,
        ...(signedInAsInvited ? {} : { password }),
        ...(!inv.existingAccount && name.trim() ? { displayName: name.trim() } : {}),
      }),
    onSuccess: (s) => {
      forgetSessionEnd(queryClient);
      clearUserData(queryClient);
      storeSession(queryClient, s);
      adoptAccountLanguage(queryClient, s.account);
      navigate('/sicurezza?benvenuto=1', { replace: true });
    },
    onError: () => setPassword(''),
  });
  const errs = fieldErrors(m.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="invite-form-title">
      <h2 id="invite-form-title">{inv.existingAccount ? t('identity.invitation.existingTitle') : t('identity.invitation.newTitle')}</h2>
      {signedInAsInvited ? (
        <p>{t('identity.invitation.signedInAs', { email: inv.email })}</p>
      ) : inv.existingAccount ? (
        <>
          <p>{t('identity.invitation.existingIntro', { email: inv.email })}</p>
          <p>
            <Link to={`/accedi?next=${encodeURIComponent(`/invito/${token}`)}`}>{t('identity.invitation.signInFirst')}</Link>
          </p>
        </>
      ) : (
        <div className="field">
          <label htmlFor="inv-name">{t('identity.invitation.name')}</label>
          <input id="inv-name" autoComplete="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} aria-invalid={errs.displayName ? true : undefined} aria-describedby={errs.displayName ? 'inv-name-error' : undefined} />
          {errs.displayName ? (
            <p id="inv-name-error" className="field-error">
              {errs.displayName}
            </p>
          ) : null}
        </div>
      )}
      {!signedInAsInvited ? (
        <div className="field">
          <label htmlFor="inv-password">{inv.existingAccount ? t('identity.invitation.existingPassword') : t('identity.password.new')}</label>
          <input
            id="inv-password"
            type="password"
            autoComplete={inv.existingAccount ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={errs.password ? true : undefined}
            aria-describedby={errs.password ? 'inv-password-error' : inv.existingAccount ? undefined : 'inv-password-hint'}
          />
          {errs.password ? (
            <p id="inv-password-error" className="field-error">
              {errs.password}
            </p>
          ) : !inv.existingAccount ? (
            <p id="inv-password-hint" className="hint">
              {t('identity.password.newHint')}
            </p>
          ) : null}
        </div>
      ) : null}
      <div aria-live="assertive">{m.error && !errs.password && !errs.displayName ? <ProblemAlert error={m.error} role="none" /> : null}</div>
      <button type="submit" className="btn btn-primary" disabled={m.isPending}>
        {t('identity.invitation.accept')}
      </button>
    </form>
  );
}

export function InvitationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { token = '' } = useParams();
  const q = useQuery({ queryKey: ['invitation', token], queryFn: () => getInvitation(token), retry: false });
  return (
    <div className="narrow">
      <PageHeading title={t('identity.invitation.title')}>{t('identity.invitation.title')}</PageHeading>
      <QueryBoundary query={q}>
        {(inv) => (
          <>
            <p className="lead">
              {inv.role
                ? t('identity.invitation.roleIntro', { role: roleLabel(t, inv.role), organisation: inv.organisationName ?? '' })
                : inv.cooperatives.length > 0
                  ? t('identity.invitation.memberIntro', { cooperatives: inv.cooperatives.join(', ') })
                  : t('identity.invitation.intro')}
            </p>
            <p className="muted">{t('identity.invitation.expires', { date: f.date(inv.expiresAt), email: inv.email })}</p>
            <AcceptForm token={token} inv={inv} />
          </>
        )}
      </QueryBoundary>
    </div>
  );
}
