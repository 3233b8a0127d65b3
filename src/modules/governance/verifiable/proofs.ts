// Zero-knowledge proofs (Fiat–Shamir, challenges from group.ts's `challenge`):
//  • Schnorr proof of knowledge of x with Y = G·x (a trustee's constant term);
//  • Chaum–Pedersen DLEQ: log_G K = log_A D (a trustee's partial decryption);
//  • disjunctive Chaum–Pedersen (Cramer–Damgård–Schoenmakers): (A, B) = (G·r, H·r + G·m) with m in a list of values.
// The byte-level inputs of every challenge are listed in docs/election-record.md.
import {
  Fn,
  G,
  ZERO,
  challenge,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  hexToBytes,
  mulPublic,
  mulSecret,
  randomScalar,
  randomShortScalar,
  type HashItem,
  type Point,
} from './group.ts';
import type { BatchEquation } from './msm.ts';
import type { DisjunctiveProof, DleqProof, Hex } from './types.ts';

// ── Schnorr proof of knowledge ───────────────────────────────────────────────────────────────────────────────────

/** Proves knowledge of x with Y = G·x; `context` binds the proof (election id, trustee index). */
export function proveSchnorr(x: bigint, Y: Point, context: readonly HashItem[]): DleqProof {
  const w = randomScalar();
  const T = G.multiply(w);
  const c = challenge('pok', [...context, Y.toBytes(), T.toBytes()]);
  return { c: encodeScalar(c), r: encodeScalar(Fn.add(w, Fn.mul(c, x))) };
}

/** T = G·r − Y·c must hash back to c. Throws EncodingError on a malformed proof. */
export function verifySchnorr(Y: Point, proof: DleqProof, context: readonly HashItem[]): boolean {
  const c = decodeScalar(proof.c);
  const r = decodeScalar(proof.r);
  const T = mulPublic(G, r).subtract(mulPublic(Y, c));
  return challenge('pok', [...context, Y.toBytes(), T.toBytes()]) === c;
}

// ── DLEQ (partial decryption) ────────────────────────────────────────────────────────────────────────────────────

/** Proves D = A·s for the s behind K = G·s. */
export function proveDleq(s: bigint, K: Point, A: Point, D: Point, context: readonly HashItem[]): DleqProof {
  const w = randomScalar();
  const T1 = G.multiply(w);
  const T2 = mulSecret(A, w);
  const c = challenge('decrypt', [...context, K.toBytes(), A.toBytes(), D.toBytes(), T1.toBytes(), T2.toBytes()]);
  return { c: encodeScalar(c), r: encodeScalar(Fn.add(w, Fn.mul(c, s))) };
}

export function verifyDleq(K: Point, A: Point, D: Point, proof: DleqProof, context: readonly HashItem[]): boolean {
  const c = decodeScalar(proof.c);
  const r = decodeScalar(proof.r);
  const T1 = mulPublic(G, r).subtract(mulPublic(K, c));
  const T2 = mulPublic(A, r).subtract(mulPublic(D, c));
  return challenge('decrypt', [...context, K.toBytes(), A.toBytes(), D.toBytes(), T1.toBytes(), T2.toBytes()]) === c;
}

// ── Disjunctive proof that a ciphertext encrypts one of `values` ───────────────────────────────────────────────

/** What a range proof is about: the (possibly summed) ciphertext, and the hash items that name it. */
export interface RangeStatement {
  A: Point;
  B: Point;
  values: readonly number[];
  /** Hash items before the commitments: manifest hash, voter slot, the proof's label, H, the values, the
   * ciphertext(s) as published (see ballot.ts). */
  context: readonly HashItem[];
}

/** Proves (A, B) = (G·r, H·r + G·m) with m = values[real]; the other branches are simulated. H must be the
 * precomputed election key (group.ts electionKey). */
export function proveRange(H: Point, st: RangeStatement, m: number, r: bigint): DisjunctiveProof {
  const real = st.values.indexOf(m);
  if (real < 0) throw new Error(`value ${m} is not among ${st.values.join(', ')}`);
  const w = randomScalar();
  const branches = st.values.map((v, i) => {
    if (i === real) return { a: G.multiply(w), b: H.multiply(w), c: 0n, r: 0n };
    // Simulated branch: pick c, r; the commitments follow from the verification equations,
    //   a = G·resp − A·c,  b = H·resp − (B − G·v)·c.
    // The prover knows r and m (A = G·r, B = H·r + G·m), so these are fixed-base multiplications, which have
    // precomputed tables:  a = G·(resp − r·c),  b = H·(resp − r·c) + G·((v − m)·c).
    const c = randomScalar();
    const resp = randomScalar();
    const e = Fn.sub(resp, Fn.mul(r, c));
    const a = mulSecret(G, e);
    const b = mulSecret(H, e).add(mulSecret(G, Fn.mul(Fn.create(BigInt(v - m)), c)));
    return { a, b, c, r: resp };
  });
  const enc = branches.map((br) => ({ a: encodePoint(br.a), b: encodePoint(br.b) }));
  const c = rangeChallenge(st.context, enc);
  let cReal = c;
  branches.forEach((br, i) => {
    if (i !== real) cReal = Fn.sub(cReal, br.c);
  });
  const rReal = Fn.add(w, Fn.mul(cReal, r));
  return {
    branches: branches.map((br, i) => ({
      a: (enc[i] as { a: Hex }).a,
      b: (enc[i] as { b: Hex }).b,
      c: encodeScalar(i === real ? cReal : br.c),
      r: encodeScalar(i === real ? rReal : br.r),
    })),
  };
}

function rangeChallenge(context: readonly HashItem[], branches: readonly { a: Hex; b: Hex }[]): bigint {
  const items: HashItem[] = [...context];
  for (const br of branches) items.push(hexToBytes(br.a), hexToBytes(br.b));
  return challenge('range', items);
}

/** A range proof's parts once decoded (throws EncodingError on a malformed encoding). */
export interface DecodedRange {
  a: Point[];
  b: Point[];
  c: bigint[];
  r: bigint[];
}

export function decodeRange(p: DisjunctiveProof): DecodedRange {
  const out: DecodedRange = { a: [], b: [], c: [], r: [] };
  for (const br of p.branches) {
    out.a.push(decodePoint(br.a));
    out.b.push(decodePoint(br.b));
    out.c.push(decodeScalar(br.c));
    out.r.push(decodeScalar(br.r));
  }
  return out;
}

/** The hash part of the check: the branch challenges sum to the Fiat–Shamir challenge. */
export function rangeChallengeHolds(st: RangeStatement, proof: DisjunctiveProof, d: DecodedRange): boolean {
  const sum = d.c.reduce((s, c) => Fn.add(s, c), 0n);
  return sum === rangeChallenge(st.context, proof.branches);
}

/** The group part, added to a batch: for each branch i with value v,
 *    G·r_i = a_i + A·c_i   and   H·r_i = b_i + (B − G·v)·c_i,
 * each scaled by a fresh random ρ. `Aacc`/`Bacc` collect the coefficients of A and B, which the caller spreads over
 * the published ciphertexts (a summed ciphertext's coefficient goes to each of its terms). */
export function addRangeToBatch(batch: BatchEquation, st: RangeStatement, d: DecodedRange): { aCoef: bigint; bCoef: bigint } {
  let aCoef = 0n;
  let bCoef = 0n;
  st.values.forEach((v, i) => {
    const r = d.r[i] as bigint;
    const c = d.c[i] as bigint;
    const rho1 = randomShortScalar();
    const rho2 = randomShortScalar();
    // ρ1·(G·r − a − A·c) + ρ2·(H·r − b − B·c + G·v·c) = 0
    batch.addG(Fn.add(Fn.mul(rho1, r), Fn.mul(rho2, Fn.mul(BigInt(v), c))));
    batch.addH(Fn.mul(rho2, r));
    batch.add((d.a[i] as Point).negate(), rho1);
    batch.add((d.b[i] as Point).negate(), rho2);
    aCoef = Fn.sub(aCoef, Fn.mul(rho1, c));
    bCoef = Fn.sub(bCoef, Fn.mul(rho2, c));
  });
  return { aCoef, bCoef };
}

/** The group part checked branch by branch, without batching (to say which proof failed). */
export function rangeEquationsHold(H: Point, st: RangeStatement, d: DecodedRange): boolean {
  return st.values.every((v, i) => {
    const c = d.c[i] as bigint;
    const r = d.r[i] as bigint;
    const ok1 = mulPublic(G, r).equals((d.a[i] as Point).add(mulPublic(st.A, c)));
    const Bv = st.B.subtract(v === 0 ? ZERO : mulPublic(G, BigInt(v)));
    const ok2 = mulPublic(H, r).equals((d.b[i] as Point).add(mulPublic(Bv, c)));
    return ok1 && ok2;
  });
}
