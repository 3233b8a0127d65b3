// The member's own security events, newest first: what happened, how, and when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PageHeading, QueryBoundary, TableRegion } from '../../core/ui.tsx';
import { listEvents, type SecurityEvent } from './api.ts';
import '../identity.css';

function detailOf(t: (k: string, o?: Record<string, unknown>) => string, e: SecurityEvent): string {
  const parts: string[] = [];
  if (e.details.via) parts.push(t(`identity.method.${e.details.via}`, { defaultValue: e.details.via }));
  if (e.details.reason) parts.push(t(`identity.events.reason.${e.details.reason}`, { defaultValue: e.details.reason }));
  if (e.details.clientName) parts.push(e.details.clientName);
  if (e.details.name) parts.push(e.details.name);
  return parts.join(' · ');
}

export function SecurityEventsPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['me', 'security-events', page], queryFn: () => listEvents(page), placeholderData: keepPreviousData });
  const fmt = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <>
      <PageHeading title={t('identity.events.title')}>{t('identity.events.title')}</PageHeading>
      <p className="lead">{t('identity.events.intro')}</p>
      <p>
        <Link to="/sicurezza">{t('identity.events.back')}</Link>
      </p>
      <QueryBoundary query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('identity.events.none')}</p>
          ) : (
            <>
              <TableRegion label={t('identity.events.title')} busy={q.isFetching}>
                <table className="data-table">
                  <caption className="visually-hidden">{t('identity.events.caption', { page })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('identity.events.when')}</th>
                      <th scope="col">{t('identity.events.what')}</th>
                      <th scope="col">{t('identity.events.how')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((e) => (
                      <tr key={e.id}>
                        <td>{fmt.format(new Date(e.at))}</td>
                        <td>{t(`identity.events.action.${e.action.replace(/\./g, '_')}`, { defaultValue: e.action })}</td>
                        <td>{detailOf(t, e)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <div className="id-actions">
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
    </>
  );
}
