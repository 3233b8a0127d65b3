// Threshold key generation without a dealer (Pedersen's DKG with Feldman commitments). Trustee i picks a random
// polynomial f_i of degree k−1, publishes C_{i,t} = G·a_{i,t} and a proof of knowledge of a_{i,0}, and sends f_i(j)
// to each other trustee j encrypted to j's transport key. Trustee j checks each share against the sender's
// commitments (G·f_i(j) = Σ_t C_{i,t}·j^t) and keeps s_j = Σ_i f_i(j). The election key is H = Σ_i C_{i,0}; any k
// shares reconstruct its secret (by Lagrange interpolation at 0), fewer reveal nothing. Nobody ever holds it whole:
// the trustees decrypt only the tally, each with its share.
import {
  Fn,
  G,
  ZERO,
  bytesToHex,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  framed,
  hexToBytes,
  mulPublic,
  randomScalar,
  sha256,
  type Point,
} from './group.ts';
import { proveSchnorr, verifySchnorr } from './proofs.ts';
import type { EncryptedShare, Hex, TrusteeKeyCommitment } from './types.ts';

export const TRUSTEE_SECRET_FORMAT = 'cooperando-evote-trustee/1';

/** What a trustee keeps to itself (its browser stores it or offers it as a key file). JSON-serialisable. */
export interface TrusteeSecret {
  format: typeof TRUSTEE_SECRET_FORMAT;
  electionId: string;
  index: number;
  n: number;
  k: number;
  /** a_0 … a_{k−1}, scalars. */
  coefficients: Hex[];
  /** x with transportKey = G·x. */
  transportSecret: Hex;
}

/** The context of a trustee's proof of knowledge: the election and the trustee's index. */
const pokContext = (electionId: string, index: number) => [electionId, index];

function checkIndices(index: number, n: number, k: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 255) throw new Error('trustees (n) must be 1 to 255');
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error('threshold (k) must be 1 to n');
  if (!Number.isInteger(index) || index < 1 || index > n) throw new Error(`trustee index must be 1 to ${n}`);
}

export function createTrustee(index: number, n: number, k: number, electionId: string): { secret: TrusteeSecret; commitment: TrusteeKeyCommitment } {
  checkIndices(index, n, k);
  if (typeof electionId !== 'string' || electionId === '') throw new Error('electionId missing');
  const a = Array.from({ length: k }, () => randomScalar());
  const C = a.map((x) => G.multiply(x));
  const x = randomScalar();
  const secret: TrusteeSecret = {
    format: TRUSTEE_SECRET_FORMAT,
    electionId,
    index,
    n,
    k,
    coefficients: a.map(encodeScalar),
    transportSecret: encodeScalar(x),
  };
  const commitment: TrusteeKeyCommitment = {
    index,
    commitments: C.map(encodePoint),
    proof: proveSchnorr(a[0] as bigint, C[0] as Point, pokContext(electionId, index)),
    transportKey: encodePoint(G.multiply(x)),
  };
  return { secret, commitment };
}

/** k commitments that are valid points (the constant term not the identity), a valid transport key, and a valid
 * proof of knowledge of a_0 bound to this election and index. Never throws. */
export function verifyTrusteeCommitment(c: TrusteeKeyCommitment, k: number, electionId: string): boolean {
  try {
    if (!Number.isInteger(c.index) || c.index < 1 || c.index > 255) return false;
    if (!Array.isArray(c.commitments) || c.commitments.length !== k) return false;
    const C = c.commitments.map(decodePoint);
    const C0 = C[0] as Point;
    if (C0.is0() || decodePoint(c.transportKey).is0()) return false;
    return verifySchnorr(C0, c.proof, pokContext(electionId, c.index));
  } catch {
    return false;
  }
}

/** f(x) = Σ a_t·x^t mod ℓ (Horner). */
function evalPoly(a: readonly bigint[], x: number): bigint {
  let y = 0n;
  for (let t = a.length - 1; t >= 0; t--) y = Fn.add(Fn.mul(y, BigInt(x)), a[t] as bigint);
  return y;
}

/** Σ_t C_t·x^t (Horner over points, small public multipliers): what G·f(x) must equal. */
function evalCommitments(C: readonly Point[], x: number): Point {
  let y = ZERO;
  for (let t = C.length - 1; t >= 0; t--) y = mulPublic(y, BigInt(x)).add(C[t] as Point);
  return y;
}

/** The pad that hides a share: sha256(framed("cooperando-evote/1/share", electionId, from, to, E, X, S)), where E is
 * the sender's ephemeral key, X the recipient's transport key and S the Diffie–Hellman point (= X·e = E·x). */
function sharePad(electionId: string, from: number, to: number, E: Point, X: Point, S: Point): Uint8Array {
  return sha256(framed(['cooperando-evote/1/share', electionId, from, to, E.toBytes(), X.toBytes(), S.toBytes()]));
}

function xor32(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (a[i] as number) ^ (b[i] as number);
  return out;
}

const coefficientsOf = (s: TrusteeSecret): bigint[] => s.coefficients.map(decodeScalar);

/** f_i(j) for every other trustee j, each encrypted to j's transport key. */
export function sharesFor(secret: TrusteeSecret, all: TrusteeKeyCommitment[]): EncryptedShare[] {
  const a = coefficientsOf(secret);
  return all
    .filter((c) => c.index !== secret.index)
    .map((c) => {
      const X = decodePoint(c.transportKey);
      const e = randomScalar();
      const E = G.multiply(e);
      const pad = sharePad(secret.electionId, secret.index, c.index, E, X, X.multiply(e));
      const share = hexToBytes(encodeScalar(evalPoly(a, c.index)));
      return { from: secret.index, to: c.index, ephemeral: encodePoint(E), ciphertext: bytesToHex(xor32(share, pad)) };
    });
}

/** Decrypts the shares addressed to this trustee and checks each against its sender's commitments. On success, the
 * trustee's secret share s_j = Σ_i f_i(j) (its own f_j(j) included); otherwise the senders whose share is missing,
 * unreadable or inconsistent (the trustee publishes a complaint; the ceremony restarts without them). */
export function receiveShares(
  secret: TrusteeSecret,
  all: TrusteeKeyCommitment[],
  shares: EncryptedShare[],
): { ok: true; share: Hex } | { ok: false; badFrom: number[] } {
  const me = secret.index;
  const x = decodeScalar(secret.transportSecret);
  const X = G.multiply(x);
  let s = evalPoly(coefficientsOf(secret), me);
  const badFrom: number[] = [];
  for (const c of all) {
    if (c.index === me) continue;
    try {
      const mine = shares.filter((sh) => sh.from === c.index && sh.to === me);
      if (mine.length !== 1) throw new Error('missing or repeated share');
      const sh = mine[0] as EncryptedShare;
      const E = decodePoint(sh.ephemeral);
      const pad = sharePad(secret.electionId, c.index, me, E, X, E.multiply(x));
      const ct = hexToBytes(sh.ciphertext);
      if (ct.length !== 32) throw new Error('share length');
      const f = decodeScalar(bytesToHex(xor32(ct, pad)));
      if (c.commitments.length !== secret.k) throw new Error('commitment count');
      const expected = evalCommitments(c.commitments.map(decodePoint), me);
      if (!(f === 0n ? ZERO : G.multiply(f)).equals(expected)) throw new Error('share does not match the commitments');
      s = Fn.add(s, f);
    } catch {
      badFrom.push(c.index);
    }
  }
  return badFrom.length ? { ok: false, badFrom } : { ok: true, share: encodeScalar(s) };
}

/** H = Σ_i C_{i,0}. */
export function jointPublicKey(all: TrusteeKeyCommitment[]): Hex {
  return encodePoint(all.reduce((H, c) => H.add(decodePoint(c.commitments[0] as Hex)), ZERO));
}

/** G·s_j = Σ_i Σ_t C_{i,t}·j^t: anyone can compute it from the published commitments. */
export function verificationKey(all: TrusteeKeyCommitment[], j: number): Hex {
  return encodePoint(verificationPoint(all, j));
}

export function verificationPoint(all: readonly TrusteeKeyCommitment[], j: number): Point {
  return all.reduce((K, c) => K.add(evalCommitments(c.commitments.map(decodePoint), j)), ZERO);
}
