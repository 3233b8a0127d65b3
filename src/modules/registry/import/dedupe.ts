// Remembers the first row of each key (register number, fiscal code) over a whole file in little memory, so that
// a duplicate is reported on its later row even millions of rows apart. Open addressing over typed arrays, filled
// at most to 3/4: fiscal codes cost ~21 bytes each as a 64-bit fingerprint + row + tag (a string in a Map costs
// ~80), register numbers ~11 bytes. For a 2.8-million-row register both together stay around 100 MB, against a
// file of 500 MB or more. A fingerprint collision (about one in 10^12 at that size) would only report a false
// duplicate, never let a real one through.

const MAX_LOAD = 0.75;

function capacityFor(expected: number): number {
  let cap = 1024;
  while (cap * MAX_LOAD < expected) cap *= 2;
  return cap;
}

/** String keys (fiscal codes, Albo numbers) with the first row and a 32-bit tag each. */
export class FirstSeen {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Int32Array;
  private tags: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    const cap = capacityFor(expected);
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
    this.tags = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The slot of `key` if it was seen before; otherwise remembers it with `row` and `tag` and returns -1. */
  seen(key: string, row: number, tag = 0): number {
    if (this.count + 1 > this.hi.length * MAX_LOAD) this.grow();
    const [h, l] = fingerprint(key);
    let i = (h ^ Math.imul(l, 0x9e3779b1)) & this.mask;
    for (;;) {
      const sl = this.lo[i] as number;
      if (sl === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.rows[i] = row;
        this.tags[i] = tag;
        this.count++;
        return -1;
      }
      if (sl === l && this.hi[i] === h) return i;
      i = (i + 1) & this.mask;
    }
  }

  rowAt(slot: number): number {
    return this.rows[slot] as number;
  }

  tagAt(slot: number): number {
    return this.tags[slot] as number;
  }

  setTag(slot: number, tag: number): void {
    this.tags[slot] = tag;
  }

  private grow(): void {
    const { hi, lo, rows, tags } = this;
    const cap = hi.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
    this.tags = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < lo.length; j++) {
      const l = lo[j] as number;
      if (l === 0) continue;
      const h = hi[j] as number;
      let i = (h ^ Math.imul(l, 0x9e3779b1)) & this.mask;
      while ((this.lo[i] as number) !== 0) i = (i + 1) & this.mask;
      this.hi[i] = h;
      this.lo[i] = l;
      this.rows[i] = rows[j] as number;
      this.tags[i] = tags[j] as number;
    }
  }
}

/** Positive 32-bit integer keys (register numbers) with the first row each; 0 marks an empty slot. */
export class FirstSeenInt {
  private keys: Int32Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    const cap = capacityFor(expected);
    this.keys = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The first row of `key` (> 0) if seen before; otherwise remembers `row` and returns 0. */
  seen(key: number, row: number): number {
    if (this.count + 1 > this.keys.length * MAX_LOAD) this.grow();
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const k = this.keys[i] as number;
      if (k === 0) {
        this.keys[i] = key;
        this.rows[i] = row;
        this.count++;
        return 0;
      }
      if (k === key) return this.rows[i] as number;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, rows } = this;
    const cap = keys.length * 2;
    this.keys = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j] as number;
      if (k === 0) continue;
      let i = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
      while ((this.keys[i] as number) !== 0) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.rows[i] = rows[j] as number;
    }
  }
}

/** Two independent 32-bit hashes (FNV-1a and a murmur-style mix); the low word is never 0 (0 marks empty slots). */
export function fingerprint(s: string): [number, number] {
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

/** A 32-bit hash of several values (the personal data of two rows of the same person are compared). */
export function hashValues(values: readonly (string | number | null | undefined)[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    const s = v === null || v === undefined ? '\u0000' : String(v);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}
