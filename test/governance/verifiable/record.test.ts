// A full simulated election (3 trustees k = 2, 60 voters with weights 1..5 in two groups, re-votes) whose record
// passes the verifier, and the same record tampered in each way that matters, each caught by a named check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateElection, buildBoard } from '../../../src/modules/governance/verifiable/simulate.ts';
import { chainHash, manifestHash, partialDecrypt, trackingCode, verifyElectionRecord, type ElectionRecord, type RecordVerification } from '../../../src/modules/governance/verifiable/index.ts';
import { Fn, decodeScalar, encodeScalar } from '../../../src/modules/governance/verifiable/group.ts';
import { buildRecord } from './fixture.ts';

const { record, setup, expected } = buildRecord();

const failing = (v: RecordVerification): string[] => v.checks.filter((c) => !c.ok).map((c) => c.check);
const copy = (): ElectionRecord => structuredClone(record);
/** Re-numbers and re-chains the board after an edit, as a dishonest server would to hide it. */
function rechain(r: ElectionRecord): void {
  const mh = manifestHash(r.manifest);
  let prev: string | null = null;
  r.board.forEach((e, i) => {
    e.seq = i + 1;
    e.trackingCode = trackingCode(e.ballot);
    prev = chainHash(prev, mh, e.trackingCode);
    e.hash = prev;
  });
}

test('the honest record verifies, and its result is the weighted count of the last ballot of each slot', () => {
  const v = verifyElectionRecord(record);
  assert.deepEqual(failing(v), []);
  assert.equal(v.ok, true);
  assert.deepEqual(record.result, expected);
  assert.ok(v.checks.some((c) => c.check.startsWith('count: the last ballot of each slot counts (60 of 70')));
});

test('a ballot with an invalid proof, even re-chained, is caught', () => {
  const r = copy();
  const br = r.board[10]!.ballot.choiceProofs[0]!.branches[1]!;
  br.r = encodeScalar(Fn.add(decodeScalar(br.r), 1n));
  rechain(r);
  const f = failing(verifyElectionRecord(r));
  assert.ok(f.includes('board entry 11: ballot proofs invalid'), f.join('\n'));
});

test('a duplicated ballot is caught', () => {
  const r = copy();
  r.board.push(structuredClone(r.board[5]!));
  rechain(r);
  const f = failing(verifyElectionRecord(r));
  assert.ok(f.includes('board entry 71: duplicate of board entry 6'), f.join('\n'));
});

test('a ballot changed on the board is caught (tracking code; and the chain when the code is updated)', () => {
  const r = copy();
  const other = r.board[20]!.ballot;
  r.board[7]!.ballot = { ...structuredClone(other), voterSlot: r.board[7]!.ballot.voterSlot };
  let f = failing(verifyElectionRecord(r));
  assert.ok(f.includes('board entry 8: tracking code is not the hash of its ballot'), f.join('\n'));
  r.board[7]!.trackingCode = trackingCode(r.board[7]!.ballot);
  f = failing(verifyElectionRecord(r));
  assert.ok(f.includes('board entry 8: hash does not chain'), f.join('\n'));
});

test('a dropped ballot is caught: numbering and chain, and the tally no longer matches', () => {
  const r = copy();
  r.board.splice(31, 1); // slot-031's only ballot
  const f = failing(verifyElectionRecord(r));
  assert.ok(f.includes('board entry 32: numbered 32'), f.join('\n'));
  assert.ok(f.includes('board entry 32: hash does not chain'), f.join('\n'));
  // Re-chained, the drop is invisible in the chain, but the published tally does not match the board.
  rechain(r);
  const g = failing(verifyElectionRecord(r));
  assert.ok(g.some((c) => /^encrypted tally, group "\w+": equals the weighted sum/.test(c)), g.join('\n'));
});

test('a wrong partial decryption is caught, and the threshold then fails', () => {
  const r = copy();
  const all = r.encryptedTally.flatMap((t) => t.ciphertexts);
  // Trustee 3 decrypts with trustee 2's share.
  r.partialDecryptions[1] = { ...partialDecrypt(r.manifest, setup.secrets[2]!, setup.shares[1]!, all), trustee: 3 };
  const f = failing(verifyElectionRecord(r));
  assert.ok(f.includes('partial decryption of trustee 3: every share proven against its verification key'), f.join('\n'));
  assert.ok(f.some((c) => c.startsWith('threshold')), f.join('\n'));
});

test('a changed result is caught, naming the group and the choice', () => {
  const r = copy();
  r.result[0]!.counts[1] = (r.result[0]!.counts[1] ?? 0) + 1;
  const v = verifyElectionRecord(r);
  const bad = v.checks.filter((c) => !c.ok);
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.check, `result, group "${r.result[0]!.group}": published counts equal the decrypted tally`);
  assert.match(bad[0]!.detail ?? '', /no: published \d+, decrypted \d+/);
});

test('weights come from the roll: a changed weight breaks the tally; a slot off the roll is named', () => {
  const r = copy();
  r.roll[0]!.weight += 1;
  assert.ok(failing(verifyElectionRecord(r)).some((c) => c.startsWith('encrypted tally')));
  const s = copy();
  s.roll = s.roll.filter((e) => e.voterSlot !== s.board[0]!.ballot.voterSlot);
  assert.ok(failing(verifyElectionRecord(s)).includes('board entry 1: voter slot is not on the roll'));
});

test('a manifest whose key is not the trustees’ joint key is caught; garbage never throws', () => {
  const r = copy();
  r.manifest = { ...r.manifest, publicKey: r.trustees[0]!.commitments[0]! };
  assert.ok(failing(verifyElectionRecord(r)).includes('election key = sum of the trustees’ constant-term commitments'));
  assert.equal(verifyElectionRecord({} as ElectionRecord).ok, false);
  assert.equal(verifyElectionRecord(null as unknown as ElectionRecord).ok, false);
  const g = copy();
  (g.board[3] as unknown as { ballot: unknown }).ballot = 'x';
  assert.equal(verifyElectionRecord(g).ok, false);
});

test('a decryption by another pair of trustees gives the same verified result', () => {
  const { record: r2 } = simulateElection({
    electionId: 'small',
    choices: ['yes', 'no'],
    minSelections: 1,
    maxSelections: 1,
    trustees: 3,
    threshold: 2,
    roll: [
      { voterSlot: 'a', weight: 1, group: 'g' },
      { voterSlot: 'b', weight: 2, group: 'g' },
    ],
    votes: [
      { voterSlot: 'a', selections: [1, 0] },
      { voterSlot: 'b', selections: [1, 0] },
    ],
    decryptors: [2, 3],
  });
  assert.equal(verifyElectionRecord(r2).ok, true);
  assert.deepEqual(r2.result, [{ group: 'g', counts: [3, 0] }]);
  assert.equal(buildBoard(r2.manifest, []).length, 0);
});
