// Single transferable vote, Scottish STV: the counting rules of the Scottish Local Government Elections Order 2007
// (SSI 2007/42, Schedule 1, rules 45–52), i.e. the weighted inclusive Gregory method:
//   - quota (Droop) = ⌊valid votes / (seats + 1)⌋ + 1;
//   - a candidate reaching the quota is elected; surpluses are transferred largest first, one per stage, never
//     deferred; the surplus of a candidate goes with ALL the ballot papers credited to them, each at
//     value × surplus ÷ candidate's total, truncated to 5 decimal places (ballot values and totals are kept in
//     units of 0.00001, so the arithmetic is exact integer arithmetic);
//   - with no surplus left to transfer, the candidate with the fewest votes is excluded and all their papers pass,
//     at the value they carry, to the next continuing preference, in one stage;
//   - papers with no continuing preference are non-transferable; an elected or excluded candidate receives nothing;
//   - when the continuing candidates are as many as the seats left, they are all elected;
//   - ties (equal surpluses, equal lowest totals): the candidate who had more (for a surplus) or fewer (for an
//     exclusion) votes at the most recent earlier stage where the tied candidates differed; if they never differed,
//     by lot (lot.ts, reproducible from the seed).
// Weighted voters (legal persons, delegates) cast that many papers. A financing member's paper starts at the capped
// value (coefficient truncated to 5 decimal places).
import { decodeCandidates } from '../ballot.ts';
import { drawLots } from './lot.ts';
import type { Group } from './scaled.ts';
import type { CapResult } from '../weights.ts';

export const STV_UNIT = 100_000n;

export interface StvBallot {
  /** Candidate positions, most preferred first. */
  prefs: readonly number[];
  /** Number of ballot papers (the voter's weight; a group of identical ballots adds up). */
  papers: bigint;
  /** Value of each paper in units of 0.00001 (100000 = one vote). */
  value: bigint;
}

export interface StvStage {
  stage: number;
  action: 'first-preferences' | 'surplus' | 'exclusion';
  /** Whose surplus was transferred or who was excluded. */
  candidate: number | null;
  /** Per-paper value factor of a surplus transfer: surplus / total (5 d.p., display only). */
  transferValue: string | null;
  /** Totals after the stage, units of 0.00001. */
  totals: bigint[];
  nonTransferable: bigint;
  /** Value lost to truncation so far. */
  lostToFractions: bigint;
  electedThisStage: number[];
  tieBreak: { tied: number[]; how: 'previous-stage' | 'lot' } | null;
}

export interface StvResult {
  valid: bigint;
  quota: bigint;
  elected: number[];
  excluded: number[];
  stages: StvStage[];
}

interface Parcel {
  prefs: readonly number[];
  pos: number;
  papers: bigint;
  value: bigint;
}

export function stv(candidates: number, seats: number, ballots: readonly StvBallot[], seed: string): StvResult {
  const status: ('continuing' | 'elected' | 'excluded')[] = Array(candidates).fill('continuing');
  const piles: Parcel[][] = Array.from({ length: candidates }, () => []);
  const totals: bigint[] = Array(candidates).fill(0n);
  const stages: StvStage[] = [];
  const elected: number[] = [];
  const excluded: number[] = [];
  const pendingSurplus: number[] = [];
  let nonTransferable = 0n;
  let lost = 0n;

  /** Moves a parcel to its next continuing preference (from `pos`), or counts it non-transferable. */
  const place = (p: Parcel) => {
    let pos = p.pos;
    while (pos < p.prefs.length && status[p.prefs[pos] as number] !== 'continuing') pos++;
    const worth = p.papers * p.value;
    if (pos >= p.prefs.length) {
      nonTransferable += worth;
      return;
    }
    const c = p.prefs[pos] as number;
    // Identical papers arriving together at the same candidate at the same value travel as one parcel.
    (piles[c] as Parcel[]).push({ ...p, pos });
    totals[c] = (totals[c] as bigint) + worth;
  };

  const merged = new Map<string, Parcel>();
  for (const b of ballots) {
    if (b.prefs.length === 0 || b.papers <= 0n || b.value <= 0n) continue;
    const key = `${b.prefs.join(',')}|${b.value}`;
    const m = merged.get(key);
    if (m) m.papers += b.papers;
    else merged.set(key, { prefs: b.prefs, pos: 0, papers: b.papers, value: b.value });
  }
  for (const p of merged.values()) place(p);
  const valid = totals.reduce((a, b) => a + b, 0n) + nonTransferable;
  const quota = (valid / (STV_UNIT * BigInt(seats + 1)) + 1n) * STV_UNIT;

  const record = (action: StvStage['action'], candidate: number | null, transferValue: string | null, electedNow: number[], tieBreak: StvStage['tieBreak']) =>
    stages.push({ stage: stages.length + 1, action, candidate, transferValue, totals: [...totals], nonTransferable, lostToFractions: lost, electedThisStage: electedNow, tieBreak });

  /** Orders tied candidates by their totals at earlier stages (most recent first), then by lot. */
  const breakTie = (tied: number[], preferHigher: boolean, context: string): { order: number[]; how: 'previous-stage' | 'lot' } => {
    for (let s = stages.length - 2; s >= 0; s--) {
      const t = (stages[s] as StvStage).totals;
      const vals = tied.map((c) => t[c] as bigint);
      if (vals.some((v) => v !== vals[0])) {
        const order = [...tied].sort((a, b) => {
          const d = (t[a] as bigint) - (t[b] as bigint);
          return d === 0n ? 0 : (d > 0n) === preferHigher ? -1 : 1;
        });
        // Candidates still equal at that stage keep being ordered by lot among themselves.
        const first = order[0] as number;
        const sameAsFirst = order.filter((c) => t[c] === t[first]);
        if (sameAsFirst.length > 1) return { order: [...drawLots(seed, context, sameAsFirst), ...order.filter((c) => !sameAsFirst.includes(c))], how: 'lot' };
        return { order, how: 'previous-stage' };
      }
    }
    return { order: drawLots(seed, context, tied), how: 'lot' };
  };

  const electReached = (): number[] => {
    const reached = status.map((s, c) => (s === 'continuing' && (totals[c] as bigint) >= quota ? c : -1)).filter((c) => c >= 0);
    reached.sort((a, b) => ((totals[b] as bigint) > (totals[a] as bigint) ? 1 : (totals[b] as bigint) < (totals[a] as bigint) ? -1 : 0));
    for (const c of reached) {
      status[c] = 'elected';
      elected.push(c);
      pendingSurplus.push(c);
    }
    return reached;
  };

  let electedNow = electReached();
  record('first-preferences', null, null, electedNow, null);

  while (elected.length < seats) {
    const continuing = status.map((s, c) => (s === 'continuing' ? c : -1)).filter((c) => c >= 0);
    if (continuing.length === 0) break;
    if (continuing.length <= seats - elected.length) {
      continuing.sort((a, b) => ((totals[b] as bigint) > (totals[a] as bigint) ? 1 : (totals[b] as bigint) < (totals[a] as bigint) ? -1 : a - b));
      for (const c of continuing) {
        status[c] = 'elected';
        elected.push(c);
      }
      const last = stages[stages.length - 1] as StvStage;
      last.electedThisStage = [...last.electedThisStage, ...continuing];
      break;
    }
    const withSurplus = pendingSurplus.filter((c) => (totals[c] as bigint) > quota);
    if (withSurplus.length > 0) {
      const biggest = withSurplus.reduce((m, c) => ((totals[c] as bigint) > m ? (totals[c] as bigint) : m), 0n);
      const tied = withSurplus.filter((c) => totals[c] === biggest);
      let c = tied[0] as number;
      let tieBreak: StvStage['tieBreak'] = null;
      if (tied.length > 1) {
        const r = breakTie(tied, true, `surplus:${stages.length}`);
        c = r.order[0] as number;
        tieBreak = { tied, how: r.how };
      }
      pendingSurplus.splice(pendingSurplus.indexOf(c), 1);
      const total = totals[c] as bigint;
      const surplus = total - quota;
      const parcels = piles[c] as Parcel[];
      piles[c] = [];
      totals[c] = quota;
      const before = nonTransferable;
      const sumBefore = totals.reduce((a, b) => a + b, 0n);
      for (const p of parcels) {
        const value = (p.value * surplus) / total;
        if (value === 0n) continue;
        place({ prefs: p.prefs, pos: p.pos + 1, papers: p.papers, value });
      }
      const arrived = totals.reduce((a, b) => a + b, 0n) - sumBefore + (nonTransferable - before);
      lost += surplus - arrived;
      const tv = (surplus * STV_UNIT) / total;
      electedNow = electReached();
      record('surplus', c, `${tv / STV_UNIT}.${(tv % STV_UNIT).toString().padStart(5, '0')}`, electedNow, tieBreak);
      continue;
    }
    // Nothing to transfer: exclude the lowest continuing candidate.
    const lowest = continuing.reduce((m, c) => ((totals[c] as bigint) < m ? (totals[c] as bigint) : m), totals[continuing[0] as number] as bigint);
    const tied = continuing.filter((c) => totals[c] === lowest);
    let c = tied[0] as number;
    let tieBreak: StvStage['tieBreak'] = null;
    if (tied.length > 1) {
      const r = breakTie(tied, false, `exclusion:${stages.length}`);
      c = r.order[0] as number;
      tieBreak = { tied, how: r.how };
    }
    status[c] = 'excluded';
    excluded.push(c);
    const parcels = piles[c] as Parcel[];
    piles[c] = [];
    totals[c] = 0n;
    for (const p of parcels) place({ ...p, pos: p.pos + 1 });
    electedNow = electReached();
    record('exclusion', c, null, electedNow, tieBreak);
  }
  return { valid, quota, elected, excluded, stages };
}

/** STV ballots from the aggregated groups: a group of weight w is w papers worth one vote each, or, for financing
 * members when the cap applies, worth the coefficient truncated to 5 decimal places. */
export function stvBallots(groups: readonly Group[], cap: CapResult): StvBallot[] {
  const financingValue = (STV_UNIT * cap.coefficient.n) / cap.coefficient.d;
  return groups.map((g) => ({ prefs: decodeCandidates(g.choice), papers: BigInt(g.weight), value: g.financing ? financingValue : STV_UNIT }));
}
