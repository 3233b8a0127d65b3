// Exported ballot files, so anyone can recount a closed vote (`cooperando count FILE`). Two formats are read:
//  - the platform's own JSON ("cooperando-ballots/1"): every cast ballot as (choice, weight, financing flag) with
//    no voter identity, plus the presence figures and the quorum rule, enough to redo the whole count;
//  - BLT, the plain-text format of STV counting programs and of published election data (e.g. Scottish council
//    elections): "candidates seats", one line per ballot "weight pref1 pref2 … 0", a "0", candidate names, title.
import type { Method } from './ballot.ts';
import type { QuorumRule } from './statute.ts';
import type { Group, TallyInput } from './tally/index.ts';
import { LEGAL_QUORUMS, DEFAULT_STATUTE } from './statute.ts';

export const BALLOT_FILE_FORMAT = 'cooperando-ballots/1';

export interface BallotFile {
  format: typeof BALLOT_FILE_FORMAT;
  title: string;
  method: Method;
  seats: number;
  candidates: { position: number; name: string }[];
  rule: QuorumRule;
  financingCap: { num: number; den: number };
  presence: { total: number; financing: number };
  entitled: { total: number; financing: number };
  /** The seed the platform drew lots with (recomputed and compared by the CLI). */
  seed: string;
  /** One line per cast ballot: [encoded choice, weight, financing (0/1)]. */
  ballots: [string, number, 0 | 1][];
}

export function tallyInputFromFile(f: BallotFile): TallyInput {
  return {
    method: f.method,
    seats: f.seats,
    candidateCount: f.candidates.length,
    groups: f.ballots.map(([choice, weight, fin]) => ({ choice, weight, financing: fin === 1 })),
    presence: f.presence,
    entitled: f.entitled,
    rule: f.rule,
    financingCapFraction: f.financingCap,
  };
}

export class BallotFileError extends Error {}

/** Reads a BLT file (withdrawn candidates given as negative numbers are dropped from every ballot). */
export function parseBlt(text: string, method: Method = 'stv'): { input: TallyInput; names: string[]; title: string } {
  const tokens = text.replace(/#[^\n]*/g, '').match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  let i = 0;
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new BallotFileError('BLT file ends too early');
    return t;
  };
  const int = (t: string) => {
    if (!/^-?\d+$/.test(t)) throw new BallotFileError(`BLT: expected a number, found "${t.slice(0, 20)}"`);
    return Number(t);
  };
  const candidates = int(next());
  const seats = int(next());
  if (candidates < 1 || seats < 1 || seats > candidates) throw new BallotFileError('BLT: bad candidate or seat count');
  const withdrawn = new Set<number>();
  while (tokens[i]?.startsWith('-')) withdrawn.add(-int(next()) - 1);
  const groups: Group[] = [];
  for (;;) {
    let t = next();
    if (t.startsWith('(')) t = next(); // an optional ballot id
    const weight = int(t);
    if (weight === 0) break;
    const prefs: number[] = [];
    for (let p = next(); p !== '0'; p = next()) {
      if (p.includes('=')) throw new BallotFileError('BLT: equal preferences are not supported');
      const c = int(p) - 1;
      if (c < 0 || c >= candidates) throw new BallotFileError(`BLT: candidate ${p} out of range`);
      if (!withdrawn.has(c) && !prefs.includes(c)) prefs.push(c);
    }
    groups.push({ choice: prefs.join(','), weight, financing: false });
  }
  const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);
  const names = Array.from({ length: candidates }, () => unquote(next()));
  const title = i < tokens.length ? unquote(next()) : '';
  const total = groups.reduce((a, g) => a + g.weight, 0);
  return {
    input: {
      method,
      seats,
      candidateCount: candidates,
      groups,
      presence: { total, financing: 0 },
      entitled: { total, financing: 0 },
      rule: LEGAL_QUORUMS.ordinary.second,
      financingCapFraction: DEFAULT_STATUTE.financingCap,
    },
    names,
    title,
  };
}
