// Proxies (deleghe, art. 2539 c.c.) from the member's side: give one's proxy to another member and revoke it before
// the vote, and — as a holder — see the members one represents and one's own proxy code to hand to whoever wants to
// be represented. The API names the holder by their person id; with no member directory open to members, the
// holder passes that id on as a «codice delega».
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemAlert } from '../core/ui.tsx';
import { grantProxy, revokeProxy, type AssemblyDetail, type Participation } from './api.ts';
import { isActive, qk, useDateTime } from './util.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ProxiesCard({ assembly, me }: { assembly: AssemblyDetail; me: Participation }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const id = useId();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const statute = assembly.statute;
  const active = isActive(assembly.status);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.me(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.proxies(assembly.id) });
    void queryClient.invalidateQueries({ queryKey: qk.live(assembly.id) });
  };
  const grant = useMutation({
    mutationFn: (holder: string) => grantProxy(assembly.id, holder),
    onSuccess: (p) => {
      setCode('');
      setNotice(t('governance.proxy.granted', { name: p.holderName }));
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (proxyId: string) => revokeProxy(proxyId),
    onSuccess: (p) => {
      setNotice(t('governance.proxy.revoked', { name: p.holderName }));
      refresh();
    },
  });

  if (!me.roll) return null;
  const eligible = me.roll.eligible;
  const allowed = Boolean(statute?.proxiesAllowed) && !assembly.sectional;

  const onGrant = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const value = code.trim();
    if (!UUID.test(value)) {
      setCodeError(t('governance.proxy.codeInvalid'));
      return;
    }
    setCodeError(null);
    grant.mutate(value);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(me.personId ?? '');
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const error = grant.error ?? revoke.error;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('governance.proxy.title')}</h2>
      {!allowed ? (
        <p>{t('governance.proxy.notAllowed')}</p>
      ) : (
        <>
          <p className="muted">{t('governance.proxy.rule', { max: statute?.maxProxiesPerHolder ?? 10 })}</p>
          <div aria-live="polite" aria-atomic="true">
            {notice ? <p className="alert alert-success">{notice}</p> : null}
          </div>
          <div aria-live="assertive" aria-atomic="true">
            {error ? <ProblemAlert error={error} role="none" /> : null}
          </div>
          {me.proxyGiven ? (
            <div className="gov-proxy-given">
              <p>
                {t('governance.proxy.given', { name: me.proxyGiven.holderName, at: dt(me.proxyGiven.grantedAt) })}
              </p>
              <p className="hint">{t('governance.proxy.givenHint')}</p>
              {active ? (
                <button type="button" className="btn btn-secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(me.proxyGiven?.id ?? '')}>
                  {t('governance.proxy.revoke')}
                </button>
              ) : null}
            </div>
          ) : null}
          {!me.proxyGiven && eligible && active && me.proxiesHeld.length === 0 ? (
            <form className="form gov-proxy-form" onSubmit={onGrant} noValidate aria-labelledby={`${id}-give`}>
              <h3 id={`${id}-give`}>{t('governance.proxy.giveTitle')}</h3>
              <div className="field">
                <label htmlFor={`${id}-code`}>{t('governance.proxy.codeLabel')}</label>
                <input
                  id={`${id}-code`}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  autoCapitalize="none"
                  className="mono"
                  aria-invalid={codeError ? true : undefined}
                  aria-describedby={`${id}-code-hint${codeError ? ` ${id}-code-error` : ''}`}
                />
                <p className="hint" id={`${id}-code-hint`}>
                  {t('governance.proxy.codeHint')}
                </p>
                {codeError ? (
                  <p className="field-error" id={`${id}-code-error`}>
                    {codeError}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="btn btn-primary" disabled={grant.isPending}>
                {t('governance.proxy.give')}
              </button>
            </form>
          ) : null}
          {!eligible && !me.proxyGiven ? <p>{t('governance.proxy.notEligible')}</p> : null}
          {eligible && !me.proxyGiven && me.personId ? (
            <div className="gov-proxy-code">
              <h3>{t('governance.proxy.myCodeTitle')}</h3>
              <p>{t('governance.proxy.myCodeHint')}</p>
              <p>
                <code className="mono gov-code" data-testid="proxy-code">
                  {me.personId}
                </code>{' '}
                {typeof navigator !== 'undefined' && navigator.clipboard ? (
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => void copy()}>
                    {t('governance.proxy.copy')}
                  </button>
                ) : null}
              </p>
              <p className="visually-hidden" aria-live="polite">
                {copied ? t('governance.proxy.copied') : ''}
              </p>
            </div>
          ) : null}
          {me.proxiesHeld.length > 0 ? (
            <div>
              <h3>{t('governance.proxy.heldTitle', { count: me.proxiesHeld.length })}</h3>
              <ul className="link-list">
                {me.proxiesHeld.map((x) => (
                  <li key={x.id}>
                    {x.grantorName} — {t('governance.proxy.votes', { count: x.weight })}
                    {!x.eligible ? <span className="badge">{t('governance.roll.notEligible')}</span> : null}
                    {x.grantorPresent ? <span className="badge">{t('governance.proxy.grantorPresent')}</span> : null}
                  </li>
                ))}
              </ul>
              <p className="hint">{t('governance.proxy.heldHint')}</p>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
