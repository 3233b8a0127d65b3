// «Le mie credenziali»: a verifiable membership credential per active membership — shown, downloaded, as a QR code,
// as a presentation that discloses only what the member chooses (e.g. sector and province), or offered to a wallet
// (OpenID4VCI, with a PIN) — and revoked when the member wants.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../../core/format.ts';
import { PageHeading, ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { getMyMemberships, type MyMembership } from '../api.ts';
import { StepUpCancelled, useStepUp } from '../security/StepUp.tsx';
import { createOffer, getCredential, issueCredential, listCredentials, parseSdJwt, presentation, revokeCredential, verifyUrl, type CredentialView, type Offer } from './api.ts';
import { claimLabel, claimValue } from './labels.ts';
import { Qr } from './Qr.tsx';
import '../identity.css';

function Presentation({ sdJwt, coop }: { sdJwt: string; coop: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { disclosures } = useMemo(() => parseSdJwt(sdJwt), [sdJwt]);
  const [chosen, setChosen] = useState<string[]>(disclosures.map((d) => d.name).filter((n) => n === 'sector' || n === 'province'));
  const [copied, setCopied] = useState(false);
  const p = presentation(sdJwt, chosen);
  const toggle = (n: string) => {
    setCopied(false);
    setChosen((c) => (c.includes(n) ? c.filter((x) => x !== n) : [...c, n]));
  };
  const file = `data:application/dc+sd-jwt;charset=utf-8,${encodeURIComponent(p)}`;
  return (
    <section aria-labelledby={`pres-${coop}`}>
      <h4 id={`pres-${coop}`}>{t('identity.credentials.presentTitle')}</h4>
      <p>{t('identity.credentials.presentIntro')}</p>
      <fieldset className="id-fieldset">
        <legend>{t('identity.credentials.disclose')}</legend>
        {disclosures.map((d) => (
          <p className="id-check" key={d.name}>
            <input type="checkbox" id={`d-${coop}-${d.name}`} checked={chosen.includes(d.name)} onChange={() => toggle(d.name)} />
            <label htmlFor={`d-${coop}-${d.name}`}>
              {claimLabel(t, d.name)}: <strong>{claimValue(t, f.lang, d.name, d.value)}</strong>
            </label>
          </p>
        ))}
      </fieldset>
      <div className="id-two">
        <div>
          <label htmlFor={`p-${coop}`} className="field-label">
            <strong>{t('identity.credentials.presentation')}</strong>
          </label>
          <textarea id={`p-${coop}`} className="id-token" readOnly value={p} rows={6} />
          <div className="id-actions">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(p).then(() => setCopied(true));
              }}
            >
              {t('identity.credentials.copy')}
            </button>
            <a className="btn btn-secondary" href={file} download="tessera-socio.sd-jwt">
              {t('identity.credentials.download')}
            </a>
            <a className="btn btn-secondary" href={verifyUrl(p)} target="_blank" rel="noreferrer">
              {t('identity.credentials.openVerify')}
            </a>
          </div>
          <p aria-live="polite">{copied ? t('identity.credentials.copied') : ''}</p>
        </div>
        <div>
          <Qr text={verifyUrl(p)} alt={t('identity.credentials.qrAlt', { claims: chosen.map((n) => claimLabel(t, n)).join(', ') || '—' })} />
          <p className="hint">{t('identity.credentials.qrHint')}</p>
        </div>
      </div>
    </section>
  );
}

function WalletOffer({ membershipId, guard }: { membershipId: string; guard: ReturnType<typeof useStepUp>['guard'] }) {
  const { t } = useTranslation();
  const [offer, setOffer] = useState<Offer | null>(null);
  const m = useMutation({ mutationFn: () => guard(() => createOffer(membershipId)), onSuccess: setOffer });
  const time = offer ? new Date(offer.expiresAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '';
  return (
    <div>
      <button type="button" className="btn btn-secondary" onClick={() => m.mutate()} disabled={m.isPending}>
        {t('identity.credentials.wallet')}
      </button>
      {m.error && !(m.error instanceof StepUpCancelled) ? <ProblemAlert error={m.error} /> : null}
      {offer ? (
        <div className="id-two" role="region" aria-label={t('identity.credentials.walletTitle')}>
          <Qr text={offer.offerUri} alt={t('identity.credentials.walletQrAlt')} />
          <div>
            <p>{t('identity.credentials.walletIntro', { time })}</p>
            <p>
              {t('identity.credentials.pin')}: <span className="id-pin">{offer.txCode}</span>
            </p>
            <p>
              <a href={offer.offerUri}>{t('identity.credentials.walletLink')}</a>
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function CredentialCard({ c, guard }: { c: CredentialView; guard: ReturnType<typeof useStepUp>['guard'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const detail = useQuery({ queryKey: ['me', 'credential', c.id], queryFn: () => getCredential(c.id), enabled: open });
  const revoke = useMutation({ mutationFn: () => revokeCredential(c.id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'credentials'] }) });
  const coop = c.cooperativeName ?? '';
  return (
    <li className="card" aria-labelledby={`cred-${c.id}`}>
      <h3 id={`cred-${c.id}`} className="card-title">
        {coop} <span className={`status id-status-${c.status}`}>{t(`identity.credentials.status.${c.status}`)}</span>
      </h3>
      <p className="muted">
        {t('identity.credentials.issued', { date: f.date(c.issuedAt), until: f.date(c.expiresAt) })}
        {c.via === 'openid4vci' ? ` · ${t('identity.credentials.inWallet')}` : ''}
        {c.revokedReason ? ` · ${t(`identity.credentials.reason.${c.revokedReason}`)}` : ''}
      </p>
      <div className="id-actions">
        {c.via === 'web' ? (
          <button type="button" className="btn btn-secondary" aria-expanded={open} aria-controls={`cred-body-${c.id}`} onClick={() => setOpen((o) => !o)}>
            {open ? t('identity.credentials.hide') : t('identity.credentials.show')}
          </button>
        ) : null}
        {c.status === 'valid' ? (
          <button type="button" className="btn btn-secondary" onClick={() => revoke.mutate()} disabled={revoke.isPending} aria-label={t('identity.credentials.revokeLabel', { coop })}>
            {t('identity.credentials.revoke')}
          </button>
        ) : null}
      </div>
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
      <div id={`cred-body-${c.id}`} hidden={!open}>
        {open ? <QueryBoundary query={detail}>{(d) => (c.status === 'valid' ? <Presentation sdJwt={d.sdJwt} coop={c.id} /> : <p>{t('identity.credentials.notValid')}</p>)}</QueryBoundary> : null}
      </div>
      {c.status === 'valid' && c.membershipId && c.via === 'web' ? <WalletOffer membershipId={c.membershipId} guard={guard} /> : null}
    </li>
  );
}

function IssueButton({ m, guard }: { m: MyMembership; guard: ReturnType<typeof useStepUp>['guard'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const issue = useMutation({
    mutationFn: () => guard(() => issueCredential(m.id)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'credentials'] }),
  });
  return (
    <li>
      <div className="id-row">
        <span className="id-row-main">{m.cooperative.name}</span>
        <button type="button" className="btn btn-primary" onClick={() => issue.mutate()} disabled={issue.isPending} aria-label={t('identity.credentials.issueLabel', { coop: m.cooperative.name })}>
          {t('identity.credentials.issue')}
        </button>
      </div>
      <div aria-live="polite">{issue.isSuccess ? <p className="alert alert-success">{t('identity.credentials.issuedOk', { coop: m.cooperative.name })}</p> : null}</div>
      {issue.error && !(issue.error instanceof StepUpCancelled) ? <ProblemAlert error={issue.error} /> : null}
    </li>
  );
}

export function CredentialsPage() {
  const { t } = useTranslation();
  const { guard, dialog } = useStepUp();
  const creds = useQuery({ queryKey: ['me', 'credentials'], queryFn: listCredentials });
  const ms = useQuery({ queryKey: ['me', 'memberships'], queryFn: getMyMemberships });
  return (
    <>
      <PageHeading title={t('identity.credentials.title')}>{t('identity.credentials.title')}</PageHeading>
      <p className="lead">{t('identity.credentials.intro')}</p>
      <p>
        <Link to="/verifica">{t('identity.credentials.verifyLink')}</Link>
      </p>
      <section aria-labelledby="cred-new" className="card">
        <h2 id="cred-new">{t('identity.credentials.newTitle')}</h2>
        <QueryBoundary query={ms}>
          {(data) => {
            const active = data.items.filter((m) => !m.exitOn);
            return active.length === 0 ? (
              <p>{t('identity.credentials.noMemberships')}</p>
            ) : (
              <ul className="id-list">
                {active.map((m) => (
                  <IssueButton key={m.id} m={m} guard={guard} />
                ))}
              </ul>
            );
          }}
        </QueryBoundary>
      </section>
      <section aria-labelledby="cred-mine">
        <h2 id="cred-mine">{t('identity.credentials.mine')}</h2>
        <QueryBoundary query={creds}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('identity.credentials.none')}</p>
            ) : (
              <ul className="plain-list">
                {data.items.map((c) => (
                  <CredentialCard key={c.id} c={c} guard={guard} />
                ))}
              </ul>
            )
          }
        </QueryBoundary>
      </section>
      {dialog}
    </>
  );
}
