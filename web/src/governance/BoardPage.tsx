// The public bulletin board of an encrypted ballot (/votazioni/:id/urna): every accepted encrypted ballot in its
// hash chain, a lookup by tracking code (a member checks their ballot is there, and whether a later ballot of the
// same slot replaced it), the election record to download, and the whole record verified here in the browser with
// the same code as `cooperando verify-election`.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PageHeading, Pagination, ProblemAlert, QueryBoundary } from '../core/ui.tsx';
import { verifyElectionRecord } from '../../../src/modules/governance/verifiable/index.ts';
import { boardLookup, boardPage, electionRecord, electionState, recordUrl } from './evote-api.ts';

const PAGE = 25;
const short = (h: string) => `${h.slice(0, 12)}…`;

export function BoardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const [code, setCode] = useState(search.get('codice') ?? '');
  const [page, setPage] = useState(1);
  const state = useQuery({ queryKey: ['governance', 'evote', id, 'state'], queryFn: () => electionState(id) });
  const board = useQuery({ queryKey: ['governance', 'evote', id, 'board', page], queryFn: () => boardPage(id, page, PAGE) });
  const lookup = useMutation({ mutationFn: (c: string) => boardLookup(id, c) });
  const verify = useMutation({ mutationFn: async () => {
    const { status: _status, ...record } = await electionRecord(id);
    return verifyElectionRecord(record);
  } });
  const onLookup = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) lookup.mutate(code.trim());
  };

  return (
    <section className="page">
      <PageHeading title={t('governance.evote.board.title')}>{t('governance.evote.board.title')}</PageHeading>
      <QueryBoundary query={state}>
        {(s) => (
          <dl className="details">
            <div className="detail">
              <dt>{t('governance.evote.status')}</dt>
              <dd data-testid="evote-status">{t(`governance.evote.statusName.${s.status}`)}</dd>
            </div>
            <div className="detail">
              <dt>{t('governance.evote.board.trustees')}</dt>
              <dd>{t('governance.evote.board.threshold', { k: s.threshold, n: s.trustees })}</dd>
            </div>
            <div className="detail">
              <dt>{t('governance.evote.board.slots')}</dt>
              <dd>{s.rollSlots}</dd>
            </div>
            {s.manifestHash ? (
              <div className="detail">
                <dt>{t('governance.evote.board.manifestHash')}</dt>
                <dd>
                  <code className="gov-evote-code">{s.manifestHash}</code>
                </dd>
              </div>
            ) : null}
          </dl>
        )}
      </QueryBoundary>

      <h2>{t('governance.evote.board.lookupTitle')}</h2>
      <form className="form" onSubmit={onLookup} role="search">
        <label className="field">
          <span>{t('governance.evote.trackingCode')}</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('governance.evote.board.find')}
        </button>
      </form>
      <div aria-live="polite" aria-atomic="true">
        {lookup.data ? (
          <p className={`alert ${lookup.data.superseded ? 'alert-info' : 'alert-success'}`} data-testid="lookup-result">
            {lookup.data.superseded ? t('governance.evote.board.foundSuperseded', { seq: lookup.data.seq }) : t('governance.evote.board.found', { seq: lookup.data.seq })}
          </p>
        ) : lookup.error ? (
          <ProblemAlert error={lookup.error} role="none" />
        ) : null}
      </div>

      <h2>{t('governance.evote.board.recordTitle')}</h2>
      <p>{t('governance.evote.board.recordHint')}</p>
      <div className="gov-actions">
        <a className="btn btn-secondary" href={recordUrl(id)} download={`elezione-${id}.json`}>
          {t('governance.evote.board.download')}
        </a>
        <button type="button" className="btn btn-secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {t('governance.evote.board.verify')}
        </button>
      </div>
      <div aria-live="polite">
        {verify.data ? (
          <div className={`alert ${verify.data.ok ? 'alert-success' : 'alert-error'}`} data-testid="verify-result">
            <p>{verify.data.ok ? t('governance.evote.board.verified') : t('governance.evote.board.notVerified')}</p>
            <details>
              <summary>{t('governance.evote.board.checks', { count: verify.data.checks.length })}</summary>
              <ul>
                {verify.data.checks.map((c, i) => (
                  <li key={i}>
                    {c.ok ? '✓' : '✗'} {c.check}
                    {c.detail ? ` — ${c.detail}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          </div>
        ) : verify.error ? (
          <ProblemAlert error={verify.error} role="none" />
        ) : null}
      </div>

      <h2>{t('governance.evote.board.entriesTitle')}</h2>
      <QueryBoundary query={board}>
        {(b) =>
          b.total === 0 ? (
            <p className="muted">{t('governance.evote.board.empty')}</p>
          ) : (
            <>
              <div className="table-wrap" role="region" aria-label={t('governance.evote.board.entriesTitle')} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('governance.evote.board.seq')}</th>
                      <th scope="col">{t('governance.evote.trackingCode')}</th>
                      <th scope="col">{t('governance.evote.board.hash')}</th>
                      <th scope="col">{t('governance.evote.board.counts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.items.map((e) => (
                      <tr key={e.seq}>
                        <td>{e.seq}</td>
                        <td>
                          <code title={e.trackingCode}>{short(e.trackingCode)}</code>
                        </td>
                        <td>
                          <code title={e.hash}>{short(e.hash)}</code>
                        </td>
                        <td>{e.superseded ? t('governance.evote.board.replaced') : t('governance.evote.board.counted')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} pageCount={Math.max(1, Math.ceil(b.total / PAGE))} onPage={setPage} label={t('governance.evote.board.entriesTitle')} />
            </>
          )
        }
      </QueryBoundary>
    </section>
  );
}
