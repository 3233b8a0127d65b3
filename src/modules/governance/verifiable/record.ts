// The independent verifier: checks a whole election record using nothing but the record (docs/election-record.md
// lists the checks). The heavy part — every ballot's proofs and the weighted sums — is `checkBoardSlice`, which a
// caller may run on slices of the board in parallel (worker threads) and pass back merged as `boardWork`.
import canonicalize from 'canonicalize';
import { decodePoint, encodePoint, isHex32, sha256Hex, utf8ToBytes, ZERO, type Point } from './group.ts';
import { electionContext, manifestProblem, prepareBallot, settleBatches, type BallotCheck, type PreparedBallot } from './ballot.ts';
import { chainHash } from './board.ts';
import { combineDecryption, encodeCiphertexts, verifyPartialDecryption, WeightedSum } from './tally.ts';
import { jointPublicKey, verificationKey, verifyTrusteeCommitment } from './trustees.ts';
import type { BoardEntry, Ciphertext, ElectionManifest, ElectionRecord, Hex, PartialDecryption, RollEntry } from './types.ts';

export interface RecordCheck {
  check: string;
  ok: boolean;
  detail?: string;
}

export interface RecordVerification {
  ok: boolean;
  checks: RecordCheck[];
}

/** How a counted board entry weighs: its slot's weight and group on the roll. */
export interface CountedEntry {
  weight: number;
  group: string;
}

/** What the record-level checks (numbering, chain, roll, duplicates, counting) need of a board entry; the heavy
 * checks are in BoardWork. A verifier that parses the board in slices (worker threads) sends back only these. */
export interface BoardEntryHead {
  /** The entry is a JSON object. */
  entry: boolean;
  seq: unknown;
  hash: unknown;
  trackingCode: unknown;
  voterSlot: unknown;
}

export function boardEntryHead(e: unknown): BoardEntryHead {
  if (typeof e !== 'object' || e === null) return { entry: false, seq: undefined, hash: undefined, trackingCode: undefined, voterSlot: undefined };
  const x = e as Partial<BoardEntry>;
  const b = x.ballot as Partial<BoardEntry['ballot']> | null | undefined;
  return { entry: true, seq: x.seq, hash: x.hash, trackingCode: x.trackingCode, voterSlot: typeof b === 'object' && b !== null ? b.voterSlot : undefined };
}

/** The per-entry results of the board's heavy checks, and the weighted sums per group of the counted entries whose
 * proofs hold. */
export interface BoardWork {
  checks: BallotCheck[];
  trackingCodes: (Hex | null)[];
  tally: { group: string; ciphertexts: Ciphertext[] }[];
}

/** At most this many failing lines per kind of check; the rest are summed up in one line. */
const MAX_LINES = 20;

/** Which board entries count: for each slot on the roll, its last entry on the board (re-voting: the last ballot
 * counts). Entries for slots not on the roll count for nothing (and fail their own check). */
export function countingPlan(record: Pick<ElectionRecord, 'roll' | 'board'>): (CountedEntry | null)[] {
  return countingPlanOfSlots(record.roll, record.board.map((e) => e?.ballot?.voterSlot));
}

/** countingPlan from the board entries' voter slots alone (`slots[i]` of entry i). */
export function countingPlanOfSlots(rollEntries: readonly RollEntry[], slots: readonly unknown[]): (CountedEntry | null)[] {
  const roll = new Map<string, CountedEntry>();
  for (const r of rollEntries) if (r && typeof r.voterSlot === 'string') roll.set(r.voterSlot, { weight: r.weight, group: r.group });
  const last = new Map<string, number>();
  slots.forEach((slot, i) => {
    if (typeof slot === 'string' && roll.has(slot)) last.set(slot, i);
  });
  const plan: (CountedEntry | null)[] = slots.map(() => null);
  for (const [slot, i] of last) plan[i] = roll.get(slot) ?? null;
  return plan;
}

function safeTrackingCode(e: BoardEntry | undefined): Hex | null {
  try {
    const text = canonicalize(e?.ballot);
    return typeof text === 'string' ? sha256Hex(utf8ToBytes(text)) : null;
  } catch {
    return null;
  }
}

const CHUNK = 256;

/** Checks a run of board entries (tracking codes, every proof, batched) and sums the counted ones by group.
 * `plan[i]` belongs to `entries[i]`. Never throws on a malformed entry: its check fails. */
export function checkBoardSlice(manifest: ElectionManifest, entries: readonly BoardEntry[], plan: readonly (CountedEntry | null)[]): BoardWork {
  const ctx = electionContext(manifest);
  const checks: BallotCheck[] = new Array<BallotCheck>(entries.length);
  const trackingCodes = entries.map(safeTrackingCode);
  const sums = new Map<string, WeightedSum>();
  // Chunk by chunk, so only a few hundred ballots' decoded points are alive at once.
  for (let s = 0; s < entries.length; s += CHUNK) {
    const prepared: { i: number; p: PreparedBallot }[] = [];
    for (let i = s; i < Math.min(entries.length, s + CHUNK); i++) {
      const r = prepareBallot(ctx, entries[i]?.ballot as BoardEntry['ballot']);
      if (r.ok) prepared.push({ i, p: r.p });
      else checks[i] = r;
    }
    settleBatches(ctx, prepared, checks);
    for (const { i, p } of prepared) {
      const c = plan[i];
      if (!c || !checks[i]?.ok || !Number.isSafeInteger(c.weight) || c.weight < 0) continue;
      let sum = sums.get(c.group);
      if (!sum) sums.set(c.group, (sum = new WeightedSum(ctx.n)));
      sum.add(p, c.weight);
    }
  }
  return { checks, trackingCodes, tally: [...sums].map(([group, s]) => ({ group, ciphertexts: encodeCiphertexts(s.result()) })) };
}

/** Σ of ciphertext lists, choice by choice. */
export function addCiphertexts(x: readonly Ciphertext[], y: readonly Ciphertext[]): Ciphertext[] {
  return x.map((c, i) => {
    const d = y[i] as Ciphertext;
    return { a: encodePoint(decodePoint(c.a).add(decodePoint(d.a))), b: encodePoint(decodePoint(c.b).add(decodePoint(d.b))) };
  });
}

/** Joins the work on consecutive slices of the board, in board order. */
export function mergeBoardWork(parts: readonly BoardWork[]): BoardWork {
  const tally = new Map<string, Ciphertext[]>();
  for (const p of parts) {
    for (const t of p.tally) {
      const prev = tally.get(t.group);
      tally.set(t.group, prev ? addCiphertexts(prev, t.ciphertexts) : t.ciphertexts);
    }
  }
  return {
    checks: parts.flatMap((p) => p.checks),
    trackingCodes: parts.flatMap((p) => p.trackingCodes),
    tally: [...tally].map(([group, ciphertexts]) => ({ group, ciphertexts })),
  };
}

/** Collects the checks; failures of one kind beyond MAX_LINES are summed up in one line. */
class Report {
  readonly checks: RecordCheck[] = [];
  pass(check: string, detail?: string): void {
    this.checks.push(detail === undefined ? { check, ok: true } : { check, ok: true, detail });
  }
  fail(check: string, detail?: string): void {
    this.checks.push(detail === undefined ? { check, ok: false } : { check, ok: false, detail });
  }
  /** One line when every item passed, else one line per failure (capped). */
  kind(summary: string, failures: readonly { check: string; detail?: string }[]): void {
    if (failures.length === 0) return this.pass(summary);
    for (const f of failures.slice(0, MAX_LINES)) this.fail(f.check, f.detail);
    if (failures.length > MAX_LINES) this.fail(`${summary}: ${failures.length - MAX_LINES} more failures`);
  }
}

const REASONS: Record<string, string> = {
  malformed: 'the ballot is malformed',
  'manifest-mismatch': 'the ballot is for another election (manifest hash)',
  'wrong-length': 'the ballot has the wrong number of ciphertexts or proof branches',
  'bad-point': 'a point is not a canonical ristretto255 encoding',
  'bad-scalar': 'a scalar is not a reduced 32-byte encoding',
  'choice-proof': 'a choice’s 0-or-1 proof does not verify',
  'sum-proof': 'the number-of-selections proof does not verify',
};

/** What a caller that checked the board elsewhere (worker threads) passes: the heavy work, and with it optionally the
 * entries' heads, in which case `record.board` is not read (it may be empty). */
export interface BoardVerificationOptions {
  boardWork?: BoardWork;
  boardHeads?: readonly BoardEntryHead[];
}

/** Verifies a whole election record: see docs/election-record.md for the list of checks. Never throws. */
export function verifyElectionRecord(record: ElectionRecord, options: BoardVerificationOptions = {}): RecordVerification {
  const rep = new Report();
  const done = (): RecordVerification => ({ ok: rep.checks.every((c) => c.ok), checks: rep.checks });
  try {
    verifyInto(rep, record, options);
  } catch (e) {
    rep.fail('record could be read', e instanceof Error ? e.message : String(e));
  }
  return done();
}

function verifyInto(rep: Report, record: ElectionRecord, options: BoardVerificationOptions): void {
  if (typeof record !== 'object' || record === null) return rep.fail('record is an object');
  const arrays = ['trustees', 'roll', 'board', 'encryptedTally', 'partialDecryptions', 'result'] as const;
  const missing = arrays.filter((k) => !Array.isArray(record[k]));
  if (missing.length) return rep.fail('record has every part', `missing or not a list: ${missing.join(', ')}`);

  // ── manifest ──
  const m = record.manifest;
  const problem = manifestProblem(m);
  if (problem) return rep.fail('manifest is well formed', problem);
  rep.pass('manifest is well formed', `${m.electionId}: ${m.choices.length} choices, ${m.minSelections}–${m.maxSelections} selections, ${m.threshold} of ${m.trustees} trustees`);
  const ctx = electionContext(m);
  const mh = ctx.hash;

  // ── trustees ──
  const trustees = record.trustees;
  const indices = trustees.map((t) => t?.index);
  const wantIndices = Array.from({ length: m.trustees }, (_, i) => i + 1);
  if (trustees.length === m.trustees && wantIndices.every((i) => indices.filter((x) => x === i).length === 1)) {
    rep.pass(`trustees: ${m.trustees} key commitments, indices 1 to ${m.trustees}`);
  } else {
    rep.fail(`trustees: ${m.trustees} key commitments, indices 1 to ${m.trustees}`, `found indices ${indices.join(', ')}`);
  }
  const trusteeOk = new Map<number, boolean>();
  for (const t of trustees) {
    const ok = verifyTrusteeCommitment(t, m.threshold, m.electionId);
    trusteeOk.set(t?.index, ok);
    if (ok) rep.pass(`trustee ${t.index}: ${m.threshold} coefficient commitments, proof of knowledge of its key part`);
    else rep.fail(`trustee ${String(t?.index)}: ${m.threshold} coefficient commitments, proof of knowledge of its key part`, 'invalid commitments or proof');
  }
  const allTrusteesOk = trustees.length > 0 && [...trusteeOk.values()].every(Boolean);
  let joint: Hex | null = null;
  try {
    if (allTrusteesOk) joint = jointPublicKey(trustees);
  } catch {
    joint = null;
  }
  if (joint !== null && joint === m.publicKey) rep.pass('election key = sum of the trustees’ constant-term commitments');
  else rep.fail('election key = sum of the trustees’ constant-term commitments', joint === null ? 'trustee commitments invalid' : `joint key ${joint}, manifest ${m.publicKey}`);

  // ── roll ──
  const rollFailures: { check: string; detail?: string }[] = [];
  const slots = new Map<string, { weight: number; group: string }>();
  const groupsInOrder: string[] = [];
  const groupMax = new Map<string, number>();
  record.roll.forEach((r, i) => {
    const at = `roll entry ${i + 1}`;
    if (typeof r !== 'object' || r === null || typeof r.voterSlot !== 'string' || r.voterSlot === '') return rollFailures.push({ check: `${at}: has a voter slot` });
    if (slots.has(r.voterSlot)) rollFailures.push({ check: `${at}: voter slot ${r.voterSlot} appears once`, detail: 'listed twice' });
    if (!Number.isSafeInteger(r.weight) || r.weight < 0) rollFailures.push({ check: `${at}: weight is a whole number ≥ 0`, detail: String(r.weight) });
    if (typeof r.group !== 'string') rollFailures.push({ check: `${at}: has a group` });
    slots.set(r.voterSlot, { weight: r.weight, group: r.group });
    if (!groupMax.has(r.group)) groupsInOrder.push(r.group);
    groupMax.set(r.group, (groupMax.get(r.group) ?? 0) + (Number.isSafeInteger(r.weight) && r.weight > 0 ? r.weight : 0));
  });
  rep.kind(`roll: ${record.roll.length} voter slots, each once, with whole weights and a group`, rollFailures);

  // ── board ──
  const heads = options.boardHeads ?? (options.boardWork ? record.board.map(boardEntryHead) : null);
  let work: BoardWork;
  let plan: (CountedEntry | null)[];
  if (heads && options.boardWork) {
    work = options.boardWork;
    plan = countingPlanOfSlots(record.roll, heads.map((h) => h.voterSlot));
  } else {
    plan = countingPlan(record);
    work = checkBoardSlice(m, record.board, plan);
  }
  const board = heads ?? record.board.map(boardEntryHead);
  if (work.checks.length !== board.length) throw new Error('board work does not cover the board');
  const chain: { check: string; detail?: string }[] = [];
  const codes: { check: string; detail?: string }[] = [];
  const proofs: { check: string; detail?: string }[] = [];
  const onRoll: { check: string; detail?: string }[] = [];
  const dupes: { check: string; detail?: string }[] = [];
  const seen = new Map<Hex, number>();
  let prev: Hex | null = null;
  board.forEach((e, i) => {
    const seq = i + 1;
    const at = `board entry ${seq}`;
    if (!e.entry) return chain.push({ check: `${at}: is an entry` });
    if (e.seq !== seq) chain.push({ check: `${at}: numbered ${seq}`, detail: `seq is ${String(e.seq)} (an entry was dropped, inserted or moved)` });
    let expected: Hex | null = null;
    try {
      expected = chainHash(prev, mh, e.trackingCode as Hex);
    } catch {
      expected = null;
    }
    if (expected === null || e.hash !== expected) chain.push({ check: `${at}: hash does not chain`, detail: expected === null ? 'tracking code is not 64 hex digits' : `expected ${expected}, published ${String(e.hash)}` });
    prev = isHex32(e.hash) ? e.hash : (expected ?? null);
    const tc = work.trackingCodes[i];
    if (tc !== e.trackingCode) codes.push({ check: `${at}: tracking code is not the hash of its ballot`, detail: 'the ballot was changed after it was published' });
    const pc = work.checks[i];
    if (!pc?.ok) proofs.push({ check: `${at}: ballot proofs invalid`, detail: REASONS[pc?.reason ?? 'malformed'] ?? String(pc?.reason) });
    const slot = e.voterSlot;
    if (typeof slot !== 'string' || !slots.has(slot)) onRoll.push({ check: `${at}: voter slot is not on the roll`, detail: String(slot) });
    if (typeof e.trackingCode === 'string') {
      const first = seen.get(e.trackingCode);
      if (first !== undefined) dupes.push({ check: `${at}: duplicate of board entry ${first}`, detail: 'the same ballot (tracking code) twice' });
      else seen.set(e.trackingCode, seq);
    }
  });
  rep.kind(`board: ${board.length} entries numbered from 1, hash chain intact from the manifest hash`, chain);
  rep.kind('board: every tracking code is the hash of its ballot', codes);
  rep.kind('board: every ballot’s proofs verify (each choice 0 or 1, number of selections allowed, bound to election and slot)', proofs);
  rep.kind('board: every ballot’s voter slot is on the roll', onRoll);
  rep.kind('board: no ballot appears twice', dupes);
  const counted = plan.filter((p) => p !== null).length;
  rep.pass(`count: the last ballot of each slot counts (${counted} of ${board.length} entries)`);

  // ── encrypted tally ──
  const recomputed = new Map(work.tally.map((t) => [t.group, t.ciphertexts]));
  const zero = encodePoint(ZERO as Point);
  const empty: Ciphertext[] = m.choices.map(() => ({ a: zero, b: zero }));
  const tallyGroups = new Set<string>();
  for (const t of record.encryptedTally) {
    const name = `encrypted tally, group "${String(t?.group)}"`;
    if (tallyGroups.has(t?.group)) {
      rep.fail(`${name}: listed once`);
      continue;
    }
    tallyGroups.add(t?.group);
    if (!groupMax.has(t?.group)) {
      rep.fail(`${name}: a group of the roll`);
      continue;
    }
    const want = recomputed.get(t.group) ?? empty;
    const got = Array.isArray(t.ciphertexts) ? t.ciphertexts : [];
    const same = got.length === want.length && want.every((c, i) => got[i]?.a === c.a && got[i]?.b === c.b);
    if (same) rep.pass(`${name}: equals the weighted sum of the counted ballots`);
    else rep.fail(`${name}: equals the weighted sum of the counted ballots`, 'recomputed from the board and the roll’s weights, it differs');
  }
  for (const g of recomputed.keys()) {
    if (!tallyGroups.has(g)) {
      rep.fail(`encrypted tally, group "${g}": present`, 'the group has counted ballots but no tally');
    }
  }

  // ── decryption ──
  const all: Ciphertext[] = record.encryptedTally.flatMap((t) => (Array.isArray(t?.ciphertexts) ? t.ciphertexts : []));
  const valid: PartialDecryption[] = [];
  const byTrustee = new Set<number>();
  for (const pd of record.partialDecryptions) {
    const name = `partial decryption of trustee ${String(pd?.trustee)}`;
    if (!trustees.some((t) => t.index === pd?.trustee) || byTrustee.has(pd?.trustee)) {
      rep.fail(name, 'not a trustee of this election, or listed twice');
      continue;
    }
    byTrustee.add(pd.trustee);
    let vk: Hex | null = null;
    try {
      vk = allTrusteesOk ? verificationKey(trustees, pd.trustee) : null;
    } catch {
      vk = null;
    }
    if (vk !== null && verifyPartialDecryption(m, vk, all, pd)) {
      valid.push(pd);
      rep.pass(`${name}: every share proven against its verification key`);
    } else rep.fail(`${name}: every share proven against its verification key`, vk === null ? 'no verification key (trustee commitments invalid)' : 'a share or its proof is wrong');
  }
  if (valid.length >= m.threshold) rep.pass(`threshold: ${valid.length} trustees’ valid partial decryptions (${m.threshold} needed)`);
  else return rep.fail(`threshold: ${m.threshold} trustees’ valid partial decryptions`, `only ${valid.length}`);

  // ── result ──
  const results = new Map(record.result.map((r) => [r?.group, r]));
  if (record.result.length !== results.size) rep.fail('result: each group once');
  let offset = 0;
  for (const t of record.encryptedTally) {
    const n = Array.isArray(t?.ciphertexts) ? t.ciphertexts.length : 0;
    const name = `result, group "${String(t?.group)}"`;
    const from = offset;
    offset += n;
    const slice = (pd: PartialDecryption): PartialDecryption => ({ ...pd, shares: pd.shares.slice(from, from + n), proofs: pd.proofs.slice(from, from + n) });
    const cts = all.slice(from, from + n);
    const published = results.get(t?.group);
    if (!published || !Array.isArray(published.counts)) {
      rep.fail(`${name}: published`);
      continue;
    }
    let counts: number[];
    try {
      counts = combineDecryption(m, cts, valid.map(slice), groupMax.get(t.group) ?? 0);
    } catch (e) {
      rep.fail(`${name}: decrypts to counts`, e instanceof Error ? e.message : String(e));
      continue;
    }
    const diff = counts.map((c, i) => (published.counts[i] === c ? null : `${m.choices[i] ?? i}: published ${String(published.counts[i])}, decrypted ${c}`)).filter((x) => x !== null);
    if (diff.length === 0 && published.counts.length === counts.length) rep.pass(`${name}: published counts equal the decrypted tally`, counts.join(', '));
    else rep.fail(`${name}: published counts equal the decrypted tally`, diff.join('; ') || 'wrong number of counts');
  }
  for (const g of results.keys()) if (!tallyGroups.has(g)) rep.fail(`result, group "${String(g)}": has an encrypted tally`);
}
