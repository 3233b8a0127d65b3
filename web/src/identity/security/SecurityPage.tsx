// «Sicurezza dell'account»: e-mail verification, passkeys, password, recovery codes, sessions, applications, and the
// way to the member's own security events.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PageHeading, ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { getSecurity, requestVerification } from './api.ts';
import { PasskeysSection } from './PasskeysSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { RecoveryCodesSection } from './RecoveryCodesSection.tsx';
import { ApplicationsSection, SessionsSection } from './SessionsSection.tsx';
import '../identity.css';

function EmailSection({ verified }: { verified: boolean }) {
  const { t } = useTranslation();
  const m = useMutation({ mutationFn: requestVerification });
  if (verified) return <p className="alert alert-success">{t('identity.email.verified')}</p>;
  return (
    <div className="alert alert-info">
      <p>{t('identity.email.notVerified')}</p>
      <button type="button" className="btn btn-secondary" onClick={() => m.mutate()} disabled={m.isPending || m.isSuccess}>
        {t('identity.email.send')}
      </button>
      <div aria-live="polite">{m.isSuccess ? <p>{t('identity.email.sent')}</p> : null}</div>
      {m.error ? <ProblemAlert error={m.error} /> : null}
    </div>
  );
}

export function SecurityPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['me', 'security'], queryFn: getSecurity });
  return (
    <>
      <PageHeading title={t('identity.security.title')}>{t('identity.security.title')}</PageHeading>
      <p className="lead">{t('identity.security.intro')}</p>
      <p>
        <Link to="/sicurezza/eventi">{t('identity.security.eventsLink')}</Link>
      </p>
      <QueryBoundary query={q}>
        {(s) => (
          <>
            <EmailSection verified={s.emailVerified} />
            <PasskeysSection />
            <PasswordSection hasPassword={s.hasPassword} />
            <RecoveryCodesSection status={s.recoveryCodes} />
          </>
        )}
      </QueryBoundary>
      <SessionsSection />
      <ApplicationsSection />
    </>
  );
}
