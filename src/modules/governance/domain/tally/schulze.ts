// The Schulze method (M. Schulze, "A new monotonic, clone-independent, reversal symmetric, and Condorcet-consistent
// single-winner election method", Social Choice and Welfare 36, 2011), winning votes as link strength:
//   d[i][j] = votes ranking i above j (a ranked candidate is above every unranked one; unranked ones are tied);
//   a link i→j has strength d[i][j] when d[i][j] > d[j][i], else 0; p[i][j] = strength of the strongest path.
//   i beats j when p[i][j] > p[j][i]; this relation is transitive (Schulze 2011, §4.1).
// Seats are filled from the Schulze ranking: repeatedly take the candidates no remaining candidate beats (ties
// among them broken by lot, reported). This is the Schulze ranking, not the proportional "Schulze STV".
import { decodeCandidates } from '../ballot.ts';
import { drawLots } from './lot.ts';
import type { ScaledGroup } from './scaled.ts';

export interface SchulzeResult {
  /** d[i][j], scaled weights. */
  pairwise: bigint[][];
  /** p[i][j], scaled weights. */
  strongestPaths: bigint[][];
  /** Every candidate in Schulze order. */
  ranking: number[];
  elected: number[];
  /** Groups of candidates the relation left tied, in the order the lot put them. */
  ties: number[][];
}

export function pairwiseMatrix(n: number, groups: readonly ScaledGroup[]): bigint[][] {
  const d = Array.from({ length: n }, () => Array<bigint>(n).fill(0n));
  for (const g of groups) {
    const prefs = decodeCandidates(g.choice);
    if (prefs.length === 0) continue;
    const ranked = new Set(prefs);
    for (let a = 0; a < prefs.length; a++) {
      const i = prefs[a] as number;
      const row = d[i] as bigint[];
      for (let b = a + 1; b < prefs.length; b++) row[prefs[b] as number] = (row[prefs[b] as number] as bigint) + g.weight;
      for (let j = 0; j < n; j++) if (!ranked.has(j)) row[j] = (row[j] as bigint) + g.weight;
    }
  }
  return d;
}

export function strongestPaths(d: readonly (readonly bigint[])[]): bigint[][] {
  const n = d.length;
  const p = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i !== j && (d[i]![j] as bigint) > (d[j]![i] as bigint) ? (d[i]![j] as bigint) : 0n)));
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      for (let j = 0; j < n; j++) {
        if (j === i || j === k) continue;
        const via = p[i]![k]! < p[k]![j]! ? p[i]![k]! : p[k]![j]!;
        if (via > p[i]![j]!) p[i]![j] = via;
      }
    }
  }
  return p;
}

export function schulze(n: number, seats: number, groups: readonly ScaledGroup[], seed: string): SchulzeResult {
  const pairwise = pairwiseMatrix(n, groups);
  const p = strongestPaths(pairwise);
  const remaining = new Set(Array.from({ length: n }, (_, i) => i));
  const ranking: number[] = [];
  const ties: number[][] = [];
  while (remaining.size > 0) {
    const top = [...remaining].filter((i) => ![...remaining].some((j) => j !== i && p[j]![i]! > p[i]![j]!));
    let ordered = top;
    if (top.length > 1) {
      ordered = drawLots(seed, `schulze:${ranking.length}`, top);
      ties.push(ordered);
    }
    for (const c of ordered) {
      ranking.push(c);
      remaining.delete(c);
    }
  }
  return { pairwise, strongestPaths: p, ranking, elected: ranking.slice(0, seats), ties };
}
