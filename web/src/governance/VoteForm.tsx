// Voting on one open ballot: yes / no / abstain on a resolution; an election by plurality or approval (marks) or by
// STV or Schulze (a ranking, with the keyboard-operable ranking control). A proxy holder votes for themselves and
// for each member they represent (a separate vote each, chosen in «Vota per»). A vote is final, so the choice is
// reviewed on a confirmation step before it is sent.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemAlert } from '../core/ui.tsx';
import { castVote, RANKED, type BallotView, type Participation, type YesNo } from './api.ts';
import { RankingControl } from './RankingControl.tsx';
import { EncryptedVote } from './EncryptedVote.tsx';
import { codeLabel, qk } from './util.ts';

type MyBallot = Participation['ballots'][number];

export function VoteForm({
  assemblyId,
  ballot,
  title,
  mine,
  present,
  inSession,
}: {
  assemblyId: string;
  ballot: BallotView;
  title: string;
  mine: MyBallot | undefined;
  present: boolean;
  inSession: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [vote, setVote] = useState<YesNo | ''>('');
  const [marks, setMarks] = useState<string[]>([]);
  const [ranking, setRanking] = useState<string[]>([]);
  const [chosenVoters, setChosenVoters] = useState<string[] | null>(null);
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  // The confirmation step replaces the form: focus its heading so the review is read first.
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
  }, [step]);

  const voters = mine?.voters ?? [];
  const open = voters.filter((v) => !v.voted);
  const voted = voters.filter((v) => v.voted);
  const selected = chosenVoters ?? open.map((v) => v.personId);
  const ranked = RANKED.includes(ballot.method);
  const candidates = [...ballot.candidates].sort((a, b) => a.position - b.position);
  const nameOf = (cid: string) => candidates.find((c) => c.id === cid)?.name ?? cid;

  const mutation = useMutation({
    mutationFn: () =>
      castVote(ballot.id, {
        ...(ballot.method === 'yes_no' ? { vote: vote as YesNo } : { candidates: ranked ? ranking : marks }),
        voters: selected,
      }),
    onSuccess: (r) => {
      // In the order of the form (yourself first), whatever order the server answered in.
      const castIds = new Set(r.cast.map((c) => c.personId));
      const names = voters.filter((v) => castIds.has(v.personId)).map((v) => v.name);
      setDone(t('governance.vote.recorded', { count: r.cast.length, names: names.join(', ') }));
      setStep('choose');
      setChosenVoters(null);
      void queryClient.invalidateQueries({ queryKey: qk.me(assemblyId) });
      void queryClient.invalidateQueries({ queryKey: qk.live(assemblyId) });
    },
    onError: () => setStep('choose'),
  });

  if (ballot.status !== 'open') return null;
  // The verifiable secret ballot is encrypted in the browser and cast on its public board.
  if (ballot.ballotType === 'encrypted') return <EncryptedVote assemblyId={assemblyId} ballot={ballot} title={title} />;

  if (voters.length === 0) {
    return <p className="alert alert-info">{t('governance.vote.notEntitled')}</p>;
  }

  const summary = (): string => {
    if (ballot.method === 'yes_no') return codeLabel(t, 'vote', vote);
    const list = ranked ? ranking : marks;
    if (list.length === 0) return t('governance.vote.blank');
    return ranked ? list.map((c, i) => `${i + 1}. ${nameOf(c)}`).join(', ') : list.map(nameOf).join(', ');
  };

  const onReview = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    mutation.reset();
    if (ballot.method === 'yes_no' && !vote) return setLocalError(t('governance.vote.chooseFirst'));
    if (selected.length === 0) return setLocalError(t('governance.vote.chooseVoters'));
    setLocalError(null);
    setStep('confirm');
  };

  const toggleMark = (cid: string, on: boolean) => {
    if (ballot.maxChoices === 1 && ballot.method === 'plurality') setMarks(on ? [cid] : []);
    else setMarks((m) => (on ? [...m, cid] : m.filter((x) => x !== cid)));
  };

  const proxyHint = open.some((v) => v.viaProxy) && !(inSession && present);

  return (
    <div className="gov-vote">
      {voted.length > 0 ? (
        <p className="alert alert-success">{t('governance.vote.alreadyVoted', { names: voted.map((v) => v.name).join(', ') })}</p>
      ) : null}
      <div aria-live="polite" aria-atomic="true">
        {done ? <p className="alert alert-success">{done}</p> : null}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {localError ? <p className="alert alert-error">{localError}</p> : mutation.error ? <ProblemAlert error={mutation.error} role="none" /> : null}
      </div>
      {open.length === 0 ? null : step === 'choose' ? (
        <form onSubmit={onReview} className="form" aria-label={t('governance.vote.formLabel', { title })} noValidate>
          {ballot.method === 'yes_no' ? (
            <fieldset className="radio-group gov-choices">
              <legend>{t('governance.vote.yourVote')}</legend>
              {(['yes', 'no', 'abstain'] as const).map((v) => (
                <label key={v}>
                  <input type="radio" name={`${id}-vote`} value={v} checked={vote === v} onChange={() => setVote(v)} />
                  {codeLabel(t, 'vote', v)}
                </label>
              ))}
            </fieldset>
          ) : ranked ? (
            <RankingControl
              legend={t('governance.vote.rankLegend', { seats: ballot.seats, count: ballot.seats })}
              hint={t(ballot.method === 'stv' ? 'governance.vote.rankHintStv' : 'governance.vote.rankHintSchulze')}
              options={candidates.map((c) => ({ id: c.id, name: c.name }))}
              value={ranking}
              onChange={setRanking}
            />
          ) : (
            <fieldset className="radio-group gov-choices">
              <legend>
                {ballot.method === 'approval'
                  ? t('governance.vote.approvalLegend')
                  : t('governance.vote.pluralityLegend', { count: ballot.maxChoices })}
              </legend>
              {candidates.map((c) => {
                const checked = marks.includes(c.id);
                const full = ballot.method === 'plurality' && ballot.maxChoices > 1 && marks.length >= ballot.maxChoices && !checked;
                const single = ballot.method === 'plurality' && ballot.maxChoices === 1;
                return (
                  <label key={c.id}>
                    <input
                      type={single ? 'radio' : 'checkbox'}
                      name={`${id}-cand`}
                      value={c.id}
                      checked={checked}
                      disabled={full}
                      onChange={(e) => toggleMark(c.id, e.target.checked)}
                    />
                    {c.name}
                  </label>
                );
              })}
              <p className="hint">{t('governance.vote.blankHint')}</p>
            </fieldset>
          )}
          {open.length > 1 || open.some((v) => v.viaProxy) ? (
            <fieldset className="radio-group">
              <legend>{t('governance.vote.voteFor')}</legend>
              {open.map((v) => (
                <label key={v.personId}>
                  <input
                    type="checkbox"
                    checked={selected.includes(v.personId)}
                    onChange={(e) => setChosenVoters(e.target.checked ? [...selected, v.personId] : selected.filter((x) => x !== v.personId))}
                  />
                  {v.viaProxy ? t('governance.vote.voterProxy', { name: v.name, count: v.weight }) : t('governance.vote.voterSelf', { count: v.weight })}
                </label>
              ))}
              {proxyHint ? <p className="hint">{t('governance.vote.proxyNeedsPresence')}</p> : null}
            </fieldset>
          ) : (
            <p className="muted">{t('governance.vote.weight', { count: open[0]?.weight ?? 1 })}</p>
          )}
          <button type="submit" className="btn btn-primary">
            {t('governance.vote.review')}
          </button>
        </form>
      ) : (
        <div className="card gov-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <h4 id={`${id}-confirm`} ref={confirmRef} tabIndex={-1}>{t('governance.vote.confirmTitle')}</h4>
          <dl className="details">
            <div className="detail">
              <dt>{t('governance.vote.choice')}</dt>
              <dd>{summary()}</dd>
            </div>
            <div className="detail">
              <dt>{t('governance.vote.for')}</dt>
              <dd>{open.filter((v) => selected.includes(v.personId)).map((v) => v.name).join(', ')}</dd>
            </div>
          </dl>
          <p>{t('governance.vote.final')}</p>
          <div className="gov-actions">
            <button type="button" className="btn btn-primary" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
              {mutation.isPending ? t('governance.vote.sending') : t('governance.vote.confirm')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setStep('choose')} disabled={mutation.isPending}>
              {t('governance.vote.change')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
