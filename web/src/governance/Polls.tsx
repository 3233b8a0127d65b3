// Consultative polls of an assembly (informal, one response per member, no legal effect): single or multiple
// choice, score, ranked (counted with Schulze; the same ranking control as the ballots) and meeting time (yes /
// maybe / no per option). Members and the chair create them; members respond (and may change their response while
// the poll is open); the creator or the chair closes them.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading, ProblemAlert } from '../core/ui.tsx';
import { closePoll, createPoll, listPolls, respondPoll, type Availability, type ItemView, type Poll, type PollKind, type PollResponse } from './api.ts';
import { RankingControl } from './RankingControl.tsx';
import { codeLabel, fieldPaths, qk, useDateTime } from './util.ts';

const KINDS: PollKind[] = ['single', 'multiple', 'score', 'ranked', 'meeting_time'];

function optionLabel(poll: Poll, i: number, dt: (v: string) => string): string {
  const o = poll.options[i] ?? '';
  return poll.kind === 'meeting_time' && !Number.isNaN(Date.parse(o)) ? dt(o) : o;
}

function PollCard({ poll, canRespond, canClose }: { poll: Poll; canRespond: boolean; canClose: boolean }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const id = useId();
  const queryClient = useQueryClient();
  const mine = poll.myResponse;
  const n = poll.options.length;
  const [choices, setChoices] = useState<number[]>(mine && 'choices' in mine ? mine.choices : []);
  const [scores, setScores] = useState<number[]>(mine && 'scores' in mine ? mine.scores : Array<number>(n).fill(0));
  const [avail, setAvail] = useState<Availability[]>(mine && 'availability' in mine ? mine.availability : Array<Availability>(n).fill('no'));
  const [saved, setSaved] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: qk.polls(poll.assemblyId) });
  const respond = useMutation({
    mutationFn: (r: PollResponse) => respondPoll(poll.id, r),
    onSuccess: () => {
      setSaved(true);
      refresh();
    },
  });
  const close = useMutation({ mutationFn: () => closePoll(poll.id), onSuccess: refresh });
  const open = poll.status === 'open';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (poll.kind === 'score') respond.mutate({ scores });
    else if (poll.kind === 'meeting_time') respond.mutate({ availability: avail });
    else respond.mutate({ choices });
  };
  const ids = poll.options.map((_, i) => String(i));
  const best = new Set(poll.result.best);

  return (
    <li className="card gov-poll">
      <h3 className="card-title" id={`${id}-q`}>
        {poll.question}
      </h3>
      <p className="muted">
        {codeLabel(t, 'pollKind', poll.kind)} · {open ? t('governance.poll.open') : t('governance.poll.closedAt', { at: dt(poll.closedAt) })} ·{' '}
        {t('governance.poll.responses', { count: poll.result.responses })}
      </p>
      {open && canRespond ? (
        <form onSubmit={submit} className="form" aria-labelledby={`${id}-q`} noValidate>
          {poll.kind === 'single' || poll.kind === 'multiple' ? (
            <fieldset className="radio-group">
              <legend>{poll.kind === 'single' ? t('governance.poll.pickOne') : t('governance.poll.pickUpTo', { count: poll.max })}</legend>
              {poll.options.map((_, i) => (
                <label key={i}>
                  <input
                    type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                    name={`${id}-opt`}
                    checked={choices.includes(i)}
                    disabled={poll.kind === 'multiple' && !choices.includes(i) && choices.length >= poll.max}
                    onChange={(e) => setChoices(poll.kind === 'single' ? [i] : e.target.checked ? [...choices, i] : choices.filter((c) => c !== i))}
                  />
                  {optionLabel(poll, i, dt)}
                </label>
              ))}
            </fieldset>
          ) : poll.kind === 'ranked' ? (
            <RankingControl
              legend={t('governance.poll.rankLegend')}
              options={poll.options.map((_, i) => ({ id: String(i), name: optionLabel(poll, i, dt) }))}
              value={choices.map(String).filter((c) => ids.includes(c))}
              onChange={(v) => setChoices(v.map(Number))}
            />
          ) : poll.kind === 'score' ? (
            <fieldset className="radio-group">
              <legend>{t('governance.poll.scoreLegend', { max: poll.max })}</legend>
              {poll.options.map((_, i) => (
                <div className="inline-field" key={i}>
                  <label htmlFor={`${id}-s${i}`}>{optionLabel(poll, i, dt)}</label>
                  <select id={`${id}-s${i}`} value={scores[i] ?? 0} onChange={(e) => setScores(scores.map((s, j) => (j === i ? Number(e.target.value) : s)))}>
                    {Array.from({ length: poll.max + 1 }, (_, v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          ) : (
            <fieldset className="radio-group">
              <legend>{t('governance.poll.availabilityLegend')}</legend>
              {poll.options.map((_, i) => (
                <div className="inline-field" key={i}>
                  <label htmlFor={`${id}-a${i}`}>{optionLabel(poll, i, dt)}</label>
                  <select id={`${id}-a${i}`} value={avail[i] ?? 'no'} onChange={(e) => setAvail(avail.map((a, j) => (j === i ? (e.target.value as Availability) : a)))}>
                    {(['yes', 'maybe', 'no'] as const).map((a) => (
                      <option key={a} value={a}>
                        {codeLabel(t, 'availability', a)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          )}
          <div aria-live="polite">{saved ? <p className="alert alert-success">{t('governance.poll.saved')}</p> : null}</div>
          {respond.error ? <ProblemAlert error={respond.error} /> : null}
          <button type="submit" className="btn btn-secondary" disabled={respond.isPending}>
            {mine ? t('governance.poll.update') : t('governance.poll.respond')}
          </button>
        </form>
      ) : null}
      <h4 className="gov-subhead">{t('governance.poll.results')}</h4>
      <ul className="plain-list gov-poll-results">
        {poll.result.options.map((o) => (
          <li key={o.option}>
            {best.has(o.option) ? <strong>{optionLabel(poll, o.option, dt)}</strong> : optionLabel(poll, o.option, dt)}
            {': '}
            {poll.kind === 'ranked'
              ? t('governance.poll.place', { n: o.rank })
              : poll.kind === 'meeting_time'
                ? t('governance.poll.availabilityResult', { yes: o.value, maybe: o.maybe ?? 0 })
                : poll.kind === 'score'
                  ? t('governance.poll.scoreResult', { total: o.value, average: (o.average ?? 0).toFixed(1) })
                  : t('governance.poll.count', { count: o.value })}
            {best.has(o.option) ? <span className="badge">{t('governance.poll.best')}</span> : null}
          </li>
        ))}
      </ul>
      {open && canClose ? (
        <button type="button" className="btn btn-secondary btn-small" disabled={close.isPending} onClick={() => close.mutate()}>
          {t('governance.poll.close')}
        </button>
      ) : null}
      {close.error ? <ProblemAlert error={close.error} /> : null}
    </li>
  );
}

function NewPoll({ assemblyId, items }: { assemblyId: string; items: ItemView[] }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState('');
  const [max, setMax] = useState('');
  const [itemId, setItemId] = useState('');
  const m = useMutation({
    mutationFn: () =>
      createPoll(assemblyId, {
        question: question.trim(),
        kind,
        options: options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean)
          .map((o) => (kind === 'meeting_time' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(o) ? new Date(o).toISOString() : o)),
        ...(max && (kind === 'multiple' || kind === 'score') ? { max: Number(max) } : {}),
        itemId: itemId || null,
      }),
    onSuccess: () => {
      setQuestion('');
      setOptions('');
      setMax('');
      void queryClient.invalidateQueries({ queryKey: qk.polls(assemblyId) });
    },
  });
  const errs = fieldPaths(m.error);
  return (
    <details className="gov-new">
      <summary>{t('governance.poll.new')}</summary>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('governance.poll.question')}</label>
          <input id={`${id}-q`} value={question} onChange={(e) => setQuestion(e.target.value)} maxLength={1000} aria-invalid={errs.question ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-k`}>{t('governance.poll.kind')}</label>
          <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {codeLabel(t, 'pollKind', k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-o`}>{t('governance.poll.options')}</label>
          <textarea id={`${id}-o`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} aria-describedby={`${id}-o-hint`} />
          <p className="hint" id={`${id}-o-hint`}>
            {kind === 'meeting_time' ? t('governance.poll.optionsTimeHint') : t('governance.poll.optionsHint')}
          </p>
        </div>
        {kind === 'multiple' || kind === 'score' ? (
          <div className="field narrow-field">
            <label htmlFor={`${id}-m`}>{kind === 'multiple' ? t('governance.poll.maxPicks') : t('governance.poll.maxScore')}</label>
            <input id={`${id}-m`} type="number" inputMode="numeric" min={1} max={100} value={max} onChange={(e) => setMax(e.target.value)} />
          </div>
        ) : null}
        {items.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-i`}>{t('governance.poll.item')}</label>
            <select id={`${id}-i`} value={itemId} onChange={(e) => setItemId(e.target.value)}>
              <option value="">{t('governance.poll.noItem')}</option>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.position}. {i.title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {m.error ? <ProblemAlert error={m.error} /> : null}
        <button type="submit" className="btn btn-secondary" disabled={m.isPending}>
          {t('governance.poll.create')}
        </button>
      </form>
    </details>
  );
}

export function Polls({
  assemblyId,
  items,
  canCreate,
  canRespond,
  manage,
}: {
  assemblyId: string;
  items: ItemView[];
  canCreate: boolean;
  canRespond: boolean;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const polls = useQuery({ queryKey: qk.polls(assemblyId), queryFn: () => listPolls(assemblyId) });
  return (
    <section className="card" aria-labelledby="gov-polls">
      <h2 id="gov-polls">{t('governance.poll.title')}</h2>
      <p className="muted">{t('governance.poll.intro')}</p>
      {polls.error ? <ProblemAlert error={polls.error} /> : !polls.data ? <Loading /> : null}
      {polls.data && polls.data.length === 0 ? <p>{t('governance.poll.none')}</p> : null}
      {polls.data && polls.data.length > 0 ? (
        <ul className="gov-cards">
          {polls.data.map((p) => (
            // The creator may close their own poll; the API says no (403) when a member tries another's.
            <PollCard key={p.id} poll={p} canRespond={canRespond} canClose={manage} />
          ))}
        </ul>
      ) : null}
      {canCreate ? <NewPoll assemblyId={assemblyId} items={items} /> : null}
    </section>
  );
}
