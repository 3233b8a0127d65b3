// «Applicazioni collegate» (platform admins): register relying parties that sign members in with their Cooperando
// identity, see their settings, give a new secret, disable or remove them; and rotate the signing keys.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../../core/format.ts';
import { Detail, fieldErrors, PageHeading, ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { createClient, deleteClient, listClients, listKeys, rotateKeys, rotateSecret, updateClient, type AuthMethod, type OidcClient } from './api.ts';
import '../identity.css';

const lines = (s: string): string[] => s.split(/\s+/).map((x) => x.trim()).filter(Boolean);

function Secret({ secret }: { secret: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info" role="status">
      <p className="alert-title">{t('identity.clients.secretOnce')}</p>
      <p>
        <code className="id-token" style={{ display: 'block', minHeight: 0 }}>
          {secret}
        </code>
      </p>
    </div>
  );
}

function NewClientForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [authMethod, setAuthMethod] = useState<AuthMethod>('client_secret_basic');
  const [redirects, setRedirects] = useState('');
  const [logouts, setLogouts] = useState('');
  const [refresh, setRefresh] = useState(true);
  const m = useMutation({
    mutationFn: () => createClient({ name: name.trim(), authMethod, redirectUris: lines(redirects), postLogoutRedirectUris: lines(logouts), allowRefresh: refresh }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'oidc-clients'] }),
  });
  const errs = fieldErrors(m.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };
  return (
    <section aria-labelledby="new-client" className="card">
      <h2 id="new-client">{t('identity.clients.newTitle')}</h2>
      {m.data ? (
        <>
          <p className="alert alert-success" role="status">
            {t('identity.clients.created', { name: m.data.client.name, id: m.data.client.clientId })}
          </p>
          {m.data.clientSecret ? <Secret secret={m.data.clientSecret} /> : null}
        </>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="c-name">{t('identity.clients.name')}</label>
          <input id="c-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <fieldset className="radio-group">
          <legend>{t('identity.clients.kind')}</legend>
          {(['client_secret_basic', 'client_secret_post', 'none'] as const).map((m2) => (
            <label key={m2}>
              <input type="radio" name="c-auth" value={m2} checked={authMethod === m2} onChange={() => setAuthMethod(m2)} />
              {t(`identity.clients.auth.${m2}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="c-redirects">{t('identity.clients.redirects')}</label>
          <textarea id="c-redirects" className="id-token" rows={3} value={redirects} onChange={(e) => setRedirects(e.target.value)} aria-describedby="c-redirects-hint" aria-invalid={errs.redirectUris || Object.keys(errs).some((k) => /^\d+$/.test(k)) ? true : undefined} />
          <p id="c-redirects-hint" className="hint">
            {t('identity.clients.redirectsHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="c-logouts">{t('identity.clients.logouts')}</label>
          <textarea id="c-logouts" className="id-token" rows={2} value={logouts} onChange={(e) => setLogouts(e.target.value)} />
        </div>
        <p className="id-check">
          <input type="checkbox" id="c-refresh" checked={refresh} onChange={(e) => setRefresh(e.target.checked)} />
          <label htmlFor="c-refresh">{t('identity.clients.refresh')}</label>
        </p>
        <div aria-live="assertive">{m.error ? <ProblemAlert error={m.error} role="none" /> : null}</div>
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('identity.clients.register')}
        </button>
      </form>
    </section>
  );
}

function ClientCard({ c, issuer }: { c: OidcClient; issuer: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'oidc-clients'] });
  const secret = useMutation({ mutationFn: () => rotateSecret(c.clientId) });
  const toggle = useMutation({ mutationFn: () => updateClient(c.clientId, { disabled: !c.disabled }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => deleteClient(c.clientId), onSuccess: refresh });
  return (
    <li className="card" aria-labelledby={`client-${c.clientId}`}>
      <h3 id={`client-${c.clientId}`} className="card-title">
        {c.name} {c.disabled ? <span className="status status-exited">{t('identity.clients.disabled')}</span> : null}
      </h3>
      <dl className="details">
        <Detail term="client_id">
          <span className="mono">{c.clientId}</span>
        </Detail>
        <Detail term={t('identity.clients.kind')}>{t(`identity.clients.auth.${c.authMethod}`)}</Detail>
        <Detail term={t('identity.clients.redirects')}>{c.redirectUris.join(' ')}</Detail>
        <Detail term={t('identity.clients.logouts')}>{c.postLogoutRedirectUris.join(' ')}</Detail>
        <Detail term={t('identity.clients.issuer')}>
          <span className="mono">{issuer}</span>
        </Detail>
        <Detail term={t('identity.clients.since')}>{f.date(c.createdAt)}</Detail>
      </dl>
      {secret.data ? <Secret secret={secret.data.clientSecret} /> : null}
      <div className="id-actions">
        {c.authMethod !== 'none' ? (
          <button type="button" className="btn btn-secondary" onClick={() => secret.mutate()} disabled={secret.isPending}>
            {t('identity.clients.newSecret')}
          </button>
        ) : null}
        <button type="button" className="btn btn-secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {c.disabled ? t('identity.clients.enable') : t('identity.clients.disable')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => remove.mutate()} disabled={remove.isPending} aria-label={t('identity.clients.removeLabel', { name: c.name })}>
          {t('identity.clients.remove')}
        </button>
      </div>
      {secret.error || toggle.error || remove.error ? <ProblemAlert error={secret.error ?? toggle.error ?? remove.error} /> : null}
    </li>
  );
}

function KeysSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const oidc = useQuery({ queryKey: ['admin', 'keys', 'oidc'], queryFn: () => listKeys('oidc') });
  const creds = useQuery({ queryKey: ['admin', 'keys', 'credentials'], queryFn: () => listKeys('credentials') });
  const rotate = useMutation({
    mutationFn: (p: 'oidc' | 'credentials') => rotateKeys(p),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'keys'] }),
  });
  const table = (q: typeof oidc, purpose: 'oidc' | 'credentials') => (
    <QueryBoundary query={q}>
      {(d) => (
        <>
          <ul className="id-list">
            {d.items.map((k) => (
              <li key={k.kid}>
                <span className="mono">{k.kid.slice(0, 16)}…</span> {k.alg} · {f.date(k.createdAt)} ·{' '}
                {k.active ? t('identity.keys.active') : t('identity.keys.retired', { until: f.date(k.unpublishAt) })}
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-secondary" onClick={() => rotate.mutate(purpose)} disabled={rotate.isPending}>
            {t(`identity.keys.rotate.${purpose}`)}
          </button>
        </>
      )}
    </QueryBoundary>
  );
  return (
    <section aria-labelledby="keys" className="card">
      <h2 id="keys">{t('identity.keys.title')}</h2>
      <p>{t('identity.keys.intro')}</p>
      <h3>{t('identity.keys.oidc')}</h3>
      {table(oidc, 'oidc')}
      <h3>{t('identity.keys.credentials')}</h3>
      {table(creds, 'credentials')}
      <div aria-live="polite">{rotate.isSuccess ? <p className="alert alert-success">{t('identity.keys.rotated')}</p> : null}</div>
      {rotate.error ? <ProblemAlert error={rotate.error} /> : null}
    </section>
  );
}

export function OidcClientsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['admin', 'oidc-clients'], queryFn: listClients });
  return (
    <>
      <PageHeading title={t('identity.clients.title')}>{t('identity.clients.title')}</PageHeading>
      <p className="lead">{t('identity.clients.intro')}</p>
      <NewClientForm />
      <section aria-labelledby="clients-list">
        <h2 id="clients-list">{t('identity.clients.listTitle')}</h2>
        <QueryBoundary query={q}>
          {(d) =>
            d.items.length === 0 ? (
              <p>{t('identity.clients.none')}</p>
            ) : (
              <ul className="plain-list">
                {d.items.map((c) => (
                  <ClientCard key={c.clientId} c={c} issuer={d.issuer} />
                ))}
              </ul>
            )
          }
        </QueryBoundary>
      </section>
      <KeysSection />
    </>
  );
}
