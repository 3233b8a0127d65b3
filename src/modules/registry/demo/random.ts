// Seeded pseudo-random numbers for the demo generator: sfc32 (small, fast, passes PractRand far beyond what a demo
// needs) seeded through splitmix32, so the same seed always yields the same federation. Not for cryptography.

/** A seeded random source with the few distributions the generator uses. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private clock = 1_700_000_000_000;

  constructor(seed: number | string, stream = 0) {
    let s = hashSeed(seed) ^ Math.imul(stream + 1, 0x9e3779b9);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal deviate with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An exponential deviate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /**
   * A version-7 UUID whose 48-bit time field is a counter started at `clockMs` (deterministic, strictly increasing):
   * rows written in order land at the right edge of their B-tree indexes instead of at random pages.
   */
  uuid7(): string {
    const t = this.clock++;
    const hi = Math.floor(t / 65536);
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    return `${hex32(hi)}-${hex16(t % 65536)}-${hex16(0x7000 | (b & 0x0fff))}-${hex16(0x8000 | ((b >>> 12) & 0x3fff))}-${hex16(c & 0xffff)}${hex32(d)}`;
  }

  /** Start of the uuid7 clock (milliseconds since the epoch). */
  setClock(ms: number): void {
    this.clock = Math.floor(ms);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number): string => (HEX[(n >>> 8) & 0xff] as string) + (HEX[n & 0xff] as string);
const hex32 = (n: number): string => hex16((n >>> 16) & 0xffff) + hex16(n & 0xffff);

/** A weighted choice table built once and sampled many times (linear scan over a cumulative array). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const live = entries.filter(([, w]) => w > 0);
    if (live.length === 0) throw new RangeError('weighted choice needs a positive weight');
    this.items = live.map(([v]) => v);
    this.cumulative = new Float64Array(live.length);
    let sum = 0;
    live.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  sample(rng: Random): T {
    const x = rng.next() * this.total;
    const c = this.cumulative;
    // binary search: first cumulative weight above x
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((c[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/** 32-bit FNV-1a of a string seed; numbers are used as they are. */
export function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') return (Math.floor(seed) ^ Math.floor(seed / 4294967296)) | 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
