// "Request erasure" on I miei dati: what stays by law and why, a confirmation by typing the sign-in e-mail, the
// receipt link (the outcome stays readable after the account is gone), and the member's requests with deadline,
// status, extension and, for an executed erasure, what was deleted, pseudonymised and kept with the legal basis.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intlLocale, isLanguage } from '../core/i18n.ts';
import { ProblemAlert, QueryBoundary } from '../core/ui.tsx';
import { listMyRequests, requestErasure, type ErasureReport, type PrivacyRequest } from './requests-api.ts';

export function useShortDate(): (iso: string) => string {
  const { i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  const fmt = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'short', timeZone: 'Europe/Rome' });
  return (iso) => fmt.format(new Date(iso));
}

export function ErasureResult({ report }: { report: ErasureReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (
    <div className="erasure-result">
      <ul>
        {report.tables.map((x) => (
          <li key={x.table}>
            <strong>{x.title ? (en ? x.title.en : x.title.it) : x.table}</strong> ({x.rows}): {t(`privacyRequests.erasure.outcome.${x.outcome}`)}
            {x.erased.length && x.outcome === 'updated' ? <> — {t('privacyRequests.erasure.erased', { cols: x.erased.join(', ') })}</> : null}
            {x.pseudonymised.length ? <> — {t('privacyRequests.erasure.pseudonymised', { cols: x.pseudonymised.join(', ') })}</> : null}
            {x.basis ? <div className="muted">{en ? x.basis.en : x.basis.it}</div> : null}
          </li>
        ))}
      </ul>
      {report.clients.length ? <p>{t('privacyRequests.erasure.clients', { names: report.clients.map((c) => c.clientName).join(', ') })}</p> : null}
    </div>
  );
}

function RequestItem({ r }: { r: PrivacyRequest }) {
  const { t } = useTranslation();
  const date = useShortDate();
  return (
    <li>
      <strong>{t(`privacyRequests.requests.kind.${r.kind}`)}</strong> — {t('privacyRequests.requests.received')} {date(r.receivedAt)} · {t('privacyRequests.requests.due')}{' '}
      {date(r.extendedDueAt ?? r.dueAt)} · {t(`privacyRequests.requests.status.${r.status}`)}
      {r.overdue ? <span className="badge badge-warning"> {t('privacyRequests.requests.overdue')}</span> : null}
      {r.extendedDueAt ? <div>{t('privacyRequests.requests.extended', { date: date(r.extendedDueAt), reason: r.extensionReason ?? '' })}</div> : null}
      {r.refusalReason ? <div>{t('privacyRequests.requests.refused', { reason: r.refusalReason })}</div> : null}
      {r.result ? <ErasureResult report={r.result} /> : null}
    </li>
  );
}

export function ErasureSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: ['privacy', 'requests', 'mine'], queryFn: listMyRequests });
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const ask = useMutation({
    mutationFn: () => requestErasure(email, message),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['privacy', 'requests', 'mine'] }),
  });
  const open = mine.data?.items.some((r) => r.kind === 'erasure' && (r.status === 'received' || r.status === 'in_progress'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  const receipt = ask.data ? `${window.location.origin}/api/v1/privacy/erasure-receipts/${ask.data.receiptToken}` : null;
  return (
    <section aria-labelledby="privacy-erasure" className="card">
      <h2 id="privacy-erasure">{t('privacyRequests.erasure.title')}</h2>
      <p>{t('privacyRequests.erasure.intro')}</p>
      {!open && !ask.data ? (
        <form onSubmit={submit}>
          <label>
            {t('privacyRequests.erasure.confirmLabel')}
            <input type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label>
            {t('privacyRequests.erasure.message')}
            <textarea maxLength={4000} value={message} onChange={(e) => setMessage(e.target.value)} />
          </label>
          <button type="submit" className="danger" disabled={ask.isPending || !email}>{t('privacyRequests.erasure.submit')}</button>
        </form>
      ) : null}
      <ProblemAlert error={ask.error} />
      {receipt ? (
        <p role="status">
          {t('privacyRequests.erasure.receipt')} <a href={receipt}>{receipt}</a>
        </p>
      ) : null}
      <h3>{t('privacyRequests.requests.mine')}</h3>
      <QueryBoundary query={mine}>
        {(d) => (d.items.length ? <ul className="privacy-requests">{d.items.map((r) => <RequestItem key={r.id} r={r} />)}</ul> : <p>{t('privacyRequests.requests.none')}</p>)}
      </QueryBoundary>
    </section>
  );
}
