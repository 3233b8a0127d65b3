// A compact set of strings for uniqueness checks over millions of generated tax codes: each string is kept as a
// 63-bit fingerprint in an open-addressing table of two Uint32Arrays (8 bytes a slot instead of ~60 bytes a
// string in a Set). A fingerprint collision (about 1 in 10^12 at three million codes) only makes the generator
// pick another code, never a duplicate.

export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  has(s: string): boolean {
    const [h, l] = fingerprint(s);
    let i = (h ^ Math.imul(l, 0x9e3779b1)) & this.mask;
    for (;;) {
      const sl = this.lo[i] as number;
      if (sl === 0) return false;
      if (sl === l && this.hi[i] === h) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** Adds `s`; returns false when it was already there. */
  add(s: string): boolean {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    const [h, l] = fingerprint(s);
    return this.insert(h, l);
  }

  private insert(h: number, l: number): boolean {
    let i = (h ^ Math.imul(l, 0x9e3779b1)) & this.mask;
    for (;;) {
      const sl = this.lo[i] as number;
      if (sl === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.count++;
        return true;
      }
      if (sl === l && this.hi[i] === h) return false;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.hi = new Uint32Array(oldHi.length * 2);
    this.lo = new Uint32Array(oldLo.length * 2);
    this.mask = this.hi.length - 1;
    this.count = 0;
    for (let i = 0; i < oldLo.length; i++) {
      const l = oldLo[i] as number;
      if (l !== 0) this.insert(oldHi[i] as number, l);
    }
  }
}

/** Two independent 32-bit hashes (FNV-1a and a murmur-style mix); the low word is never 0 (0 marks empty slots). */
function fingerprint(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, (b | 1) >>> 0];
}
