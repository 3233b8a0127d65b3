// «Verifica l'indirizzo e-mail»: posts the link's token (after #) once, and says how it went.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Loading, PageHeading, ProblemAlert } from '../../core/ui.tsx';
import { takeFragmentToken, verifyEmail } from './shared.ts';

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [token] = useState(() => takeFragmentToken());
  const m = useMutation({ mutationFn: (tk: string) => verifyEmail(tk) });
  const { mutate } = m;
  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);
  return (
    <div className="narrow">
      <PageHeading title={t('identity.verifyEmail.title')}>{t('identity.verifyEmail.title')}</PageHeading>
      {!token ? <p className="alert alert-error">{t('identity.verifyEmail.noToken')}</p> : null}
      {m.isPending ? <Loading /> : null}
      {m.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t('identity.verifyEmail.done')}
        </p>
      ) : null}
      {m.error ? <ProblemAlert error={m.error} /> : null}
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </div>
  );
}
