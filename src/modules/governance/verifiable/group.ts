// The group (ristretto255), its encodings and the Fiat–Shamir hash, shared by every proof of the verifiable ballot.
// Pure and browser-safe: @noble/curves and @noble/hashes only, randomness from crypto.getRandomValues.
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Hex } from './types.ts';

export const Point = ristretto255.Point;
export type Point = InstanceType<typeof ristretto255.Point>;
export const Fn = Point.Fn;
/** The group order ℓ = 2^252 + 27742317777372353535851937790883648493. */
export const L = Fn.ORDER;
export const G: Point = Point.BASE;
export const ZERO: Point = Point.ZERO;

export const FORMAT = 'cooperando-evote/1';

/** A malformed value in a record: bad hex, a non-canonical point or scalar. Verifiers turn it into a failed check. */
export class EncodingError extends Error {
  readonly code: 'bad-point' | 'bad-scalar' | 'bad-hex';
  constructor(code: 'bad-point' | 'bad-scalar' | 'bad-hex', message: string) {
    super(message);
    this.code = code;
    this.name = 'EncodingError';
  }
}

const HEX32 = /^[0-9a-f]{64}$/;

export function isHex32(h: unknown): h is Hex {
  return typeof h === 'string' && HEX32.test(h);
}

/** 32 bytes from lower-case hex (a point, a scalar or a sha256 digest). */
export function bytes32(h: Hex): Uint8Array {
  if (!isHex32(h)) throw new EncodingError('bad-hex', 'expected 64 lower-case hex digits');
  return hexToBytes(h);
}

/** Decodes a point; only the canonical ristretto255 encoding is accepted (RFC 9496 §4.3.1). */
export function decodePoint(h: Hex): Point {
  if (!isHex32(h)) throw new EncodingError('bad-point', 'a point is 64 lower-case hex digits');
  const ep = ristrettoDecode(hexToBytes(h));
  if (!ep) throw new EncodingError('bad-point', `not a canonical ristretto255 encoding: ${h.slice(0, 16)}…`);
  return new Point(new ed25519.Point(ep.x, ep.y, 1n, ep.t));
}

// ── ristretto255 decoding ──
// A verifier decodes about twenty points per ballot, and each decoding is an inverse square root: a 2^252-power in
// the field, some 250 squarings. noble's `fromBytes` runs them through its generic field helpers (a bigint loop
// counter, a sign check per reduction); this is the same RFC 9496 decoding with the squarings reduced by folding
// 2^255 ≡ 19, about a third faster. The result is checked against noble's on valid and invalid encodings in
// test/governance/verifiable/group.test.ts.
const P_FIELD = ed25519.Point.Fp.ORDER; // 2^255 − 19
const D_EDWARDS = ed25519.Point.CURVE().d;
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n; // √−1 mod p
const MASK255 = (1n << 255n) - 1n;

/** x^(2^k) mod p. */
function sqrK(x: bigint, k: number): bigint {
  for (let i = 0; i < k; i++) {
    let y = x * x; // < 2^510
    y = (y & MASK255) + 19n * (y >> 255n); // < 2^260
    x = (y & MASK255) + 19n * (y >> 255n); // < 2^256: still fine to square
  }
  return x % P_FIELD;
}

/** x^((p−5)/8) = x^(2^252 − 3), the addition chain of ed25519. */
function pow252m3(x: bigint): bigint {
  const p = P_FIELD;
  const x2 = (x * x) % p;
  const b2 = (x2 * x) % p;
  const b4 = (sqrK(b2, 2) * b2) % p;
  const b5 = (sqrK(b4, 1) * x) % p;
  const b10 = (sqrK(b5, 5) * b5) % p;
  const b20 = (sqrK(b10, 10) * b10) % p;
  const b40 = (sqrK(b20, 20) * b20) % p;
  const b80 = (sqrK(b40, 40) * b40) % p;
  const b160 = (sqrK(b80, 80) * b80) % p;
  const b240 = (sqrK(b160, 80) * b80) % p;
  const b250 = (sqrK(b240, 10) * b10) % p;
  return (sqrK(b250, 2) * x) % p;
}

/** RFC 9496 §4.3.1 DECODE: the Edwards representative (x, y, t = x·y, z = 1), or null when the bytes are not a
 * canonical encoding. */
function ristrettoDecode(bytes: Uint8Array): { x: bigint; y: bigint; t: bigint } | null {
  const p = P_FIELD;
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(bytes[i] as number);
  // Canonical field element (which also refuses the top bit) and non-negative (even).
  if (s >= p || (s & 1n) === 1n) return null;
  const ss = (s * s) % p;
  const u1 = (1n - ss + p) % p;
  const u2 = (1n + ss) % p;
  const u2s = (u2 * u2) % p;
  const v = (2n * p - ((D_EDWARDS * ((u1 * u1) % p)) % p) - u2s) % p;
  // SQRT_RATIO_M1(1, w): r = w³·(w⁷)^((p−5)/8).
  const w = (v * u2s) % p;
  const w3 = (((w * w) % p) * w) % p;
  const w7 = (((w3 * w3) % p) * w) % p;
  let r = (w3 * pow252m3(w7)) % p;
  const check = (w * ((r * r) % p)) % p;
  const correctSign = check === 1n;
  const flipped = check === p - 1n;
  const flippedI = check === p - SQRT_M1;
  if (flipped || flippedI) r = (r * SQRT_M1) % p;
  if ((r & 1n) === 1n) r = p - r;
  if (!correctSign && !flipped) return null;
  const dx = (r * u2) % p;
  const dy = (((r * dx) % p) * v) % p;
  let x = (2n * s * dx) % p;
  if ((x & 1n) === 1n) x = p - x;
  const y = (u1 * dy) % p;
  const t = (x * y) % p;
  if ((t & 1n) === 1n || y === 0n) return null;
  return { x, y, t };
}

export const encodePoint = (p: Point): Hex => p.toHex();

/** A scalar is 32 bytes little-endian and must be reduced (< ℓ): a second encoding of the same value is refused. */
export function decodeScalar(h: Hex): bigint {
  if (!isHex32(h)) throw new EncodingError('bad-scalar', 'a scalar is 64 lower-case hex digits');
  const b = hexToBytes(h);
  let x = 0n;
  for (let i = 31; i >= 0; i--) x = (x << 8n) | BigInt(b[i] as number);
  if (x >= L) throw new EncodingError('bad-scalar', 'scalar not reduced mod ℓ');
  return x;
}

export function encodeScalar(x: bigint): Hex {
  return bytesToHex(Fn.toBytes(Fn.create(x)));
}

/** Little-endian bytes → bigint (any length). */
function leToBigint(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i] as number);
  return x;
}

/** A uniformly random non-zero scalar: 64 random bytes reduced mod ℓ (bias < 2^-250). */
export function randomScalar(): bigint {
  for (;;) {
    const x = leToBigint(randomBytes(64)) % L;
    if (x !== 0n) return x;
  }
}

// Batching coefficients come from a pool of random bytes: one getRandomValues call per 256 coefficients.
let pool = new Uint8Array(0);
let poolAt = 0;

/** A random 128-bit batching coefficient (only the verifier's own soundness depends on it). */
export function randomShortScalar(): bigint {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const x = leToBigint(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return x | 1n;
}

/** Multiplication by a secret scalar (constant time); 0 gives the identity (noble's multiply refuses 0). */
export function mulSecret(p: Point, x: bigint): Point {
  const s = Fn.create(x);
  return s === 0n ? ZERO : p.multiply(s);
}

/** Multiplication by a public scalar (variable time, faster). */
export function mulPublic(p: Point, x: bigint): Point {
  return p.multiplyUnsafe(Fn.create(x));
}

// The election key H is used for every ballot: keep one precomputed instance per key (noble caches its fixed-base
// tables by point identity). Bounded, so a server handling many elections does not grow without limit.
const precomputed = new Map<Hex, Point>();
export function electionKey(h: Hex): Point {
  let p = precomputed.get(h);
  if (!p) {
    p = decodePoint(h);
    p.precompute(8, true);
    if (precomputed.size >= 16) precomputed.delete(precomputed.keys().next().value as Hex);
    precomputed.set(h, p);
  }
  return p;
}

/** An item of a hash input. Strings are UTF-8, numbers are unsigned 32-bit big-endian, bytes as they are. */
export type HashItem = Uint8Array | string | number;

function itemBytes(x: HashItem): Uint8Array {
  if (typeof x === 'string') return utf8ToBytes(x);
  if (typeof x === 'number') {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new RangeError(`hash item ${x} is not a u32`);
    return new Uint8Array([x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff]);
  }
  return x;
}

/** enc(x₁) ‖ enc(x₂) ‖ … with enc(x) = u32be(len(x)) ‖ x: unambiguous, whatever the items. */
export function framed(items: readonly HashItem[]): Uint8Array {
  const parts = items.map(itemBytes);
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  let o = 0;
  for (const p of parts) {
    const n = p.length;
    out[o] = n >>> 24;
    out[o + 1] = (n >>> 16) & 0xff;
    out[o + 2] = (n >>> 8) & 0xff;
    out[o + 3] = n & 0xff;
    out.set(p, o + 4);
    o += 4 + n;
  }
  return out;
}

/** Fiat–Shamir challenge: sha512(framed(tag, items…)) read little-endian, reduced mod ℓ (a 512-bit value, so the
 * reduction's bias is negligible). The tag separates the proof kinds. */
export function challenge(tag: string, items: readonly HashItem[]): bigint {
  return leToBigint(sha512(framed([`${FORMAT}/${tag}`, ...items]))) % L;
}

export const sha256Hex = (b: Uint8Array): Hex => bytesToHex(sha256(b));
export { bytesToHex, hexToBytes, utf8ToBytes, sha256 };

/** The Lagrange coefficient at 0 of index `j` within the set `indices` (distinct, 1..n). */
export function lagrangeAtZero(j: number, indices: readonly number[]): bigint {
  let num = 1n;
  let den = 1n;
  for (const m of indices) {
    if (m === j) continue;
    num = Fn.mul(num, BigInt(m));
    den = Fn.mul(den, Fn.create(BigInt(m - j)));
  }
  return Fn.div(num, den);
}
