// Consultative polls before an assembly (informal: one response per member, no weights, no legal effect), in five
// kinds: single choice, multiple choice, score (each option 0..max), ranked (counted with Schulze) and meeting time
// (each option yes / maybe / no, best = most yes, then most maybe).
import { schulze } from './tally/schulze.ts';

export type PollKind = 'single' | 'multiple' | 'score' | 'ranked' | 'meeting_time';
export const POLL_KINDS: readonly PollKind[] = ['single', 'multiple', 'score', 'ranked', 'meeting_time'];
export type Availability = 'yes' | 'maybe' | 'no';

export type PollResponse =
  | { choices: number[] } // single, multiple, ranked (in order)
  | { scores: number[] } // score: one per option
  | { availability: Availability[] }; // meeting_time: one per option

export interface PollSpec {
  kind: PollKind;
  options: number;
  /** multiple: most options one may pick; score: the top score. */
  max: number;
}

/** Null when the response fits the poll, else an i18n code. */
export function checkResponse(spec: PollSpec, r: PollResponse): string | null {
  const n = spec.options;
  if (spec.kind === 'score') {
    if (!('scores' in r) || r.scores.length !== n) return 'governance.poll.scores-expected';
    return r.scores.every((s) => Number.isInteger(s) && s >= 0 && s <= spec.max) ? null : 'governance.poll.score-range';
  }
  if (spec.kind === 'meeting_time') {
    if (!('availability' in r) || r.availability.length !== n) return 'governance.poll.availability-expected';
    return null;
  }
  if (!('choices' in r)) return 'governance.poll.choices-expected';
  const c = r.choices;
  if (new Set(c).size !== c.length || c.some((x) => !Number.isInteger(x) || x < 0 || x >= n)) return 'governance.poll.bad-option';
  if (spec.kind === 'single' && c.length !== 1) return 'governance.poll.one-choice';
  if (spec.kind === 'multiple' && (c.length < 1 || c.length > spec.max)) return 'governance.poll.too-many';
  if (spec.kind === 'ranked' && c.length < 1) return 'governance.poll.choices-expected';
  return null;
}

export interface PollOptionResult {
  option: number;
  /** single/multiple: responses choosing it; score: total; ranked: Schulze place; meeting_time: yes count. */
  value: number;
  maybe?: number;
  average?: number;
  rank: number;
}

export interface PollResult {
  responses: number;
  options: PollOptionResult[];
  /** Best option(s). */
  best: number[];
}

export function pollResult(spec: PollSpec, responses: readonly PollResponse[]): PollResult {
  const n = spec.options;
  const value = Array<number>(n).fill(0);
  const maybe = Array<number>(n).fill(0);
  let order: number[];
  if (spec.kind === 'ranked') {
    const groups = responses.filter((r): r is { choices: number[] } => 'choices' in r).map((r) => ({ choice: r.choices.join(','), weight: 1n }));
    const s = schulze(n, n, groups, 'poll');
    order = s.ranking;
    order.forEach((c, i) => (value[c] = i + 1));
    const top = s.ranking[0];
    return { responses: responses.length, options: value.map((v, o) => ({ option: o, value: v, rank: v })), best: top === undefined || n === 0 ? [] : [top] };
  }
  for (const r of responses) {
    if ('choices' in r) for (const c of r.choices) value[c] = (value[c] ?? 0) + 1;
    else if ('scores' in r) r.scores.forEach((s, o) => (value[o] = (value[o] ?? 0) + s));
    else r.availability.forEach((a, o) => {
      if (a === 'yes') value[o] = (value[o] ?? 0) + 1;
      if (a === 'maybe') maybe[o] = (maybe[o] ?? 0) + 1;
    });
  }
  const key = (o: number) => [value[o] as number, spec.kind === 'meeting_time' ? (maybe[o] as number) : 0] as const;
  order = Array.from({ length: n }, (_, o) => o).sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1] || a - b);
  const options = order.map((o, i) => ({
    option: o,
    value: value[o] as number,
    rank: i + 1,
    ...(spec.kind === 'meeting_time' ? { maybe: maybe[o] as number } : {}),
    ...(spec.kind === 'score' ? { average: responses.length ? (value[o] as number) / responses.length : 0 } : {}),
  }));
  const top = order[0];
  const best = top === undefined || responses.length === 0 ? [] : order.filter((o) => key(o)[0] === key(top)[0] && key(o)[1] === key(top)[1]);
  return { responses: responses.length, options: options.sort((a, b) => a.option - b.option), best };
}
