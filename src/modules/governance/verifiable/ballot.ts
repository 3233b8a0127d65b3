// Ballots: exponential ElGamal encryption of each choice (0/1) under the election key H, a proof per choice that it
// encrypts 0 or 1, and a proof that the number of selections is within [minSelections, maxSelections]. Runs in the
// voter's browser (encrypt, audit) and on the server and in verifiers (verify).
import canonicalize from 'canonicalize';
import {
  EncodingError,
  bytesToHex,
  FORMAT,
  Fn,
  G,
  ZERO,
  decodePoint,
  electionKey,
  encodePoint,
  encodeScalar,
  decodeScalar,
  hexToBytes,
  isHex32,
  mulSecret,
  randomScalar,
  sha256Hex,
  utf8ToBytes,
  type HashItem,
  type Point,
} from './group.ts';
import { BatchEquation } from './msm.ts';
import { addRangeToBatch, decodeRange, proveRange, rangeChallengeHolds, rangeEquationsHold, type DecodedRange, type RangeStatement } from './proofs.ts';
import type { BallotAudit, Ciphertext, ElectionManifest, EncryptedBallot, Hex } from './types.ts';

/** sha256 of the manifest's canonical JSON (RFC 8785), hex. */
export function manifestHash(m: ElectionManifest): Hex {
  return sha256Hex(utf8ToBytes(canonicalize(m) as string));
}

/** The voter's tracking code: sha256 of the ballot's canonical JSON, hex. */
export function trackingCode(ballot: EncryptedBallot): Hex {
  return sha256Hex(utf8ToBytes(canonicalize(ballot) as string));
}

/** Why a manifest cannot run an election, or null. */
export function manifestProblem(m: ElectionManifest): string | null {
  if (typeof m !== 'object' || m === null) return 'not an object';
  if (m.format !== FORMAT) return `format must be ${FORMAT}`;
  if (typeof m.electionId !== 'string' || m.electionId === '') return 'electionId missing';
  if (!Array.isArray(m.choices) || m.choices.length === 0 || m.choices.length > 256 || !m.choices.every((c) => typeof c === 'string')) {
    return 'choices must be 1 to 256 labels';
  }
  const n = m.choices.length;
  const int = (x: unknown): x is number => Number.isInteger(x);
  if (!int(m.minSelections) || !int(m.maxSelections) || m.minSelections < 0 || m.minSelections > m.maxSelections || m.minSelections > n) {
    return 'selections must satisfy 0 ≤ minSelections ≤ maxSelections, minSelections ≤ choices';
  }
  if (!int(m.trustees) || !int(m.threshold) || m.threshold < 1 || m.threshold > m.trustees) return 'need 1 ≤ threshold ≤ trustees';
  if (!isHex32(m.publicKey)) return 'publicKey must be a point (64 hex digits)';
  try {
    decodePoint(m.publicKey);
  } catch {
    return 'publicKey is not a ristretto255 point';
  }
  return null;
}

/** What every ballot of an election shares, computed once per manifest object. */
export interface ElectionContext {
  manifest: ElectionManifest;
  hash: Hex;
  hashBytes: Uint8Array;
  H: Point;
  HBytes: Uint8Array;
  n: number;
  /** The values the number of selections may take; empty when any number is allowed (no sum proof needed). */
  sumValues: number[];
}

const contexts = new WeakMap<ElectionManifest, ElectionContext>();

export function electionContext(manifest: ElectionManifest): ElectionContext {
  let ctx = contexts.get(manifest);
  if (ctx) return ctx;
  const problem = manifestProblem(manifest);
  if (problem) throw new Error(`invalid election manifest: ${problem}`);
  const n = manifest.choices.length;
  const hash = manifestHash(manifest);
  const H = electionKey(manifest.publicKey);
  const lo = manifest.minSelections;
  const hi = Math.min(manifest.maxSelections, n);
  // Each choice is proven 0/1, so the sum is already in [0, n]: a range covering it needs no proof.
  const sumValues = lo === 0 && hi === n ? [] : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  ctx = { manifest, hash, hashBytes: hexToBytes(hash), H, HBytes: H.toBytes(), n, sumValues };
  contexts.set(manifest, ctx);
  return ctx;
}

const CHOICE_VALUES = [0, 1] as const;
const BATCH = 256;

/** Hash items of choice i's proof (exported for tests that forge proofs). */
export function choiceContext(ctx: ElectionContext, slot: string, i: number, ct: { a: Uint8Array; b: Uint8Array }): HashItem[] {
  return [ctx.hashBytes, slot, 'choice', i, ctx.HBytes, 2, 0, 1, ct.a, ct.b];
}

/** Hash items of the sum proof (exported for tests that forge proofs). */
export function sumContext(ctx: ElectionContext, slot: string, cts: readonly { a: Uint8Array; b: Uint8Array }[]): HashItem[] {
  const items: HashItem[] = [ctx.hashBytes, slot, 'sum', 0, ctx.HBytes, ctx.sumValues.length, ...ctx.sumValues, cts.length];
  for (const ct of cts) items.push(ct.a, ct.b);
  return items;
}

function checkSelections(ctx: ElectionContext, selections: readonly number[]): void {
  const m = ctx.manifest;
  if (!Array.isArray(selections) || selections.length !== ctx.n) {
    throw new Error(`a ballot has one selection per choice: expected ${ctx.n}, got ${Array.isArray(selections) ? selections.length : typeof selections}`);
  }
  selections.forEach((s, i) => {
    if (s !== 0 && s !== 1) throw new Error(`selection ${i} must be 0 or 1, got ${String(s)}`);
  });
  const total = selections.reduce((a, b) => a + b, 0);
  if (total < m.minSelections || total > m.maxSelections) {
    throw new Error(`${total} selections, but this election allows ${m.minSelections} to ${m.maxSelections}`);
  }
}

/** Encrypts the selections (one 0/1 per choice) for `voterSlot`, with the proofs. `nonces` open the ballot for a
 * Benaloh audit; the voter's device must discard them when the ballot is cast. Throws on ill-formed selections. */
export function encryptBallot(manifest: ElectionManifest, voterSlot: string, selections: number[]): { ballot: EncryptedBallot; nonces: Hex[] } {
  const ctx = electionContext(manifest);
  if (typeof voterSlot !== 'string' || voterSlot === '') throw new Error('voterSlot must be a non-empty string');
  checkSelections(ctx, selections);
  const H = ctx.H;
  const rs = selections.map(() => randomScalar());
  const pts = selections.map((m, i) => {
    const r = rs[i] as bigint;
    return { A: G.multiply(r), B: H.multiply(r).add(m === 1 ? G : ZERO) };
  });
  const enc = pts.map((p) => ({ a: p.A.toBytes(), b: p.B.toBytes() }));
  const ciphertexts: Ciphertext[] = enc.map((e) => ({ a: bytesToHex(e.a), b: bytesToHex(e.b) }));
  const choiceProofs = selections.map((m, i) => {
    const p = pts[i] as { A: Point; B: Point };
    const st: RangeStatement = { A: p.A, B: p.B, values: CHOICE_VALUES, context: choiceContext(ctx, voterSlot, i, enc[i] as { a: Uint8Array; b: Uint8Array }) };
    return proveRange(H, st, m, rs[i] as bigint);
  });
  let sumProof = { branches: [] as EncryptedBallot['sumProof']['branches'] };
  if (ctx.sumValues.length > 0) {
    const A = pts.reduce((s, p) => s.add(p.A), ZERO);
    const B = pts.reduce((s, p) => s.add(p.B), ZERO);
    const R = rs.reduce((s, r) => Fn.add(s, r), 0n);
    const total = selections.reduce((a, b) => a + b, 0);
    sumProof = proveRange(H, { A, B, values: ctx.sumValues, context: sumContext(ctx, voterSlot, enc) }, total, R);
  }
  const ballot: EncryptedBallot = { manifestHash: ctx.hash, voterSlot, ciphertexts, choiceProofs, sumProof };
  return { ballot, nonces: rs.map(encodeScalar) };
}

export type BallotReason = 'malformed' | 'manifest-mismatch' | 'wrong-length' | 'bad-point' | 'bad-scalar' | 'choice-proof' | 'sum-proof';
export type BallotCheck = { ok: true } | { ok: false; reason: BallotReason };

/** A ballot decoded and its hash checks passed: what remains is the group equations. */
export interface PreparedBallot {
  A: Point[];
  B: Point[];
  choices: { st: RangeStatement; d: DecodedRange }[];
  sum: { st: RangeStatement; d: DecodedRange } | null;
}

/** Structure, encodings and Fiat–Shamir hashes of a ballot; the group equations are left to the caller (batched). */
export function prepareBallot(ctx: ElectionContext, ballot: EncryptedBallot): { ok: true; p: PreparedBallot } | { ok: false; reason: BallotReason } {
  try {
    if (typeof ballot !== 'object' || ballot === null) return { ok: false, reason: 'malformed' };
    if (ballot.manifestHash !== ctx.hash) return { ok: false, reason: 'manifest-mismatch' };
    if (typeof ballot.voterSlot !== 'string' || ballot.voterSlot === '') return { ok: false, reason: 'malformed' };
    const { ciphertexts, choiceProofs, sumProof } = ballot;
    if (!Array.isArray(ciphertexts) || !Array.isArray(choiceProofs) || typeof sumProof !== 'object' || sumProof === null || !Array.isArray(sumProof.branches)) {
      return { ok: false, reason: 'malformed' };
    }
    if (ciphertexts.length !== ctx.n || choiceProofs.length !== ctx.n || sumProof.branches.length !== ctx.sumValues.length) {
      return { ok: false, reason: 'wrong-length' };
    }
    if (!choiceProofs.every((p) => typeof p === 'object' && p !== null && Array.isArray(p.branches) && p.branches.length === 2)) {
      return { ok: false, reason: 'wrong-length' };
    }
    const A: Point[] = [];
    const B: Point[] = [];
    const enc: { a: Uint8Array; b: Uint8Array }[] = [];
    for (const ct of ciphertexts) {
      A.push(decodePoint(ct.a));
      B.push(decodePoint(ct.b));
      enc.push({ a: hexToBytes(ct.a), b: hexToBytes(ct.b) });
    }
    const choices = choiceProofs.map((proof, i) => {
      const st: RangeStatement = { A: A[i] as Point, B: B[i] as Point, values: CHOICE_VALUES, context: choiceContext(ctx, ballot.voterSlot, i, enc[i] as { a: Uint8Array; b: Uint8Array }) };
      return { st, d: decodeRange(proof), proof };
    });
    let sum: PreparedBallot['sum'] = null;
    let sumD: DecodedRange | null = null;
    if (ctx.sumValues.length > 0) {
      sumD = decodeRange(sumProof);
      const st: RangeStatement = {
        A: A.reduce((s, p) => s.add(p), ZERO),
        B: B.reduce((s, p) => s.add(p), ZERO),
        values: ctx.sumValues,
        context: sumContext(ctx, ballot.voterSlot, enc),
      };
      sum = { st, d: sumD };
    }
    for (const c of choices) if (!rangeChallengeHolds(c.st, c.proof, c.d)) return { ok: false, reason: 'choice-proof' };
    if (sum && sumD && !rangeChallengeHolds(sum.st, sumProof, sumD)) return { ok: false, reason: 'sum-proof' };
    return { ok: true, p: { A, B, choices: choices.map(({ st, d }) => ({ st, d })), sum } };
  } catch (e) {
    if (e instanceof EncodingError) return { ok: false, reason: e.code === 'bad-scalar' ? 'bad-scalar' : 'bad-point' };
    return { ok: false, reason: 'malformed' };
  }
}

/** Adds a prepared ballot's equations to a batch. */
export function addBallotToBatch(batch: BatchEquation, p: PreparedBallot): void {
  const aCoef = p.A.map(() => 0n);
  const bCoef = p.B.map(() => 0n);
  p.choices.forEach(({ st, d }, i) => {
    const k = addRangeToBatch(batch, st, d);
    aCoef[i] = Fn.add(aCoef[i] as bigint, k.aCoef);
    bCoef[i] = Fn.add(bCoef[i] as bigint, k.bCoef);
  });
  if (p.sum) {
    // The summed ciphertext is Σ(A_i, B_i): its coefficient applies to every term.
    const k = addRangeToBatch(batch, p.sum.st, p.sum.d);
    for (let i = 0; i < aCoef.length; i++) {
      aCoef[i] = Fn.add(aCoef[i] as bigint, k.aCoef);
      bCoef[i] = Fn.add(bCoef[i] as bigint, k.bCoef);
    }
  }
  p.A.forEach((A, i) => batch.add(A, aCoef[i] as bigint));
  p.B.forEach((B, i) => batch.add(B, bCoef[i] as bigint));
}

/** Which proof of a prepared ballot fails its group equations (after a failed batch), or null. */
function failingProof(ctx: ElectionContext, p: PreparedBallot): BallotReason | null {
  for (const c of p.choices) if (!rangeEquationsHold(ctx.H, c.st, c.d)) return 'choice-proof';
  if (p.sum && !rangeEquationsHold(ctx.H, p.sum.st, p.sum.d)) return 'sum-proof';
  return null;
}

/** Checks a ballot against its election: structure, encodings, the binding to manifest and slot, every proof. */
export function verifyBallot(manifest: ElectionManifest, ballot: EncryptedBallot): BallotCheck {
  return verifyBallots(manifest, [ballot])[0] as BallotCheck;
}

/** Checks many ballots of one election, their proofs batched into one multi-scalar multiplication (several times
 * faster than one by one); when the batch fails, each ballot is checked on its own to name the bad ones. */
export function verifyBallots(manifest: ElectionManifest, ballots: readonly EncryptedBallot[]): BallotCheck[] {
  const ctx = electionContext(manifest);
  const out: BallotCheck[] = new Array<BallotCheck>(ballots.length);
  const prepared: { i: number; p: PreparedBallot }[] = [];
  ballots.forEach((b, i) => {
    const r = prepareBallot(ctx, b);
    if (r.ok) prepared.push({ i, p: r.p });
    else out[i] = r;
  });
  settleBatches(ctx, prepared, out);
  return out;
}

/** Runs the group equations of prepared ballots in batches, writing each one's outcome to out[i]. */
export function settleBatches(ctx: ElectionContext, prepared: readonly { i: number; p: PreparedBallot }[], out: BallotCheck[]): void {
  const settle = (group: readonly { i: number; p: PreparedBallot }[]): void => {
    if (group.length === 0) return;
    const batch = new BatchEquation(ctx.H);
    for (const g of group) addBallotToBatch(batch, g.p);
    if (batch.holds()) {
      for (const g of group) out[g.i] = { ok: true };
      return;
    }
    if (group.length === 1) {
      const g = group[0] as { i: number; p: PreparedBallot };
      const reason = failingProof(ctx, g.p);
      // A batch can only fail on a false equation, which the separate checks find; 'choice-proof' is a safe default.
      out[g.i] = { ok: false, reason: reason ?? 'choice-proof' };
      return;
    }
    // Bisect: a few bad ballots among many cost a few extra half-size batches, not one check per ballot.
    const mid = group.length >> 1;
    settle(group.slice(0, mid));
    settle(group.slice(mid));
  };
  // Chunks bound the MSM's memory; a few hundred ballots already get most of the bucket method's gain.
  for (let s = 0; s < prepared.length; s += BATCH) settle(prepared.slice(s, s + BATCH));
}

/** Benaloh audit of a challenged (never cast) ballot: its proofs hold, and re-encrypting the revealed selections
 * with the revealed nonces gives exactly its ciphertexts. */
export function auditBallot(manifest: ElectionManifest, audit: BallotAudit): boolean {
  try {
    const ctx = electionContext(manifest);
    checkSelections(ctx, audit.selections);
    if (!Array.isArray(audit.nonces) || audit.nonces.length !== ctx.n) return false;
    if (!verifyBallot(manifest, audit.ballot).ok) return false;
    return audit.selections.every((m, i) => {
      const r = decodeScalar(audit.nonces[i] as Hex);
      const ct = audit.ballot.ciphertexts[i] as Ciphertext;
      const A = mulSecret(G, r);
      const B = mulSecret(ctx.H, r).add(m === 1 ? G : ZERO);
      return encodePoint(A) === ct.a && encodePoint(B) === ct.b;
    });
  } catch {
    return false;
  }
}
