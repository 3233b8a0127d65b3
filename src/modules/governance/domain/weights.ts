// Votes as weights, and the cap on financing members (art. 2526 c. 2 c.c.): together they never hold more than one
// third of the votes present or represented. When they would, each financing vote counts for
// coefficient = (cap × present votes) / financing votes present, so that their total is exactly the cap — the
// "coefficiente correttivo" co-op statutes describe. Everything stays exact (BigInt fractions).
import { q, mul, cmp, sub, add, min, type Q } from './rational.ts';

export interface Presence {
  /** Votes present or represented, financing members' included, before any cap. */
  total: number;
  /** Of which financing members' votes. */
  financing: number;
}

export interface CapResult {
  /** True when financing members' votes had to be scaled down. */
  applied: boolean;
  /** Each financing vote counts for this much (1 when not applied). */
  coefficient: Q;
  /** The most the financing members may weigh: cap × total. */
  limit: Q;
  /** Votes present after the cap: total − financing + financing × coefficient. */
  cappedTotal: Q;
}

export function financingCap(p: Presence, cap: { num: number; den: number }): CapResult {
  const limit = mul(q(p.total), q(cap.num, cap.den));
  const fin = q(p.financing);
  if (p.financing === 0 || cmp(fin, limit) <= 0) {
    return { applied: false, coefficient: q(1), limit, cappedTotal: q(p.total) };
  }
  const coefficient = mul(limit, q(1n, BigInt(p.financing)));
  return { applied: true, coefficient, limit, cappedTotal: add(sub(q(p.total), fin), min(fin, limit)) };
}

/** The weight a cast vote counts for, after the cap. */
export const effectiveWeight = (weight: number, financing: boolean, cap: CapResult): Q => (financing ? mul(q(weight), cap.coefficient) : q(weight));
