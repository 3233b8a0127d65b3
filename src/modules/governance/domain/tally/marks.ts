// Plurality (a voter marks up to `maxChoices` candidates, by default as many as the seats: "plurality at large";
// fewer than the seats is the Italian "voto limitato" that leaves room for minorities) and approval voting (a voter
// marks any number). Each mark adds the voter's weight to the candidate; the seats go to the highest totals, and a
// tie across the last seat is broken by lot (reported).
import { decodeCandidates } from '../ballot.ts';
import { drawLots } from './lot.ts';
import type { ScaledGroup } from './scaled.ts';

export interface MarksResult {
  /** Scaled votes per candidate. */
  votes: bigint[];
  /** Candidates by votes, best first (ties ordered by lot). */
  order: number[];
  elected: number[];
  /** Candidates tied across the last seat, in lot order (empty when no such tie). */
  tieAtCut: number[];
}

export function countMarks(n: number, seats: number, groups: readonly ScaledGroup[], seed: string): MarksResult {
  const votes = Array<bigint>(n).fill(0n);
  for (const g of groups) for (const c of decodeCandidates(g.choice)) votes[c] = (votes[c] as bigint) + g.weight;
  // Group candidates by equal totals, highest first; order within a group by lot.
  const distinct = [...new Set(votes)].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  const order: number[] = [];
  let tieAtCut: number[] = [];
  for (const v of distinct) {
    const same = votes.map((x, c) => (x === v ? c : -1)).filter((c) => c >= 0);
    const ordered = same.length > 1 ? drawLots(seed, `marks:${v}`, same) : same;
    if (same.length > 1 && order.length < seats && order.length + same.length > seats) tieAtCut = ordered;
    order.push(...ordered);
  }
  return { votes, order, elected: order.slice(0, Math.min(seats, n)), tieAtCut };
}
