// The co-op's convocation e-mails, for its administrators: to whom each went, when it was written, what the platform's
// mailer did with it (sent over SMTP, waiting, failed, or kept here when no SMTP server is configured), and when the
// member opened its receipt link. The text of each is there to read, which is how a co-op without SMTP sends notices.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { pageFrom, useUrlState } from '../core/search-params.ts';
import { isForbidden, Loading, NotAllowed, PageHeading, Pagination, ProblemAlert, TableRegion } from '../core/ui.tsx';
import { getCooperative } from '../registry/api.ts';
import { getOutbox, type Delivery } from './api.ts';
import { qk, useDateTime } from './util.ts';
import './governance.css';

const PAGE_SIZE = 50;
// The assemblies' status colours: sent like an approved outcome, sending like a convened assembly, failed like a
// rejected one, kept here like a draft.
const BADGE: Record<Delivery, string> = { sent: 'gov-outcome-approved', pending: 'gov-status-convened', failed: 'gov-outcome-rejected', outbox: 'gov-status-draft' };

export function OutboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const dt = useDateTime();
  const { id = '' } = useParams();
  const [state, setState] = useUrlState({ pagina: '1' });
  const page = pageFrom(state.pagina);
  const coop = useQuery({ queryKey: ['cooperative', id], queryFn: () => getCooperative(id), retry: false });
  const list = useQuery({ queryKey: qk.outbox(id, page), queryFn: () => getOutbox(id, page, PAGE_SIZE), placeholderData: keepPreviousData });
  if (list.error && isForbidden(list.error)) return <NotAllowed />;
  const name = coop.data?.name;
  const title = t('governance.outbox.title');
  const data = list.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <PageHeading title={name ? `${title} — ${name}` : title} sub={<p><Link to={`/cooperative/${id}/assemblee`}>{t('governance.outbox.back')}</Link></p>}>
        {title}
      </PageHeading>
      <p className="lead">{t('governance.outbox.intro')}</p>
      {list.error ? <ProblemAlert error={list.error} /> : !data ? <Loading /> : null}
      {data ? (
        <>
          <p className="result-count" role="status">
            {t('governance.outbox.count', { count: data.total, n: f.number(data.total) })}
          </p>
          {data.items.length > 0 ? (
            <TableRegion label={t('governance.outbox.tableLabel')} busy={list.isFetching && list.isPlaceholderData}>
              <table className={`data-table compact${list.isPlaceholderData ? ' is-stale' : ''}`}>
                <caption className="visually-hidden">{t('governance.outbox.tableLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('governance.outbox.to')}</th>
                    <th scope="col">{t('governance.outbox.subject')}</th>
                    <th scope="col">{t('governance.outbox.written')}</th>
                    <th scope="col">{t('governance.outbox.delivery')}</th>
                    <th scope="col">{t('governance.outbox.opened')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.toAddress}</th>
                      <td className="wrap">
                        <details>
                          <summary>{m.subject}</summary>
                          <pre className="gov-mail-body">{m.body}</pre>
                        </details>
                      </td>
                      <td>{dt(m.createdAt)}</td>
                      <td>
                        {m.delivery ? <span className={`status ${BADGE[m.delivery]}`}>{t(`governance.outbox.status.${m.delivery}`)}</span> : '—'}
                        {m.sentAt ? <span className="hint"> {dt(m.sentAt)}</span> : null}
                      </td>
                      <td>{m.openedAt ? dt(m.openedAt) : t('governance.outbox.notOpened')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          ) : (
            <p className="empty">{t('governance.outbox.none')}</p>
          )}
          <Pagination page={page} pageCount={pageCount} onPage={(p) => setState({ pagina: String(p) })} label={t('governance.outbox.pages')} />
        </>
      ) : null}
    </>
  );
}
