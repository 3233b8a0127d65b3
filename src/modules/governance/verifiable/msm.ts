// Multi-scalar multiplication and batch verification. Every proof equation of a ballot (and of many ballots) is
// checked at once as a random linear combination Σ ρ_e·(equation_e) = identity: with ρ_e random 128-bit, a false
// equation survives with probability ≤ 2^-128, and one bucketed MSM costs a fraction of the separate
// multiplications. Verification only: variable time, public inputs.
import { Fn, G, ZERO, type Point } from './group.ts';

/** Σ scalars[i]·points[i] by Pippenger's bucket method. Unlike noble's pippenger it skips zero digits and stops at
 * the longest scalar, so the 128-bit coefficients of the commitments cost half of a full scalar. */
export function msm(points: readonly Point[], scalars: readonly bigint[]): Point {
  const n = points.length;
  if (n === 0) return ZERO;
  let maxBits = 0;
  for (const s of scalars) {
    const b = s.toString(2).length;
    if (s !== 0n && b > maxBits) maxBits = b;
  }
  if (maxBits === 0) return ZERO;
  // Window: ~log2(n) − 1 balances the n digit additions per window against the 2·2^c bucket additions.
  const c = n < 8 ? 2 : n < 32 ? 3 : Math.min(16, Math.max(4, Math.floor(Math.log2(n)) - 1));
  const mask = BigInt((1 << c) - 1);
  const windows = Math.ceil(maxBits / c);
  const buckets: (Point | null)[] = new Array<Point | null>(1 << c);
  let acc: Point | null = null;
  for (let w = windows - 1; w >= 0; w--) {
    if (acc) for (let i = 0; i < c; i++) acc = acc.double();
    buckets.fill(null);
    const shift = BigInt(w * c);
    for (let i = 0; i < n; i++) {
      const d = Number(((scalars[i] as bigint) >> shift) & mask);
      if (d === 0) continue;
      const b = buckets[d];
      buckets[d] = b ? b.add(points[i] as Point) : (points[i] as Point);
    }
    let running: Point | null = null;
    let sum: Point | null = null;
    for (let d = buckets.length - 1; d > 0; d--) {
      const b = buckets[d];
      if (b) running = running ? running.add(b) : b;
      if (running) sum = sum ? sum.add(running) : running;
    }
    if (sum) acc = acc ? acc.add(sum) : sum;
  }
  return acc ?? ZERO;
}

/** Collects equations "Σ scalar·point = identity" (with the G and H terms merged) and checks them all at once. */
export class BatchEquation {
  private g = 0n;
  private h = 0n;
  readonly points: Point[] = [];
  readonly scalars: bigint[] = [];
  readonly H: Point;
  constructor(H: Point) {
    this.H = H;
  }
  addG(s: bigint): void {
    this.g = Fn.add(this.g, s);
  }
  addH(s: bigint): void {
    this.h = Fn.add(this.h, s);
  }
  /** Adds s·p; a negative term is given as (p.negate(), s) by the caller to keep short scalars short. */
  add(p: Point, s: bigint): void {
    this.points.push(p);
    this.scalars.push(s);
  }
  holds(): boolean {
    const rest = msm(this.points, this.scalars);
    // G and H have noble's precomputed fixed-base tables.
    const gh = (this.g === 0n ? ZERO : G.multiply(this.g)).add(this.h === 0n ? ZERO : this.H.multiply(this.h));
    return rest.add(gh).is0();
  }
}
