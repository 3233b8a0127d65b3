// A whole election run in memory, every party played by one caller: for tests, the benchmark and demos. It goes
// through the same public functions the trustees' pages, the voters' browsers and the server use, in order.
import { FORMAT } from './group.ts';
import { encryptBallot, manifestHash, trackingCode } from './ballot.ts';
import { chainHash } from './board.ts';
import { countingPlan } from './record.ts';
import { combineDecryption, homomorphicTally, partialDecrypt } from './tally.ts';
import { createTrustee, jointPublicKey, receiveShares, sharesFor, verifyTrusteeCommitment, type TrusteeSecret } from './trustees.ts';
import type { BoardEntry, ElectionManifest, ElectionRecord, EncryptedBallot, Hex, RollEntry, TrusteeKeyCommitment } from './types.ts';

export interface ElectionSetup {
  manifest: ElectionManifest;
  trustees: TrusteeKeyCommitment[];
  secrets: TrusteeSecret[];
  /** Each trustee's secret share s_j, by position (trustee j at j−1). */
  shares: Hex[];
}

export function setupElection(opts: { electionId: string; choices: string[]; minSelections: number; maxSelections: number; trustees: number; threshold: number }): ElectionSetup {
  const { trustees: n, threshold: k, electionId } = opts;
  const made = Array.from({ length: n }, (_, i) => createTrustee(i + 1, n, k, electionId));
  const commitments = made.map((t) => t.commitment);
  for (const c of commitments) if (!verifyTrusteeCommitment(c, k, electionId)) throw new Error(`trustee ${c.index}: bad commitment`);
  const sent = made.flatMap((t) => sharesFor(t.secret, commitments));
  const shares = made.map((t) => {
    const r = receiveShares(t.secret, commitments, sent);
    if (!r.ok) throw new Error(`trustee ${t.secret.index}: bad shares from ${r.badFrom.join(', ')}`);
    return r.share;
  });
  const manifest: ElectionManifest = {
    format: FORMAT,
    electionId,
    choices: opts.choices,
    minSelections: opts.minSelections,
    maxSelections: opts.maxSelections,
    trustees: n,
    threshold: k,
    publicKey: jointPublicKey(commitments),
  };
  return { manifest, trustees: commitments, secrets: made.map((t) => t.secret), shares };
}

/** Chains ballots (in cast order) into board entries. */
export function buildBoard(manifest: ElectionManifest, ballots: readonly EncryptedBallot[]): BoardEntry[] {
  const mh = manifestHash(manifest);
  let prev: Hex | null = null;
  return ballots.map((ballot, i) => {
    const tc = trackingCode(ballot);
    prev = chainHash(prev, mh, tc);
    return { seq: i + 1, hash: prev, trackingCode: tc, ballot };
  });
}

/** The tally, decryption by the trustees `decryptors` (indices) and result of a board, as the server would publish. */
export function closeElection(setup: ElectionSetup, roll: RollEntry[], board: BoardEntry[], decryptors?: number[]): ElectionRecord {
  const { manifest } = setup;
  const plan = countingPlan({ roll, board });
  const groups = [...new Set(roll.map((r) => r.group))];
  const encryptedTally = groups.map((group) => ({
    group,
    ciphertexts: homomorphicTally(
      manifest,
      board.flatMap((e, i) => (plan[i]?.group === group ? [{ ballot: e.ballot, weight: (plan[i] as { weight: number }).weight }] : [])),
    ),
  }));
  const all = encryptedTally.flatMap((t) => t.ciphertexts);
  const who = decryptors ?? Array.from({ length: manifest.threshold }, (_, i) => i + 1);
  const partialDecryptions = who.map((j) => partialDecrypt(manifest, setup.secrets[j - 1] as TrusteeSecret, setup.shares[j - 1] as Hex, all));
  let offset = 0;
  const result = encryptedTally.map((t) => {
    const n = t.ciphertexts.length;
    const max = roll.filter((r) => r.group === t.group).reduce((s, r) => s + r.weight, 0);
    const slice = partialDecryptions.map((pd) => ({ ...pd, shares: pd.shares.slice(offset, offset + n), proofs: pd.proofs.slice(offset, offset + n) }));
    offset += n;
    return { group: t.group, counts: combineDecryption(manifest, t.ciphertexts, slice, max) };
  });
  return { manifest, trustees: setup.trustees, roll, board, encryptedTally, partialDecryptions, result };
}

/** A complete election: setup, the votes in cast order (a slot may vote again), close. */
export function simulateElection(opts: {
  electionId: string;
  choices: string[];
  minSelections: number;
  maxSelections: number;
  trustees: number;
  threshold: number;
  roll: RollEntry[];
  votes: { voterSlot: string; selections: number[] }[];
  decryptors?: number[];
}): { setup: ElectionSetup; record: ElectionRecord } {
  const setup = setupElection(opts);
  const ballots = opts.votes.map((v) => encryptBallot(setup.manifest, v.voterSlot, v.selections).ballot);
  const board = buildBoard(setup.manifest, ballots);
  return { setup, record: closeElection(setup, opts.roll, board, opts.decryptors) };
}
