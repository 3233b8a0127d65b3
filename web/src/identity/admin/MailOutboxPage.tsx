// «Posta in uscita» (platform admins): every mail the platform sent or, without SMTP, holds; a mail's text on demand.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PageHeading, Pagination, QueryBoundary, TableRegion } from '../../core/ui.tsx';
import { getMail, listMail } from './api.ts';
import '../identity.css';

function MailText({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['admin', 'mail', id], queryFn: () => getMail(id) });
  return (
    <QueryBoundary query={q}>
      {(m) => (m.text ? <pre className="id-token" style={{ whiteSpace: 'pre-wrap' }} tabIndex={0} aria-label={t('identity.outbox.textOf', { subject: m.subject })}>{m.text}</pre> : <p className="muted">{t('identity.outbox.noBody')}</p>)}
    </QueryBoundary>
  );
}

export function MailOutboxPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['admin', 'mail', 'list', page, to], queryFn: () => listMail({ page, ...(to ? { to } : {}) }), placeholderData: keepPreviousData });
  const fmt = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <PageHeading title={t('identity.outbox.title')}>{t('identity.outbox.title')}</PageHeading>
      <div className="field" style={{ maxWidth: '28rem' }}>
        <label htmlFor="outbox-to">{t('identity.outbox.filter')}</label>
        <input id="outbox-to" type="search" value={to} onChange={(e) => { setTo(e.target.value); setPage(1); }} />
      </div>
      <QueryBoundary query={q}>
        {(d) => (
          <>
            <p className="alert alert-info">{d.mode === 'smtp' ? t('identity.outbox.smtp') : t('identity.outbox.outbox')}</p>
            {d.items.length === 0 ? (
              <p>{t('identity.outbox.none')}</p>
            ) : (
              <TableRegion label={t('identity.outbox.title')} busy={q.isFetching}>
                <table className="data-table">
                  <caption className="visually-hidden">{t('identity.outbox.caption', { total: d.total })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('identity.outbox.when')}</th>
                      <th scope="col">{t('identity.outbox.to')}</th>
                      <th scope="col">{t('identity.outbox.subject')}</th>
                      <th scope="col">{t('identity.outbox.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((m) => (
                      <tr key={m.id}>
                        <td>{fmt.format(new Date(m.createdAt))}</td>
                        <td>{m.to}</td>
                        <td>
                          <button type="button" className="btn-link" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
                            {m.subject}
                          </button>
                          {open === m.id ? <MailText id={m.id} /> : null}
                        </td>
                        <td>{t(`identity.outbox.status.${m.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )}
            <Pagination page={page} pageCount={Math.ceil(d.total / d.pageSize)} onPage={setPage} label={t('identity.outbox.paging')} />
          </>
        )}
      </QueryBoundary>
    </>
  );
}
