// Multi-scalar multiplication and batch verification. Every proof equation of a ballot (and of many ballots) is
// checked at once as a random linear combination Σ ρ_e·(equation_e) = identity: with ρ_e random 128-bit, a false
// equation survives with probability ≤ 2^-128, and one bucketed MSM costs a fraction of the separate
// multiplications. Verification only: variable time, public inputs.
import { ed25519 } from '@noble/curves/ed25519.js';
import { Fn, G, Point, ZERO } from './group.ts';

// The bucket method's inner loop is point additions. It runs on the Edwards representatives' extended coordinates
// (X:Y:Z:T) as bare bigints: noble's `add` allocates two wrapper objects and validates per call, which was a third of
// the verifier's time. The formulas are complete on ed25519 (a = −1, d not a square), so no case is special; the
// result goes back into a ristretto255 point, whose equality is defined on the coset, whatever the representative.
const p = ed25519.Point.Fp.ORDER;
const D2 = (2n * ed25519.Point.CURVE().d) % p;

/** Extended coordinates, each in [0, p). */
interface Ext {
  X: bigint;
  Y: bigint;
  Z: bigint;
  T: bigint;
}

// `ep` (the Edwards representative) is protected in noble's types but public at run time; read only.
const ext = (q: Point): Ext => (q as unknown as { ep: Ext }).ep;

/** add-2008-hwcd-3 for a = −1 (9M; 8M when the second point is affine, Z = 1, as decoded points are). */
function add(a: Ext, b: Ext): Ext {
  const A = ((a.Y - a.X + p) * (b.Y - b.X + p)) % p;
  const B = ((a.Y + a.X) * (b.Y + b.X)) % p;
  const C = (((a.T * D2) % p) * b.T) % p;
  const D = b.Z === 1n ? 2n * a.Z : (2n * a.Z * b.Z) % p;
  const E = B - A + p;
  const F = D - C + p;
  const Gg = D + C;
  const H = B + A;
  return { X: (E * F) % p, Y: (Gg * H) % p, Z: (F * Gg) % p, T: (E * H) % p };
}

/** dbl-2008-hwcd for a = −1 (4M + 4S). */
function dbl(a: Ext): Ext {
  const A = (a.X * a.X) % p;
  const B = (a.Y * a.Y) % p;
  const C = (2n * a.Z * a.Z) % p;
  const D = p - A; // a·A with a = −1
  const xy = a.X + a.Y;
  const E = ((xy * xy) % p) - A - B + 2n * p;
  const Gg = D + B;
  const F = Gg - C + p;
  const H = D - B + p;
  return { X: (E * F) % p, Y: (Gg * H) % p, Z: (F * Gg) % p, T: (E * H) % p };
}

const neg = (a: Ext): Ext => ({ X: a.X === 0n ? 0n : p - a.X, Y: a.Y, Z: a.Z, T: a.T === 0n ? 0n : p - a.T });

const toPoint = (a: Ext): Point => new Point(new ed25519.Point(a.X % p, a.Y % p, a.Z % p, a.T % p));

/** The window c minimising Pippenger's additions: one per non-zero signed digit, plus 2·2^(c−1) per window to
 * fold the buckets. */
function bestWindow(bits: readonly number[], maxBits: number): number {
  let best = 2;
  let bestCost = Infinity;
  for (let c = 2; c <= 16; c++) {
    let digits = 0;
    for (const b of bits) digits += Math.ceil(b / c);
    const cost = digits + (Math.ceil((maxBits + 1) / c) * 2 * (1 << (c - 1)));
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

/** Σ scalars[i]·points[i] by Pippenger's bucket method with signed digits (a digit in [−2^(c−1), 2^(c−1)]: half the
 * buckets, a negation is free). Zero digits are skipped and each scalar costs only its own length, so the 128-bit
 * coefficients of the commitments cost half of a full scalar. */
export function msm(points: readonly Point[], scalars: readonly bigint[]): Point {
  const n = points.length;
  if (n === 0) return ZERO;
  const bits = scalars.map((s) => (s === 0n ? 0 : s.toString(2).length));
  const maxBits = Math.max(...bits);
  if (maxBits === 0) return ZERO;
  const c = bestWindow(bits, maxBits);
  // One more window than the bits need: a signed digit can carry into the top.
  const windows = Math.ceil((maxBits + 1) / c);
  const half = 1 << (c - 1);
  const full = 1 << c;
  const mask = BigInt(full - 1);
  const cb = BigInt(c);
  const digits = new Int32Array(n * windows);
  for (let i = 0; i < n; i++) {
    let s = scalars[i] as bigint;
    for (let w = 0; w < windows && s !== 0n; w++) {
      let d = Number(s & mask);
      s >>= cb;
      if (d > half) {
        d -= full;
        s += 1n;
      }
      digits[i * windows + w] = d;
    }
  }
  const pts = points.map(ext);
  const negs: (Ext | undefined)[] = new Array<Ext | undefined>(n);
  const buckets: (Ext | null)[] = new Array<Ext | null>(half + 1);
  let acc: Ext | null = null;
  for (let w = windows - 1; w >= 0; w--) {
    if (acc) for (let i = 0; i < c; i++) acc = dbl(acc);
    buckets.fill(null);
    for (let i = 0; i < n; i++) {
      const d = digits[i * windows + w] as number;
      if (d === 0) continue;
      let q: Ext;
      if (d > 0) q = pts[i] as Ext;
      else q = negs[i] ?? (negs[i] = neg(pts[i] as Ext));
      const k = d > 0 ? d : -d;
      const b = buckets[k];
      buckets[k] = b ? add(b, q) : q;
    }
    let running: Ext | null = null;
    let sum: Ext | null = null;
    for (let k = half; k > 0; k--) {
      const b = buckets[k];
      if (b) running = running ? add(running, b) : b;
      if (running) sum = sum ? add(sum, running) : running;
    }
    if (sum) acc = acc ? add(acc, sum) : sum;
  }
  return acc ? toPoint(acc) : ZERO;
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
