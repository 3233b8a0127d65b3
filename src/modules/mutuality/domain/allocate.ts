// Sharing a pool of integer cents in proportion to weights, exactly: the largest-remainder (Hamilton) method, with
// optional per-member caps by water-filling. Pure integer arithmetic (BigInt), columnar inputs (typed arrays), so
// one call allocates millions of members without an object per member.
//
// Properties (proved by the property tests beside this file):
// - the amounts sum exactly to min(pool, Σ caps of the members with a positive weight) — the whole pool when the
//   caps allow it — and a member with weight 0 gets 0;
// - no amount exceeds its cap, and each uncapped amount is its exact quota rounded down or up (never further);
// - order-preserving: a larger weight with an equal or larger cap never gets less;
// - monotone: raising one member's weight (cap unchanged or larger) never lowers that member's amount;
// - deterministic: remainders that tie go to the lower index; callers order members by membership id.

/** Marks "no cap" in a caps array. */
export const NO_CAP = -1n;

export interface Allocation {
  amounts: BigInt64Array;
  /** Σ amounts: the pool, unless the caps (or all-zero weights) leave part of it unallocated. */
  allocated: bigint;
  /** 1 for each member held at their cap by the water-filling. */
  capped: Uint8Array;
  cappedCount: number;
}

/**
 * Allocates `pool` cents over `weights` (≥ 0) with optional `caps` (≥ 0, or NO_CAP).
 * Water-filling: the common level λ = remaining ÷ Σ active weights; every member whose quota λ·w reaches its cap
 * is fixed at the cap and leaves; repeat until nobody else binds, then share the rest by largest remainder.
 */
export function allocate(pool: bigint, weights: BigInt64Array, caps?: BigInt64Array): Allocation {
  const n = weights.length;
  if (pool < 0n) throw new RangeError('pool must not be negative');
  if (caps && caps.length !== n) throw new RangeError('caps and weights differ in length');
  const amounts = new BigInt64Array(n);
  const active = new Uint8Array(n);
  let weightSum = 0n;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as bigint;
    if (w < 0n) throw new RangeError(`weight ${i} is negative`);
    if (caps && (caps[i] as bigint) < NO_CAP) throw new RangeError(`cap ${i} is invalid`);
    if (w > 0n) {
      active[i] = 1;
      weightSum += w;
    }
  }
  let remaining = pool;
  const capped = new Uint8Array(n);
  let cappedCount = 0;
  if (caps) {
    // Fix every member the current level would push over the cap, with the level of this pass, then repeat: the
    // level only rises as capped members leave, so a member fixed once stays fixed.
    for (;;) {
      if (weightSum === 0n || remaining === 0n) break;
      let fixedWeight = 0n;
      let fixedCents = 0n;
      for (let i = 0; i < n; i++) {
        if (!active[i]) continue;
        const c = caps[i] as bigint;
        if (c === NO_CAP) continue;
        // cap ≤ remaining × w ÷ W, without division
        if (c * weightSum <= remaining * (weights[i] as bigint)) {
          amounts[i] = c;
          active[i] = 0;
          capped[i] = 1;
          fixedWeight += weights[i] as bigint;
          fixedCents += c;
          cappedCount++;
        }
      }
      if (fixedWeight === 0n) break;
      weightSum -= fixedWeight;
      remaining -= fixedCents;
    }
  }
  if (weightSum === 0n || remaining <= 0n) return { amounts, allocated: pool - (remaining > 0n ? remaining : 0n), capped, cappedCount };
  largestRemainder(remaining, weights, active, weightSum, amounts);
  return { amounts, allocated: pool, capped, cappedCount };
}

/** Shares `pool` over the active members: floor of each quota, then one more cent to the largest remainders. */
function largestRemainder(pool: bigint, weights: BigInt64Array, active: Uint8Array, weightSum: bigint, out: BigInt64Array): void {
  const n = weights.length;
  // Remainders are < weightSum: a BigInt64Array holds them when weightSum fits in 63 bits (the usual case).
  const fits = weightSum <= 0x7fffffffffffffffn;
  const rem: BigInt64Array | bigint[] = fits ? new BigInt64Array(n) : new Array<bigint>(n).fill(0n);
  let floors = 0n;
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    const product = pool * (weights[i] as bigint);
    const q = product / weightSum;
    out[i] = q;
    rem[i] = product - q * weightSum;
    floors += q;
  }
  let left = pool - floors; // 0 ≤ left < number of active members with a non-zero remainder
  if (left === 0n) return;
  // The threshold is the left-th largest remainder; everyone above it gets a cent, and of those equal to it the
  // lowest indices get the cents still left.
  const sorted = fits ? (rem as BigInt64Array).slice().sort() : [...(rem as bigint[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const threshold = sorted[n - Number(left)] as bigint;
  let above = 0n;
  for (let i = 0; i < n; i++) if ((rem[i] as bigint) > threshold) above++;
  let atThreshold = left - above;
  for (let i = 0; i < n && left > 0n; i++) {
    if (!active[i]) continue;
    const r = rem[i] as bigint;
    if (r > threshold || (r === threshold && atThreshold > 0n)) {
      if (r === threshold) atThreshold--;
      out[i] = (out[i] as bigint) + 1n;
      left--;
    }
  }
}

/** Convenience for small inputs (tests, kind pools): plain arrays in, plain arrays out. */
export function allocateList(pool: bigint, weights: readonly bigint[], caps?: readonly (bigint | null)[]): bigint[] {
  const w = BigInt64Array.from(weights);
  const c = caps ? BigInt64Array.from(caps.map((x) => (x === null ? NO_CAP : x))) : undefined;
  return Array.from(allocate(pool, w, c).amounts);
}
