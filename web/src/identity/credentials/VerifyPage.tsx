// «Verifica una tessera»: anyone pastes (or opens, from a QR code) a membership credential presentation and sees
// whether it is genuine, current and not revoked, and exactly what its holder chose to disclose.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { useFormat } from '../../core/format.ts';
import { Detail, Loading, PageHeading, ProblemAlert } from '../../core/ui.tsx';
import { CLAIM_ORDER, verifyPresentation, type VerificationReport } from './api.ts';
import { claimLabel, claimValue } from './labels.ts';
import '../identity.css';

function Report({ r }: { r: VerificationReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const claims = Object.entries(r.disclosed).sort(([a], [b]) => CLAIM_ORDER.indexOf(a) - CLAIM_ORDER.indexOf(b));
  const checks = (['signature', 'disclosures', 'validity', 'status', 'holderBinding'] as const).filter((k) => r.checks[k] !== 'not-applicable');
  return (
    <section aria-labelledby="verify-result" className="card">
      <h2 id="verify-result">{t('identity.verify.result')}</h2>
      <div className={`alert ${r.valid ? 'alert-success' : 'alert-error'}`} role="status">
        <p className="alert-title">{r.valid ? t('identity.verify.valid') : t('identity.verify.invalid')}</p>
        {!r.valid && r.problem ? <p>{t(`identity.verify.problem.${r.problem}`, { defaultValue: r.problem })}</p> : null}
      </div>
      <ul className="id-checks" aria-label={t('identity.verify.checks')}>
        {checks.map((k) => (
          <li key={k} className={r.checks[k]}>
            {t(`identity.verify.check.${k}`)}: {t(`identity.verify.${r.checks[k]}`)}
          </li>
        ))}
      </ul>
      {claims.length > 0 ? (
        <>
          <h3>{t('identity.verify.disclosed')}</h3>
          <dl className="details">
            {claims.map(([k, v]) => (
              <Detail key={k} term={claimLabel(t, k)}>
                {claimValue(t, f.lang, k, v)}
              </Detail>
            ))}
          </dl>
        </>
      ) : null}
      <p className="hint">
        {t('identity.verify.hidden', { count: r.undisclosedCount })}
        {r.issuedAt ? ` ${t('identity.verify.dates', { issued: f.date(r.issuedAt), expires: f.date(r.expiresAt) })}` : ''}
      </p>
      {r.issuer ? <p className="hint">{t('identity.verify.issuer', { issuer: r.issuer })}</p> : null}
    </section>
  );
}

export function VerifyPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const m = useMutation({ mutationFn: (p: string) => verifyPresentation(p) });
  const { mutate } = m;
  // Opened from a QR code: the presentation is in the fragment (never sent to the server as part of the address).
  useEffect(() => {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.includes('~')) {
      setText(hash);
      mutate(hash);
    }
  }, [mutate]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) m.mutate(text.trim());
  };
  return (
    <>
      <PageHeading title={t('identity.verify.title')}>{t('identity.verify.title')}</PageHeading>
      <p className="lead">{t('identity.verify.intro')}</p>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <div className="field">
          <label htmlFor="verify-input">{t('identity.verify.label')}</label>
          <textarea id="verify-input" className="id-token" value={text} onChange={(e) => setText(e.target.value)} rows={6} spellCheck={false} aria-describedby="verify-hint" />
          <p id="verify-hint" className="hint">
            {t('identity.verify.hint')}
          </p>
        </div>
        <button type="submit" className="btn btn-primary" disabled={m.isPending || !text.trim()}>
          {t('identity.verify.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {m.isPending ? <Loading /> : null}
        {m.data ? <Report r={m.data} /> : null}
      </div>
      {m.error ? <ProblemAlert error={m.error} /> : null}
    </>
  );
}
