// The count: ciphertexts add up (exponential ElGamal is additively homomorphic), so the weighted sum of the counted
// ballots is computed in the open by anyone; the trustees decrypt only that sum, each with its share and a DLEQ
// proof; any k partial decryptions combine (Lagrange at 0) into G·m, and m is found by baby-step giant-step.
import { G, ZERO, decodePoint, decodeScalar, encodePoint, hexToBytes, lagrangeAtZero, mulPublic, mulSecret, type Point } from './group.ts';
import { electionContext } from './ballot.ts';
import { proveDleq, verifyDleq } from './proofs.ts';
import type { TrusteeSecret } from './trustees.ts';
import type { Ciphertext, ElectionManifest, EncryptedBallot, Hex, PartialDecryption } from './types.ts';

/** Decoded ciphertexts, one per choice. */
export interface PointCiphertexts {
  A: Point[];
  B: Point[];
}

function checkWeight(w: number): void {
  if (!Number.isSafeInteger(w) || w < 0) throw new Error(`a weight must be a non-negative integer, got ${w}`);
}

/** Σ weight·C, summing ballots of equal weight first and multiplying once per distinct weight (weights are few:
 * 1 for most members, up to 5 for legal persons, a delegate's count). */
export class WeightedSum {
  private readonly byWeight = new Map<number, PointCiphertexts>();
  readonly n: number;
  constructor(n: number) {
    this.n = n;
  }
  add(c: PointCiphertexts, weight: number): void {
    checkWeight(weight);
    if (weight === 0) return;
    let s = this.byWeight.get(weight);
    if (!s) {
      s = { A: new Array<Point>(this.n).fill(ZERO), B: new Array<Point>(this.n).fill(ZERO) };
      this.byWeight.set(weight, s);
    }
    for (let i = 0; i < this.n; i++) {
      s.A[i] = (s.A[i] as Point).add(c.A[i] as Point);
      s.B[i] = (s.B[i] as Point).add(c.B[i] as Point);
    }
  }
  result(): PointCiphertexts {
    const out: PointCiphertexts = { A: new Array<Point>(this.n).fill(ZERO), B: new Array<Point>(this.n).fill(ZERO) };
    for (const [w, s] of this.byWeight) {
      for (let i = 0; i < this.n; i++) {
        out.A[i] = (out.A[i] as Point).add(mulPublic(s.A[i] as Point, BigInt(w)));
        out.B[i] = (out.B[i] as Point).add(mulPublic(s.B[i] as Point, BigInt(w)));
      }
    }
    return out;
  }
}

export const encodeCiphertexts = (c: PointCiphertexts): Ciphertext[] => c.A.map((A, i) => ({ a: encodePoint(A), b: encodePoint(c.B[i] as Point) }));
export const decodeCiphertexts = (cts: readonly Ciphertext[]): PointCiphertexts => ({ A: cts.map((c) => decodePoint(c.a)), B: cts.map((c) => decodePoint(c.b)) });

/** Σ weight·C per choice over the given (already verified) ballots; public weights from the roll. */
export function homomorphicTally(manifest: ElectionManifest, entries: { ballot: EncryptedBallot; weight: number }[]): Ciphertext[] {
  const n = electionContext(manifest).n;
  const sum = new WeightedSum(n);
  for (const e of entries) {
    if (e.ballot.ciphertexts.length !== n) throw new Error(`a ballot of ${e.ballot.ciphertexts.length} choices in an election of ${n}`);
    sum.add(decodeCiphertexts(e.ballot.ciphertexts), e.weight);
  }
  return encodeCiphertexts(sum.result());
}

/** The items that bind a partial decryption's proof: the manifest hash, the trustee, the ciphertext's position. */
const dleqContext = (mh: Hex, trustee: number, position: number) => [hexToBytes(mh), trustee, position];

/** A_c·s_j for each ciphertext, each with a DLEQ proof against the trustee's verification key G·s_j. */
export function partialDecrypt(manifest: ElectionManifest, secret: TrusteeSecret, share: Hex, ciphertexts: Ciphertext[]): PartialDecryption {
  const ctx = electionContext(manifest);
  const s = decodeScalar(share);
  const K = G.multiply(s);
  const shares: Hex[] = [];
  const proofs = ciphertexts.map((ct, p) => {
    const A = decodePoint(ct.a);
    const D = mulSecret(A, s);
    shares.push(encodePoint(D));
    return proveDleq(s, K, A, D, dleqContext(ctx.hash, secret.index, p));
  });
  return { trustee: secret.index, shares, proofs };
}

/** Every share's DLEQ proof holds against the verification key. Never throws. */
export function verifyPartialDecryption(manifest: ElectionManifest, verificationKey: Hex, ciphertexts: Ciphertext[], pd: PartialDecryption): boolean {
  try {
    const ctx = electionContext(manifest);
    if (!Array.isArray(pd.shares) || !Array.isArray(pd.proofs)) return false;
    if (pd.shares.length !== ciphertexts.length || pd.proofs.length !== ciphertexts.length) return false;
    const K = decodePoint(verificationKey);
    return ciphertexts.every((ct, p) =>
      verifyDleq(K, decodePoint(ct.a), decodePoint(pd.shares[p] as Hex), pd.proofs[p] as PartialDecryption['proofs'][number], dleqContext(ctx.hash, pd.trustee, p)),
    );
  } catch {
    return false;
  }
}

/** Combines the first `threshold` partial decryptions of distinct trustees (verify them first:
 * verifyPartialDecryption) and recovers each count m ∈ [0, maxTotal]. Throws when there are too few partials or a
 * count is out of range (which, with verified partials, means the ciphertexts are not a tally of valid ballots). */
export function combineDecryption(manifest: ElectionManifest, ciphertexts: Ciphertext[], partials: PartialDecryption[], maxTotal: number): number[] {
  const k = electionContext(manifest).manifest.threshold;
  const chosen: PartialDecryption[] = [];
  for (const pd of partials) {
    if (chosen.length < k && !chosen.some((c) => c.trustee === pd.trustee)) chosen.push(pd);
  }
  if (chosen.length < k) throw new Error(`${chosen.length} distinct trustees' partial decryptions, ${k} needed`);
  const indices = chosen.map((c) => c.trustee);
  const lambdas = indices.map((j) => lagrangeAtZero(j, indices));
  return ciphertexts.map((ct, p) => {
    let M = decodePoint(ct.b);
    chosen.forEach((pd, i) => {
      const share = pd.shares[p];
      if (share === undefined) throw new Error(`trustee ${pd.trustee} has no share for ciphertext ${p}`);
      M = M.subtract(mulPublic(decodePoint(share), lambdas[i] as bigint));
    });
    const m = discreteLog(M, maxTotal);
    if (m === null) throw new Error(`ciphertext ${p} does not decrypt to a count in [0, ${maxTotal}]`);
    return m;
  });
}

// ── Baby-step giant-step ─────────────────────────────────────────────────────────────────────────────────────────
// Table of G·i for i < T keyed by encoding; then M − G·T·g for g = 0, 1, … until a hit. With T ≈ √(maxTotal+1)
// both halves cost about √maxTotal encodings (≈ 0.4 s each for 15 million on one core). The table is kept and
// extended, never rebuilt: later counts of the same size pay only the giant steps.
const MAX_TABLE = 1 << 16;
let babyKeys = new Map<string, number>();
let babyLast: Point = ZERO;

function babyTable(size: number): Map<string, number> {
  if (babyKeys.size === 0) {
    babyKeys = new Map([[ZERO.toHex(), 0]]);
    babyLast = ZERO;
  }
  while (babyKeys.size < size) {
    babyLast = babyLast.add(G);
    babyKeys.set(babyLast.toHex(), babyKeys.size);
  }
  return babyKeys;
}

/** m ∈ [0, maxTotal] with G·m = M, or null. */
export function discreteLog(M: Point, maxTotal: number): number | null {
  if (!Number.isSafeInteger(maxTotal) || maxTotal < 0) throw new Error('maxTotal must be a non-negative integer');
  const T = Math.max(babyKeys.size, Math.min(MAX_TABLE, Math.ceil(Math.sqrt(maxTotal + 1))));
  const table = babyTable(T);
  const giant = mulPublic(G, BigInt(T)).negate();
  let P = M;
  for (let g = 0; g * T <= maxTotal; g++) {
    const i = table.get(P.toHex());
    if (i !== undefined) {
      const m = g * T + i;
      return m <= maxTotal ? m : null;
    }
    P = P.add(giant);
  }
  return null;
}
