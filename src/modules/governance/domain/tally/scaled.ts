// Weighted ballots on a common integer scale: after the financing cap a vote may weigh a fraction (coefficient n/d),
// so every weight is expressed in units of 1/d — ordinary votes × d, financing votes × n — and the counting methods
// add plain BigInts. `toQ` turns a scaled sum back into an exact fraction.
import { q, type Q } from '../rational.ts';
import type { CapResult } from '../weights.ts';

export interface Group {
  /** Encoded choice (domain/ballot.ts). */
  choice: string;
  /** Sum of the voters' weights (votes) with this choice and financing flag. */
  weight: number;
  financing: boolean;
}

export interface ScaledGroup {
  choice: string;
  weight: bigint;
}

export interface Scaled {
  groups: ScaledGroup[];
  /** Every weight is in units of 1/scale. */
  scale: bigint;
}

export function scaleGroups(groups: readonly Group[], cap: CapResult): Scaled {
  const scale = cap.coefficient.d;
  const merged = new Map<string, bigint>();
  for (const g of groups) {
    const w = BigInt(g.weight) * (g.financing ? cap.coefficient.n : scale);
    merged.set(g.choice, (merged.get(g.choice) ?? 0n) + w);
  }
  return { groups: [...merged].map(([choice, weight]) => ({ choice, weight })), scale };
}

export const toQ = (v: bigint, scale: bigint): Q => q(v, scale);
