// The group (ristretto255), its encodings and the Fiat–Shamir hash, shared by every proof of the verifiable ballot.
// Pure and browser-safe: @noble/curves and @noble/hashes only, randomness from crypto.getRandomValues.
import { ristretto255 } from '@noble/curves/ed25519.js';
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

/** Decodes a point; only the canonical ristretto255 encoding is accepted (noble rejects the others). */
export function decodePoint(h: Hex): Point {
  if (!isHex32(h)) throw new EncodingError('bad-point', 'a point is 64 lower-case hex digits');
  try {
    return Point.fromBytes(hexToBytes(h));
  } catch {
    throw new EncodingError('bad-point', `not a canonical ristretto255 encoding: ${h.slice(0, 16)}…`);
  }
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
