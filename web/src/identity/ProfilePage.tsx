// «Profilo e iscrizioni»: the account (display name, language), the person on record and every membership.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { updateSessionAccount, useAccount } from '../core/session.ts';
import { roleLabel } from '../core/labels.ts';
import { Detail, fieldErrors, PageHeading, ProblemAlert, QueryBoundary } from '../core/ui.tsx';
import { updateAccount, type PersonView } from './api.ts';
import { MembershipList, useMyMemberships } from './MyMemberships.tsx';

function personName(p: PersonView): string {
  return p.kind === 'legal' ? (p.legalName ?? '') : [p.givenName, p.familyName].filter(Boolean).join(' ');
}

function AccountSection() {
  const { t } = useTranslation();
  const account = useAccount();
  const queryClient = useQueryClient();
  const [name, setName] = useState(account.displayName);
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => setName(account.displayName), [account.displayName]);
  const mutation = useMutation({
    mutationFn: (displayName: string) => updateAccount({ displayName }),
    onSuccess: (a) => updateSessionAccount(queryClient, a),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setLocalError(t('profile.displayNameRequired'));
      return;
    }
    setLocalError(null);
    mutation.mutate(name.trim());
  };
  const nameError = localError ?? fieldErrors(mutation.error).displayName;
  return (
    <section aria-labelledby="profile-account" className="card">
      <h2 id="profile-account">{t('profile.account')}</h2>
      <dl className="details">
        <Detail term={t('profile.email')}>{account.email}</Detail>
        <Detail term={t('profile.language')}>{t(`lang.${account.locale}`)}</Detail>
        <Detail term={t('profile.roles')}>
          {account.grants.length === 0 ? (
            t('profile.noRoles')
          ) : (
            <ul className="plain-list">
              {account.grants.map((g, i) => (
                <li key={`${g.role}-${g.organisationId ?? i}`}>
                  {roleLabel(t, g.role)}
                  {g.organisationName ? ` · ${g.organisationName}` : ''}
                </li>
              ))}
            </ul>
          )}
        </Detail>
      </dl>
      <form className="form inline-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="displayName">{t('profile.displayName')}</label>
          <input
            id="displayName"
            name="displayName"
            autoComplete="nickname"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'displayName-error' : undefined}
          />
          {nameError ? (
            <p id="displayName-error" className="field-error">
              {nameError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {t('common.save')}
        </button>
      </form>
      <div aria-live="polite" className="live-status">
        {mutation.isSuccess ? <p className="alert alert-success">{t('profile.saved')}</p> : null}
        {mutation.error && !nameError ? <ProblemAlert error={mutation.error} role="none" /> : null}
      </div>
    </section>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const q = useMyMemberships();
  return (
    <>
      <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
      <AccountSection />
      <section aria-labelledby="profile-more" className="card">
        <h2 id="profile-more">{t('identity.profile.more')}</h2>
        <ul className="link-list">
          <li>
            <Link to="/sicurezza">{t('identity.security.title')}</Link> — {t('identity.profile.securityHint')}
          </li>
          <li>
            <Link to="/credenziali">{t('identity.credentials.title')}</Link> — {t('identity.profile.credentialsHint')}
          </li>
        </ul>
      </section>
      <QueryBoundary query={q}>
        {(data) => (
          <>
            {data.person ? (
              <section aria-labelledby="profile-person" className="card">
                <h2 id="profile-person">{t('profile.person')}</h2>
                <dl className="details">
                  <Detail term={data.person.kind === 'legal' ? t('profile.legalName') : t('profile.fullName')}>{personName(data.person)}</Detail>
                  <Detail term={t('profile.codiceFiscale')}>
                    {data.person.codiceFiscale ? <span className="mono">{data.person.codiceFiscale}</span> : null}
                  </Detail>
                  <Detail term={t('profile.personEmail')}>{data.person.email}</Detail>
                </dl>
              </section>
            ) : null}
            <section aria-labelledby="profile-memberships">
              <h2 id="profile-memberships">{t('profile.memberships')}</h2>
              <MembershipList data={data} level={3} />
            </section>
          </>
        )}
      </QueryBoundary>
    </>
  );
}
