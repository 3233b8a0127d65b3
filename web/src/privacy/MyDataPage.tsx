// "I miei dati": download a complete copy of one's data, give and withdraw consents (with their dates), read the
// privacy notice, and see who looked at or changed one's data.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intlLocale, isLanguage } from '../core/i18n.ts';
import { PageHeading, ProblemAlert, QueryBoundary, TableRegion } from '../core/ui.tsx';
import { EXPORT_URL, listAccessLog, listConsents, setConsent, type AccessLogEntry, type Consent } from './api.ts';
import { ImportSection } from './ImportSection.tsx';
import { ErasureSection } from './ErasureSection.tsx';
import './privacy.css';

function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  const fmt = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' });
  return (iso) => fmt.format(new Date(iso));
}

function DownloadSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <section aria-labelledby="privacy-download" className="card">
      <h2 id="privacy-download">{t('privacy.download.title')}</h2>
      <p>{t('privacy.download.intro')}</p>
      <ul>
        <li>{t('privacy.download.json')}</li>
        <li>{t('privacy.download.csv')}</li>
        <li>{t('privacy.download.vcard')}</li>
      </ul>
      <div className="privacy-actions">
        {/* A plain link: the browser downloads the ZIP with the session cookie; the download is logged. */}
        <a className="btn btn-primary" href={EXPORT_URL} download onClick={() => setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['me', 'access-log'] }), 2000)}>
          {t('privacy.download.button')}
        </a>
      </div>
    </section>
  );
}

function ConsentItem({ c, onChanged }: { c: Consent; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (given: boolean) => setConsent(c.purpose, given),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ notice: unknown; items: Consent[] }>(['me', 'consents'], (old) =>
        old ? { ...old, items: old.items.map((x) => (x.purpose === updated.purpose ? updated : x)) } : old,
      );
      onChanged(updated.given ? t('privacy.consents.givenOk', { label: updated.label }) : t('privacy.consents.withdrawnOk', { label: updated.label }));
      void queryClient.invalidateQueries({ queryKey: ['me', 'access-log'] });
    },
  });
  const id = `consent-${c.purpose}`;
  return (
    <li>
      <div className="privacy-consent">
        <input id={id} type="checkbox" checked={change.isPending ? change.variables : c.given} disabled={change.isPending} aria-describedby={`${id}-desc ${id}-state`} onChange={(e) => change.mutate(e.target.checked)} />
        <div>
          <label htmlFor={id}>{c.label}</label>
          <p id={`${id}-desc`}>{c.description}</p>
          <p id={`${id}-state`} className="muted">
            {c.given && c.givenAt
              ? t('privacy.consents.givenOn', { date: when(c.givenAt) })
              : c.withdrawnAt
                ? t('privacy.consents.withdrawnOn', { date: when(c.withdrawnAt) })
                : t('privacy.consents.never')}
          </p>
          {c.history.length > 0 ? (
            <details>
              <summary>{t('privacy.consents.history', { count: c.history.length })}</summary>
              <ul>
                {c.history.map((h) => (
                  <li key={h.givenAt}>
                    {t('privacy.consents.historyItem', { given: when(h.givenAt), version: h.noticeVersion ?? '—' })}
                    {h.withdrawnAt ? ` · ${t('privacy.consents.historyWithdrawn', { date: when(h.withdrawnAt) })}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      </div>
      {change.error ? <ProblemAlert error={change.error} /> : null}
    </li>
  );
}

function ConsentsSection() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['me', 'consents'], queryFn: listConsents });
  const [status, setStatus] = useState('');
  return (
    <section aria-labelledby="privacy-consents" className="card">
      <h2 id="privacy-consents">{t('privacy.consents.title')}</h2>
      <p>{t('privacy.consents.intro')}</p>
      <QueryBoundary query={q}>
        {(data) => (
          <>
            <ul className="privacy-consents" aria-label={t('privacy.consents.title')}>
              {data.items.map((c) => (
                <ConsentItem key={c.purpose} c={c} onChanged={setStatus} />
              ))}
            </ul>
            {data.notice ? (
              <details>
                <summary>{t('privacy.notice.summary', { title: data.notice.title, version: data.notice.version })}</summary>
                <div className="privacy-notice-body">{data.notice.body}</div>
              </details>
            ) : null}
          </>
        )}
      </QueryBoundary>
      <div role="status" aria-live="polite" className="live-status">
        {status}
      </div>
    </section>
  );
}

function actionLabel(t: ReturnType<typeof useTranslation>['t'], action: string): string {
  const key = action.replace(/\./g, '_');
  return t(`privacy.action.${key}`, { defaultValue: t(`identity.events.action.${key}`, { defaultValue: action }) });
}

function ActorCell({ e }: { e: AccessLogEntry }) {
  const { t } = useTranslation();
  if (!e.actor) return <>{t('privacy.log.system')}</>;
  if (e.actor.self) return <>{t('privacy.log.you')}</>;
  return (
    <>
      {e.actor.displayName}
      {e.actor.roles.map((r) => (
        <span key={`${r.role}-${r.organisationId ?? ''}`} className="muted">
          <br />
          {t(`role.${r.role}`, { defaultValue: r.role })}
          {r.organisationName ? ` · ${r.organisationName}` : ''}
        </span>
      ))}
    </>
  );
}

function detailText(t: ReturnType<typeof useTranslation>['t'], e: AccessLogEntry): string {
  const parts: string[] = [];
  const d = e.details;
  if (Array.isArray(d.fields)) parts.push(t('privacy.log.fields', { fields: d.fields.join(', ') }));
  if (typeof d.purpose === 'string') parts.push(d.purpose);
  if (typeof d.exitKind === 'string') parts.push(t(`exitKind.${d.exitKind}`, { defaultValue: d.exitKind }));
  if (typeof d.via === 'string') parts.push(t(`identity.method.${d.via}`, { defaultValue: d.via }));
  return parts.join(' · ');
}

function AccessLogSection() {
  const { t } = useTranslation();
  const when = useDateTime();
  const [page, setPage] = useState(1);
  const [others, setOthers] = useState(false);
  const q = useQuery({ queryKey: ['me', 'access-log', page, others], queryFn: () => listAccessLog(page, others), placeholderData: keepPreviousData });
  return (
    <section aria-labelledby="privacy-log" className="card">
      <h2 id="privacy-log">{t('privacy.log.title')}</h2>
      <p>{t('privacy.log.intro')}</p>
      <label className="privacy-filter">
        <input
          type="checkbox"
          checked={others}
          onChange={(e) => {
            setOthers(e.target.checked);
            setPage(1);
          }}
        />{' '}
        {t('privacy.log.othersOnly')}
      </label>
      <QueryBoundary query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('privacy.log.none')}</p>
          ) : (
            <>
              <TableRegion label={t('privacy.log.title')} busy={q.isFetching}>
                <table className="data-table privacy-log">
                  <caption className="visually-hidden">{t('privacy.log.caption', { page })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('privacy.log.when')}</th>
                      <th scope="col">{t('privacy.log.who')}</th>
                      <th scope="col">{t('privacy.log.what')}</th>
                      <th scope="col">{t('privacy.log.where')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((e) => (
                      <tr key={e.id} data-action={e.action}>
                        <td>{when(e.at)}</td>
                        <td>
                          <ActorCell e={e} />
                        </td>
                        <td>
                          {actionLabel(t, e.action)}
                          {detailText(t, e) ? <span className="muted"> · {detailText(t, e)}</span> : null}
                        </td>
                        <td>{e.organisationName ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <div className="privacy-actions">
                <button type="button" className="btn btn-secondary" onClick={() => setPage((p) => p - 1)} disabled={page <= 1}>
                  {t('paging.previous')}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setPage((p) => p + 1)} disabled={!data.hasMore}>
                  {t('paging.next')}
                </button>
              </div>
            </>
          )
        }
      </QueryBoundary>
    </section>
  );
}

export function MyDataPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('privacy.title')}>{t('privacy.title')}</PageHeading>
      <p className="lead">{t('privacy.intro')}</p>
      <DownloadSection />
      <ImportSection />
      <ConsentsSection />
      <AccessLogSection />
      <ErasureSection />
    </>
  );
}
