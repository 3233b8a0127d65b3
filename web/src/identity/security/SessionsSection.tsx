// Open sessions (how each was opened, when last seen) and the applications let in with this identity.
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../../core/format.ts';
import { ProblemAlert, QueryBoundary } from '../../core/ui.tsx';
import { listApplications, listSessions, revokeApplication, revokeSession, type SessionItem } from './api.ts';

/** A short, readable device description from a user agent string. */
export function deviceOf(ua: string | null): string {
  if (!ua) return '—';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 60);
}

export function SessionsSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['me', 'sessions'], queryFn: listSessions });
  const revoke = useMutation({
    mutationFn: (s: SessionItem) => revokeSession(s.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
  return (
    <section aria-labelledby="sec-sessions" className="card">
      <h2 id="sec-sessions">{t('identity.sessions.title')}</h2>
      <QueryBoundary query={q}>
        {(data) => (
          <ul className="id-list">
            {data.items.map((s) => (
              <li key={s.id}>
                <div className="id-row">
                  <div className="id-row-main">
                    <strong>{deviceOf(s.userAgent)}</strong>
                    {s.current ? <span className="badge">{t('identity.sessions.current')}</span> : null}
                    <br />
                    <span className="muted">
                      {t('identity.sessions.since', { date: f.date(s.createdAt) })} · {t(`identity.method.${s.authMethod ?? 'password'}`)} ·{' '}
                      {t('identity.sessions.lastSeen', { date: new Date(s.lastSeenAt).toLocaleString(f.lang === 'it' ? 'it-IT' : 'en-GB') })}
                    </span>
                  </div>
                  {!s.current ? (
                    <button type="button" className="btn btn-secondary" onClick={() => revoke.mutate(s)} disabled={revoke.isPending} aria-label={t('identity.sessions.endLabel', { device: deviceOf(s.userAgent) })}>
                      {t('identity.sessions.end')}
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryBoundary>
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
    </section>
  );
}

export function ApplicationsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['me', 'applications'], queryFn: listApplications });
  const revoke = useMutation({
    mutationFn: (grantId: string) => revokeApplication(grantId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me', 'applications'] }),
  });
  return (
    <section aria-labelledby="sec-apps" className="card">
      <h2 id="sec-apps">{t('identity.apps.title')}</h2>
      <p>{t('identity.apps.intro')}</p>
      <QueryBoundary query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('identity.apps.none')}</p>
          ) : (
            <ul className="id-list">
              {data.items.map((a) => (
                <li key={a.grantId}>
                  <div className="id-row">
                    <div className="id-row-main">
                      <strong>{a.name}</strong>
                      <br />
                      <span className="muted">{a.scopes.filter((s) => s !== 'openid').map((s) => t(`identity.scope.${s}.title`)).join(', ') || t('identity.scope.openid.title')}</span>
                    </div>
                    <button type="button" className="btn btn-secondary" onClick={() => revoke.mutate(a.grantId)} disabled={revoke.isPending} aria-label={t('identity.apps.revokeLabel', { name: a.name })}>
                      {t('identity.apps.revoke')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryBoundary>
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
    </section>
  );
}
