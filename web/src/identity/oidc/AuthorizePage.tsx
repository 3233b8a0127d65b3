// «Accesso a un'applicazione»: another cooperative service asks to sign the member in with their Cooperando identity.
// With a session the sign-in step completes by itself; the consent step shows exactly what the application will
// receive — the co-op memberships listed one by one — and the member chooses the optional parts.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useSessionQuery } from '../../core/session.ts';
import { memberTypesLabel } from '../../core/labels.ts';
import { useFormat } from '../../core/format.ts';
import { Loading, PageHeading, ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { finishLogin, getInteraction, giveConsent, refuse, type Interaction } from './api.ts';
import '../identity.css';

const OPTIONAL = ['profile', 'email', 'memberships', 'offline_access'];

function Consent({ it, csrf }: { it: Interaction; csrf: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [chosen, setChosen] = useState<string[]>(it.scopes.filter((s) => OPTIONAL.includes(s)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const go = async (fn: () => Promise<{ redirectTo: string }>) => {
    setBusy(true);
    setError(null);
    try {
      window.location.assign((await fn()).redirectTo);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void go(() => giveConsent(it.uid, csrf, chosen));
  };
  const toggle = (s: string) => setChosen((c) => (c.includes(s) ? c.filter((x) => x !== s) : [...c, s]));
  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="consent-title">
      <h2 id="consent-title">{t('identity.authorize.consentTitle', { client: it.client.name })}</h2>
      <p>{t('identity.authorize.consentIntro', { client: it.client.name, host: it.client.redirectHost })}</p>
      <fieldset className="id-fieldset">
        <legend>{t('identity.authorize.what')}</legend>
        <p className="id-check">
          <input type="checkbox" id="scope-openid" checked disabled />
          <label htmlFor="scope-openid">{t('identity.scope.openid.title')}</label>
        </p>
        <p className="hint">{t('identity.scope.openid.hint')}</p>
        {it.scopes
          .filter((s) => OPTIONAL.includes(s))
          .map((s) => (
            <div key={s}>
              <p className="id-check">
                <input type="checkbox" id={`scope-${s}`} checked={chosen.includes(s)} onChange={() => toggle(s)} aria-describedby={`scope-${s}-hint`} />
                <label htmlFor={`scope-${s}`}>{t(`identity.scope.${s}.title`)}</label>
              </p>
              <p id={`scope-${s}-hint`} className="hint">
                {t(`identity.scope.${s}.hint`)}
              </p>
              {s === 'memberships' && it.memberships ? (
                it.memberships.length === 0 ? (
                  <p className="hint">{t('identity.authorize.noMemberships')}</p>
                ) : (
                  <ul className="hint">
                    {it.memberships.map((m) => (
                      <li key={m.cooperative_tax_code + m.member_since}>
                        {t('identity.authorize.membershipLine', {
                          coop: m.cooperative,
                          types: memberTypesLabel(t, m.member_type),
                          since: f.date(m.member_since),
                          state: m.active ? t('identity.authorize.active') : t('identity.authorize.ended'),
                        })}
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
            </div>
          ))}
      </fieldset>
      <p className="hint">{t('identity.authorize.pairwise')}</p>
      <div aria-live="assertive">{error ? <ProblemAlert error={error} role="none" /> : null}</div>
      <div className="id-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('identity.authorize.allow')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void go(() => refuse(it.uid, csrf))}>
          {t('identity.authorize.deny')}
        </button>
      </div>
    </form>
  );
}

function Login({ it, csrf }: { it: Interaction; csrf: string | null }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    // Signed in already: the sign-in step is this session; nothing to ask.
    if (started.current) return;
    started.current = true;
    finishLogin(it.uid, csrf)
      .then((r) => window.location.assign(r.redirectTo))
      .catch(setError);
  }, [it.uid, csrf]);
  return (
    <div aria-live="polite">
      {error ? <ProblemAlert error={error} /> : <Loading label={t('identity.authorize.signingIn', { client: it.client.name })} />}
    </div>
  );
}

export function AuthorizePage() {
  const { t } = useTranslation();
  const { uid = '' } = useParams();
  const session = useSessionQuery();
  const q = useQuery({ queryKey: ['oidc-interaction', uid], queryFn: () => getInteraction(uid), retry: false, staleTime: 0, gcTime: 0 });
  const csrf = session.data?.csrfToken ?? null;
  return (
    <div className="narrow">
      <PageHeading title={t('identity.authorize.title')}>{t('identity.authorize.title')}</PageHeading>
      <QueryBoundary query={q}>{(it) => (it.prompt === 'login' ? <Login it={it} csrf={csrf} /> : <Consent it={it} csrf={csrf} />)}</QueryBoundary>
    </div>
  );
}
