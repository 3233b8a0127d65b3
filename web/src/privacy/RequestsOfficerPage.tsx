// The privacy officer's page (/richieste-privacy): a co-op's requests (or all, for platform administrators) with
// received date, deadline and overdue marks, a banner when some are late (the in-app alert), and the actions:
// start, extend once with a reason, answer, refuse with a reason, execute an erasure.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PageHeading, ProblemAlert, QueryBoundary } from '../core/ui.tsx';
import { listOfficerRequests, officerAction, type OfficerRequest } from './requests-api.ts';
import { ErasureResult, useShortDate } from './ErasureSection.tsx';

function Row({ r }: { r: OfficerRequest }) {
  const { t } = useTranslation();
  const date = useShortDate();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const act = useMutation({
    mutationFn: (a: { action: 'start' | 'extend' | 'answer' | 'refuse' | 'execute'; json?: Record<string, string> }) => officerAction(r.id, a.action, a.json),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['privacy', 'requests', 'officer'] }),
  });
  const open = r.status === 'received' || r.status === 'in_progress';
  return (
    <tr className={r.overdue ? 'overdue' : undefined}>
      <td>{date(r.receivedAt)}</td>
      <td>{t(`privacyRequests.requests.kind.${r.kind}`)}</td>
      <td>{r.subjectName ?? '—'}</td>
      <td>
        {date(r.extendedDueAt ?? r.dueAt)}
        {r.overdue ? <strong className="badge badge-warning"> {t('privacyRequests.requests.overdue')}</strong> : null}
        {r.extensionReason ? <div className="muted">{r.extensionReason}</div> : null}
      </td>
      <td>
        {t(`privacyRequests.requests.status.${r.status}`)}
        {r.result ? <ErasureResult report={r.result} /> : null}
      </td>
      <td>
        {open ? (
          <>
            <label>
              {t('privacyRequests.requests.officer.text')}
              <input value={text} onChange={(e) => setText(e.target.value)} />
            </label>
            {r.kind === 'erasure' ? (
              <button type="button" className="danger" onClick={() => act.mutate({ action: 'execute' })}>{t('privacyRequests.requests.officer.execute')}</button>
            ) : (
              <button type="button" onClick={() => act.mutate({ action: 'answer', json: { answer: text } })}>{t('privacyRequests.requests.officer.answer')}</button>
            )}
            {!r.extendedDueAt ? <button type="button" onClick={() => act.mutate({ action: 'extend', json: { reason: text } })}>{t('privacyRequests.requests.officer.extend')}</button> : null}
            <button type="button" onClick={() => act.mutate({ action: 'refuse', json: { reason: text } })}>{t('privacyRequests.requests.officer.refuse')}</button>
            <ProblemAlert error={act.error} />
          </>
        ) : null}
      </td>
    </tr>
  );
}

export function RequestsOfficerPage() {
  const { t } = useTranslation();
  const [coop, setCoop] = useState(() => new URLSearchParams(window.location.search).get('cooperativa') ?? '');
  const [overdue, setOverdue] = useState(false);
  const q = useQuery({ queryKey: ['privacy', 'requests', 'officer', coop, overdue], queryFn: () => listOfficerRequests(coop, overdue) });
  return (
    <>
      <PageHeading title={t('privacyRequests.requests.officer.title')}>{t('privacyRequests.requests.officer.title')}</PageHeading>
      <div className="filters">
        <label>
          {t('privacyRequests.requests.officer.coop')}
          <input value={coop} onChange={(e) => setCoop(e.target.value.trim())} />
        </label>
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t('privacyRequests.requests.officer.onlyOverdue')}
        </label>
      </div>
      <QueryBoundary query={q}>
        {(d) => (
          <>
            {d.overdueCount > 0 ? <p role="alert" className="alert alert-warning">{t('privacyRequests.requests.officer.overdueAlert', { count: d.overdueCount })}</p> : null}
            {d.items.length === 0 ? (
              <p>{t('privacyRequests.requests.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('privacyRequests.requests.received')}</th>
                    <th scope="col">{t('privacyRequests.requests.kind')}</th>
                    <th scope="col">{t('privacyRequests.requests.who')}</th>
                    <th scope="col">{t('privacyRequests.requests.due')}</th>
                    <th scope="col">{t('privacyRequests.requests.status')}</th>
                    <th scope="col"><span className="visually-hidden">{t('privacyRequests.requests.officer.text')}</span></th>
                  </tr>
                </thead>
                <tbody>{d.items.map((r) => <Row key={r.id} r={r} />)}</tbody>
              </table>
            )}
          </>
        )}
      </QueryBoundary>
    </>
  );
}
