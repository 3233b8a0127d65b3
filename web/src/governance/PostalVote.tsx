// The chair's staff records a postal ballot (voto per corrispondenza) received on paper, where the statute allows it:
// the choice first, then the member, found in the roll. One member, one vote holds as for every other channel — the
// server refuses a member who already voted or may not vote, and says why. Resolutions only (yes / no / abstain);
// an election's postal ballots go through the API (`POST /ballots/:id/votes` with `postal`, or 50 at a time).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemAlert } from '../core/ui.tsx';
import { castVote, type BallotView, type RollLine, type YesNo } from './api.ts';
import { RollPicker } from './components.tsx';
import { codeLabel, qk } from './util.ts';

export function PostalVote({ assemblyId, ballot }: { assemblyId: string; ballot: BallotView }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [vote, setVote] = useState<YesNo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (line: RollLine) => castVote(ballot.id, { vote: vote as YesNo, voters: [line.personId], postal: true }).then(() => line),
    onSuccess: (line) => {
      setDone(t('governance.postal.recorded', { name: line.name, vote: codeLabel(t, 'vote', vote as string) }));
      setVote(null);
      void queryClient.invalidateQueries({ queryKey: qk.assembly(assemblyId) });
    },
  });
  return (
    <section className="gov-postal" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="gov-subhead">
        {t('governance.postal.title')}
      </h4>
      <fieldset className="radio-group gov-choices">
        <legend>{t('governance.postal.choice')}</legend>
        {(['yes', 'no', 'abstain'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name={`${id}-vote`} value={v} checked={vote === v} onChange={() => { setVote(v); setDone(null); }} />
            {codeLabel(t, 'vote', v)}
          </label>
        ))}
      </fieldset>
      {vote ? (
        <RollPicker
          assemblyId={assemblyId}
          label={t('governance.postal.member')}
          busy={record.isPending}
          action={(l) => t('governance.postal.recordFor', { name: l.name })}
          onPick={(l) => record.mutate(l)}
        />
      ) : (
        <p className="hint">{t('governance.postal.chooseFirst')}</p>
      )}
      {record.error ? <ProblemAlert error={record.error} /> : null}
      {done ? (
        <p role="status" className="alert alert-success">
          {done}
        </p>
      ) : null}
    </section>
  );
}
