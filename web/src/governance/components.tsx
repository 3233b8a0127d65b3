// Building blocks shared by the governance pages: status badges, assembly lists, the result of a vote explained,
// explanations in words, and a person picker (search the roll or the co-op's members, pick one) for the chair's staff.
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { ProblemAlert, TableRegion, useDebounced } from '../core/ui.tsx';
import { ballotExportUrl, getRoll, RANKED, type AssemblySummary, type BallotView, type RollLine, type Tally } from './api.ts';
import { codeLabel, qk, useDateTime } from './util.ts';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`status gov-status gov-status-${status}`}>{codeLabel(t, 'status', status)}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return <span className={`status gov-outcome gov-outcome-${outcome}`}>{codeLabel(t, 'outcome', outcome)}</span>;
}

/** Sentences that explain a rule and its figures (they come translated from the API). */
export function Explanation({ lines, className }: { lines: string[]; className?: string }) {
  if (lines.length === 0) return null;
  return (
    <ul className={`explanation${className ? ` ${className}` : ''}`}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** A list of assemblies as cards: title (link), co-op, kind, status and the calls. */
export function AssemblyList({ items, showCoop, level = 3, empty }: { items: AssemblySummary[]; showCoop?: boolean; level?: 2 | 3; empty: string }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const H = level === 2 ? 'h2' : 'h3';
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="gov-cards">
      {items.map((a) => (
        <li key={a.id} className="card gov-card">
          <H className="card-title">
            <Link to={`/assemblee/${a.id}`}>{a.title}</Link>
          </H>
          <p className="gov-card-meta">
            <StatusBadge status={a.status} /> <span>{codeLabel(t, 'kind', a.kind)}</span>
            {a.sectionName ? <span> · {t('governance.assembly.section', { name: a.sectionName })}</span> : null}
          </p>
          {showCoop ? <p className="muted">{a.cooperativeName}</p> : null}
          <dl className="gov-inline-dl">
            <div>
              <dt>{t('governance.assembly.firstCall')}</dt>
              <dd>{dt(a.firstCallAt)}</dd>
            </div>
            {a.secondCallAt ? (
              <div>
                <dt>{t('governance.assembly.secondCall')}</dt>
                <dd>{dt(a.secondCallAt)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('governance.assembly.mode')}</dt>
              <dd>{codeLabel(t, 'mode', a.mode)}</dd>
            </div>
          </dl>
          {a.status === 'in_session' || a.status === 'convened' ? (
            <p>
              <Link to={`/assemblee/${a.id}/diretta`}>{t('governance.live.link')}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const ballotMethodText = (t: ReturnType<typeof useTranslation>['t'], b: Pick<BallotView, 'method' | 'seats' | 'maxChoices' | 'secret'>) => {
  const parts = [codeLabel(t, 'method', b.method)];
  if (b.method !== 'yes_no') parts.push(t('governance.ballot.seats', { count: b.seats }));
  if (b.method === 'plurality') parts.push(t('governance.ballot.maxChoices', { count: b.maxChoices }));
  parts.push(b.secret ? t('governance.ballot.secret') : t('governance.ballot.open'));
  return parts.join(' · ');
};

/** The ballot's method, seats and ballot type in words. */
export function BallotFacts({ ballot }: { ballot: BallotView }) {
  const { t } = useTranslation();
  return (
    <p className="muted">
      {ballotMethodText(t, ballot)}
      {ballot.remoteVoting ? ` · ${t('governance.ballot.remoteVoting')}` : ''}
    </p>
  );
}

/** The frozen result of a closed ballot: outcome, figures, the rule and the figures that decided it, in words. */
export function BallotResult({ ballot, headingLevel = 4, showExport }: { ballot: BallotView; headingLevel?: 3 | 4 | 5; showExport?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dt = useDateTime();
  const r: Tally | null = ballot.result;
  const H = `h${headingLevel}` as 'h3' | 'h4' | 'h5';
  const id = useId();
  if (!r) return null;
  const names = r.candidateNames.length ? r.candidateNames : ballot.candidates.map((c) => c.name);
  return (
    <section className="gov-result" aria-labelledby={`${id}-h`}>
      <H id={`${id}-h`}>
        {t('governance.result.title')} <OutcomeBadge outcome={r.outcome} />
      </H>
      <p className="muted">{t('governance.result.closedAt', { at: dt(ballot.closedAt) })}</p>
      {r.resolution ? (
        <TableRegion label={t('governance.result.tableLabel')}>
          <table className="data-table compact">
            <caption className="visually-hidden">{t('governance.result.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('governance.result.choice')}</th>
                <th scope="col" className="num">
                  {t('governance.result.votes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(['yes', 'no', 'abstain'] as const).map((k) => (
                <tr key={k}>
                  <th scope="row">{codeLabel(t, 'vote', k)}</th>
                  <td className="num">{r.resolution?.[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {r.election ? (
        <TableRegion label={t('governance.result.candidatesLabel')}>
          <table className="data-table compact">
            <caption className="visually-hidden">{t('governance.result.candidatesLabel')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('governance.result.rank')}
                </th>
                <th scope="col">{t('governance.result.candidate')}</th>
                <th scope="col" className="num">
                  {RANKED.includes(r.method) ? (r.method === 'stv' ? t('governance.result.firstPreferences') : t('governance.result.pairwiseWins')) : t('governance.result.votes')}
                </th>
                <th scope="col">{t('governance.result.elected')}</th>
              </tr>
            </thead>
            <tbody>
              {[...r.election.candidates]
                .sort((a, b) => a.rank - b.rank)
                .map((c) => (
                  <tr key={c.position} className={c.elected ? 'gov-elected' : undefined}>
                    <td className="num">{c.rank}</td>
                    <th scope="row">{names[c.position] ?? `#${c.position + 1}`}</th>
                    <td className="num">{c.votes}</td>
                    <td>{c.elected ? t('governance.result.yesElected') : t('governance.result.notElected')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      <p>
        {t('governance.result.figures', {
          cast: f.number(r.castVotes),
          blank: f.number(r.blankVotes),
          present: f.number(r.presence.total),
          entitled: f.number(r.presence.entitledTotal),
        })}
      </p>
      <h5 className="gov-subhead">{t('governance.result.why')}</h5>
      <Explanation lines={r.explanationText} className="gov-why" />
      {r.election?.stv ? <StvStages stv={r.election.stv} names={names} /> : null}
      {r.election?.schulze ? <SchulzeMatrix pairwise={r.election.schulze.pairwise} names={names} /> : null}
      {ballot.resultSha256 ? (
        <p className="muted gov-hash">
          {t('governance.result.sha')} <span className="mono">{ballot.resultSha256}</span>
        </p>
      ) : null}
      {showExport ? (
        <p>
          <a href={ballotExportUrl(ballot.id)} download>
            {t('governance.result.export')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function StvStages({ stv, names }: { stv: NonNullable<NonNullable<Tally['election']>['stv']>; names: string[] }) {
  const { t } = useTranslation();
  return (
    <details className="data-fallback">
      <summary>{t('governance.result.stvStages', { quota: stv.quota })}</summary>
      <TableRegion label={t('governance.result.stvStagesLabel')}>
        <table className="data-table compact">
          <caption className="visually-hidden">{t('governance.result.stvStagesLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('governance.result.stage')}</th>
              <th scope="col">{t('governance.result.action')}</th>
              {names.map((n, i) => (
                <th scope="col" key={i} className="num">
                  {n}
                </th>
              ))}
              <th scope="col" className="num">
                {t('governance.result.nonTransferable')}
              </th>
            </tr>
          </thead>
          <tbody>
            {stv.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.stage}</th>
                <td>
                  {codeLabel(t, 'stvAction', s.action)}
                  {s.candidate !== null ? `: ${names[s.candidate] ?? s.candidate}` : ''}
                </td>
                {s.totals.map((v, i) => (
                  <td key={i} className="num">
                    {v}
                  </td>
                ))}
                <td className="num">{s.nonTransferable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </details>
  );
}

function SchulzeMatrix({ pairwise, names }: { pairwise: string[][]; names: string[] }) {
  const { t } = useTranslation();
  return (
    <details className="data-fallback">
      <summary>{t('governance.result.pairwise')}</summary>
      <TableRegion label={t('governance.result.pairwiseLabel')}>
        <table className="data-table compact">
          <caption className="visually-hidden">{t('governance.result.pairwiseLabel')}</caption>
          <thead>
            <tr>
              <td />
              {names.map((n, i) => (
                <th scope="col" key={i} className="num">
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pairwise.map((row, i) => (
              <tr key={i}>
                <th scope="row">{t('governance.result.preferredTo', { name: names[i] ?? i })}</th>
                {row.map((v, j) => (
                  <td key={j} className="num">
                    {i === j ? '—' : v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </details>
  );
}

/** A person a picker offers: the roll's lines, or the co-op's current members (the trustees of an encrypted ballot). */
export interface PickLine {
  personId: string;
  registerNumber: number | null;
  name: string;
  /** `false` marks a member who may not vote (the roll's lines); absent elsewhere. */
  eligible?: boolean;
}

/** Search the assembly's roll and pick a member (chair's staff: check-in on behalf, paper proxies). */
export function RollPicker(props: {
  assemblyId: string;
  label: string;
  action: (line: RollLine) => string;
  onPick: (line: RollLine) => void;
  busy?: boolean;
  renderExtra?: (line: RollLine) => ReactNode;
}) {
  const { assemblyId, ...rest } = props;
  return (
    <PersonPicker<RollLine>
      {...rest}
      queryKey={[...qk.roll(assemblyId), 'pick']}
      search={async (q) => (await getRoll(assemblyId, { q, pageSize: 10 })).items}
    />
  );
}

/**
 * Search box and a short list of people, each with a button that picks them: the roll picker, and the trustee
 * picker of the agenda's item editor (the co-op's members, before any roll exists).
 */
export function PersonPicker<L extends PickLine>({
  label,
  action,
  onPick,
  busy,
  renderExtra,
  queryKey,
  search,
  noneText,
  hint,
}: {
  label: string;
  action: (line: L) => string;
  onPick: (line: L) => void;
  busy?: boolean;
  renderExtra?: (line: L) => ReactNode;
  queryKey: readonly unknown[];
  search: (term: string) => Promise<L[]>;
  noneText?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const term = useDebounced(q.trim(), 250);
  const found = useQuery({
    queryKey: [...queryKey, term],
    queryFn: () => search(term),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <div className="gov-picker">
      <div className="field">
        <label htmlFor={`${id}-q`}>{label}</label>
        <input ref={input} id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" aria-describedby={`${id}-hint`} />
        <p className="hint" id={`${id}-hint`}>
          {hint ?? t('governance.picker.hint')}
        </p>
      </div>
      {found.error ? <ProblemAlert error={found.error} /> : null}
      {term && found.data ? (
        found.data.length === 0 ? (
          <p role="status">{noneText ?? t('governance.picker.none')}</p>
        ) : (
          <ul className="link-list gov-picker-list" aria-label={t('governance.picker.results')}>
            {found.data.map((l) => (
              <li key={l.personId}>
                <span>
                  {l.registerNumber !== null ? <span className="muted">n. {l.registerNumber} · </span> : null}
                  {l.name}
                  {l.eligible === false ? <span className="badge">{t('governance.roll.notEligible')}</span> : null}
                  {renderExtra?.(l)}
                </span>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={busy}
                  onClick={() => {
                    onPick(l);
                    // Ready for the next member at the door (the list, and the button just pressed, go away).
                    setQ('');
                    input.current?.focus();
                  }}
                >
                  {action(l)}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
