// Voting on an encrypted ballot (the verifiable secret ballot): the choice is encrypted here, in the browser, with
// the election's public key, and only the encrypted ballot with its proofs is sent. Before casting, the member may
// challenge the encrypted ballot (Benaloh audit): it is opened — the choice and the randomness are shown — checked
// with the same code the verifier runs, then thrown away and a fresh one encrypted, since an opened ballot is no
// longer secret. After casting, the tracking code lets the member find their ballot on the public board. Voting
// again replaces the ballot: the last one counts.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ProblemAlert, QueryBoundary } from '../core/ui.tsx';
import { auditBallot, encryptBallot, trackingCode } from '../../../src/modules/governance/verifiable/index.ts';
import type { BallotView } from './api.ts';
import { castEncrypted, myElection, type CastReceipt, type ElectionManifest, type EncryptedBallot, type MySlot } from './evote-api.ts';
import { codeLabel, qk } from './util.ts';

interface Sealed {
  slot: string;
  selections: number[];
  ballot: EncryptedBallot;
  nonces: string[];
  trackingCode: string;
}

interface Audited {
  selections: number[];
  nonces: string[];
  ok: boolean;
}

export function EncryptedVote({ assemblyId, ballot, title }: { assemblyId: string; ballot: BallotView; title: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['governance', 'evote', ballot.id, 'me'], queryFn: () => myElection(ballot.id) });
  return (
    <div className="gov-vote gov-evote">
      <p className="hint">{t('governance.evote.vote.intro')}</p>
      <QueryBoundary query={query}>
        {(me) =>
          me.status !== 'ready' ? (
            <p className="alert alert-info">{t('governance.evote.vote.counting')}</p>
          ) : me.manifest && me.slots.length > 0 ? (
            <EncryptedVoteForm assemblyId={assemblyId} ballotId={ballot.id} title={title} manifest={me.manifest} slots={me.slots} yesNo={ballot.method === 'yes_no'} />
          ) : (
            <p className="alert alert-info">{t('governance.vote.notEntitled')}</p>
          )
        }
      </QueryBoundary>
      <p>
        <Link to={`/votazioni/${ballot.id}/urna`}>{t('governance.evote.board.link')}</Link>
      </p>
    </div>
  );
}

function EncryptedVoteForm({ assemblyId, ballotId, title, manifest, slots, yesNo }: { assemblyId: string; ballotId: string; title: string; manifest: ElectionManifest; slots: MySlot[]; yesNo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [slot, setSlot] = useState(slots[0]?.slot ?? '');
  const [marks, setMarks] = useState<number[]>([]);
  const [sealed, setSealed] = useState<Sealed | null>(null);
  const [audited, setAudited] = useState<Audited | null>(null);
  const [receipt, setReceipt] = useState<CastReceipt | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const current = slots.find((s) => s.slot === slot);
  const label = (i: number) => (yesNo ? codeLabel(t, 'vote', manifest.choices[i]) : (manifest.choices[i] ?? ''));
  const choiceText = (sel: number[]) => {
    const picked = sel.map((v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0);
    return picked.length === 0 ? t('governance.vote.blank') : picked.map(label).join(', ');
  };
  const selections = useMemo(() => manifest.choices.map((_, i) => (marks.includes(i) ? 1 : 0)), [manifest, marks]);

  const seal = (sel: number[], forSlot: string) => {
    const { ballot, nonces } = encryptBallot(manifest, forSlot, sel);
    setSealed({ slot: forSlot, selections: sel, ballot, nonces, trackingCode: trackingCode(ballot) });
  };

  const onEncrypt = (e: FormEvent) => {
    e.preventDefault();
    setReceipt(null);
    setAudited(null);
    mutation.reset();
    const n = marks.length;
    if (n < manifest.minSelections || n > manifest.maxSelections) {
      return setLocalError(yesNo ? t('governance.vote.chooseFirst') : t('governance.evote.vote.range', { min: manifest.minSelections, max: manifest.maxSelections }));
    }
    setLocalError(null);
    seal(selections, slot);
  };

  const onAudit = () => {
    if (!sealed) return;
    // The opened ballot is checked, shown, and discarded: a fresh encryption of the same choice replaces it.
    const ok = auditBallot(manifest, { ballot: sealed.ballot, selections: sealed.selections, nonces: sealed.nonces });
    setAudited({ selections: sealed.selections, nonces: sealed.nonces, ok });
    seal(sealed.selections, sealed.slot);
  };

  const mutation = useMutation({
    mutationFn: (s: Sealed) => castEncrypted(ballotId, s.slot, s.ballot),
    onSuccess: (r) => {
      setReceipt(r);
      setSealed(null);
      setAudited(null);
      setMarks([]);
      void queryClient.invalidateQueries({ queryKey: ['governance', 'evote', ballotId] });
      void queryClient.invalidateQueries({ queryKey: qk.me(assemblyId) });
      void queryClient.invalidateQueries({ queryKey: qk.live(assemblyId) });
    },
  });

  useEffect(() => {
    // A different slot or choice invalidates the sealed ballot (it is bound to its slot).
    setSealed(null);
  }, [slot, marks]);

  const toggle = (i: number, on: boolean) => {
    if (yesNo || manifest.maxSelections === 1) setMarks(on ? [i] : []);
    else setMarks((m) => (on ? [...m, i] : m.filter((x) => x !== i)));
  };

  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {receipt ? (
          <div className="alert alert-success gov-evote-receipt">
            <p>{receipt.revote ? t('governance.evote.vote.replaced') : t('governance.evote.vote.cast')}</p>
            <p>
              {t('governance.evote.trackingCode')}: <code className="gov-evote-code" data-testid="tracking-code">{receipt.trackingCode}</code>
            </p>
            <p className="hint">{t('governance.evote.vote.boardPosition', { seq: receipt.seq })}</p>
            <Link to={`/votazioni/${ballotId}/urna?codice=${receipt.trackingCode}`}>{t('governance.evote.vote.findOnBoard')}</Link>
          </div>
        ) : null}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {localError ? <p className="alert alert-error">{localError}</p> : mutation.error ? <ProblemAlert error={mutation.error} role="none" /> : null}
      </div>
      <form onSubmit={onEncrypt} className="form" aria-label={t('governance.vote.formLabel', { title })} noValidate>
        {slots.length > 1 ? (
          <fieldset className="radio-group">
            <legend>{t('governance.vote.voteFor')}</legend>
            {slots.map((s) => (
              <label key={s.slot}>
                <input type="radio" name={`${id}-slot`} value={s.slot} checked={slot === s.slot} onChange={() => setSlot(s.slot)} />
                {s.own ? t('governance.vote.voterSelf', { count: s.weight }) : t('governance.vote.voterProxy', { name: s.name, count: s.weight })}
                {s.voted ? ` — ${t('governance.evote.vote.votedAlready')}` : ''}
              </label>
            ))}
            <p className="hint">{t('governance.evote.vote.oneSlotEach')}</p>
          </fieldset>
        ) : current?.voted ? (
          <p className="muted">{t('governance.evote.vote.votedAlready')}</p>
        ) : null}
        <fieldset className="radio-group gov-choices">
          <legend>{yesNo ? t('governance.vote.yourVote') : manifest.maxSelections === manifest.choices.length ? t('governance.vote.approvalLegend') : t('governance.vote.pluralityLegend', { count: manifest.maxSelections })}</legend>
          {manifest.choices.map((_, i) => {
            const single = yesNo || manifest.maxSelections === 1;
            const checked = marks.includes(i);
            const full = !single && marks.length >= manifest.maxSelections && !checked;
            return (
              <label key={i}>
                <input type={single ? 'radio' : 'checkbox'} name={`${id}-choice`} value={i} checked={checked} disabled={full} onChange={(e) => toggle(i, e.target.checked)} />
                {label(i)}
              </label>
            );
          })}
          {!yesNo ? <p className="hint">{t('governance.vote.blankHint')}</p> : null}
        </fieldset>
        <button type="submit" className="btn btn-primary">
          {t('governance.evote.vote.encrypt')}
        </button>
      </form>
      {sealed ? (
        <div className="card gov-confirm" role="group" aria-labelledby={`${id}-sealed`}>
          <h4 id={`${id}-sealed`}>{t('governance.evote.vote.sealedTitle')}</h4>
          <dl className="details">
            <div className="detail">
              <dt>{t('governance.vote.choice')}</dt>
              <dd>{choiceText(sealed.selections)}</dd>
            </div>
            <div className="detail">
              <dt>{t('governance.evote.trackingCode')}</dt>
              <dd>
                <code className="gov-evote-code">{sealed.trackingCode}</code>
              </dd>
            </div>
          </dl>
          <p className="hint">{t('governance.evote.vote.auditHint')}</p>
          <div className="gov-actions">
            <button type="button" className="btn btn-primary" onClick={() => mutation.mutate(sealed)} disabled={mutation.isPending}>
              {mutation.isPending ? t('governance.vote.sending') : t('governance.evote.vote.castButton')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={onAudit} disabled={mutation.isPending}>
              {t('governance.evote.vote.audit')}
            </button>
          </div>
        </div>
      ) : null}
      {audited ? (
        <div className={`alert ${audited.ok ? 'alert-success' : 'alert-error'}`} role="status" data-testid="audit-result">
          <p>{audited.ok ? t('governance.evote.vote.auditOk', { choice: choiceText(audited.selections) }) : t('governance.evote.vote.auditFailed')}</p>
          <details>
            <summary>{t('governance.evote.vote.auditNonces')}</summary>
            <ul className="gov-evote-nonces">
              {audited.nonces.map((n, i) => (
                <li key={i}>
                  <code>{n}</code>
                </li>
              ))}
            </ul>
          </details>
          <p className="hint">{t('governance.evote.vote.auditDiscarded')}</p>
        </div>
      ) : null}
    </>
  );
}
