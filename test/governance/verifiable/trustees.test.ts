// The key ceremony (3 trustees k = 2, 5 trustees k = 3): every k-subset decrypts the tally, fewer cannot; a bad share
// is caught by its recipient; a wrong partial decryption is caught by its proof.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupElection } from '../../../src/modules/governance/verifiable/simulate.ts';
import {
  combineDecryption,
  createTrustee,
  encryptBallot,
  homomorphicTally,
  jointPublicKey,
  partialDecrypt,
  receiveShares,
  sharesFor,
  verificationKey,
  verifyPartialDecryption,
  verifyTrusteeCommitment,
  type PartialDecryption,
} from '../../../src/modules/governance/verifiable/index.ts';
import { G, decodeScalar, encodeScalar, Fn } from '../../../src/modules/governance/verifiable/group.ts';

function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsets(n - 1, k - 1).map((s) => [...s, n]), ...subsets(n - 1, k)];
}

for (const [n, k] of [
  [3, 2],
  [5, 3],
] as const) {
  test(`${n} trustees, threshold ${k}: any ${k} decrypt the weighted tally, each proven; ${k - 1} are not enough`, () => {
    const setup = setupElection({ electionId: `ceremony-${n}-${k}`, choices: ['yes', 'no', 'abstain'], minSelections: 1, maxSelections: 1, trustees: n, threshold: k });
    const { manifest, trustees, secrets, shares } = setup;
    // Verification keys computed by anyone from the commitments equal G·s_j.
    shares.forEach((s, i) => assert.equal(verificationKey(trustees, i + 1), G.multiply(decodeScalar(s)).toHex()));
    const votes = [
      { sel: [1, 0, 0], w: 3 },
      { sel: [0, 1, 0], w: 1 },
      { sel: [1, 0, 0], w: 5 },
      { sel: [0, 0, 1], w: 2 },
    ];
    const cts = homomorphicTally(
      manifest,
      votes.map((v, i) => ({ ballot: encryptBallot(manifest, `v${i}`, v.sel).ballot, weight: v.w })),
    );
    const partials = secrets.map((sec, i) => partialDecrypt(manifest, sec, shares[i]!, cts));
    partials.forEach((pd) => assert.equal(verifyPartialDecryption(manifest, verificationKey(trustees, pd.trustee), cts, pd), true));
    for (const subset of subsets(n, k)) {
      const chosen = subset.map((j) => partials[j - 1]!);
      assert.deepEqual(combineDecryption(manifest, cts, chosen, 11), [8, 1, 2], `trustees ${subset.join(',')}`);
    }
    assert.throws(() => combineDecryption(manifest, cts, partials.slice(0, k - 1), 11), /needed/);
    // k−1 partials and a repeated one are still k−1 trustees.
    if (k > 1) assert.throws(() => combineDecryption(manifest, cts, [...partials.slice(0, k - 1), partials[0]!], 11), /needed/);
  });
}

test('commitments: a proof of knowledge is bound to its election and index; wrong counts and points are refused', () => {
  const { commitment } = createTrustee(2, 3, 2, 'el-A');
  assert.equal(verifyTrusteeCommitment(commitment, 2, 'el-A'), true);
  assert.equal(verifyTrusteeCommitment(commitment, 2, 'el-B'), false);
  assert.equal(verifyTrusteeCommitment({ ...commitment, index: 3 }, 2, 'el-A'), false);
  assert.equal(verifyTrusteeCommitment(commitment, 3, 'el-A'), false);
  assert.equal(verifyTrusteeCommitment({ ...commitment, commitments: ['ff'.repeat(32), commitment.commitments[1]!] }, 2, 'el-A'), false);
  assert.equal(verifyTrusteeCommitment({ ...commitment, proof: { ...commitment.proof, r: encodeScalar(Fn.add(decodeScalar(commitment.proof.r), 1n)) } }, 2, 'el-A'), false);
  assert.throws(() => createTrustee(4, 3, 2, 'el-A'), /index/);
  assert.throws(() => createTrustee(1, 3, 4, 'el-A'), /threshold/);
});

test('receiveShares: a tampered, missing or inconsistent share names its sender', () => {
  const made = [1, 2, 3].map((i) => createTrustee(i, 3, 2, 'el-shares'));
  const all = made.map((t) => t.commitment);
  const sent = made.flatMap((t) => sharesFor(t.secret, all));
  assert.equal(sent.length, 6);
  const me = made[0]!.secret;
  const good = receiveShares(me, all, sent);
  assert.equal(good.ok, true);
  // Flip one bit of the share trustee 2 sent to trustee 1.
  const tampered = sent.map((s) => (s.from === 2 && s.to === 1 ? { ...s, ciphertext: (s.ciphertext[0] === '0' ? '1' : '0') + s.ciphertext.slice(1) } : s));
  assert.deepEqual(receiveShares(me, all, tampered), { ok: false, badFrom: [2] });
  // Trustee 3 sends trustee 1 a share computed from another polynomial than the one it committed to.
  const impostor = createTrustee(3, 3, 2, 'el-shares');
  const forged = sharesFor(impostor.secret, all).find((s) => s.to === 1)!;
  assert.deepEqual(receiveShares(me, all, sent.map((s) => (s.from === 3 && s.to === 1 ? forged : s))), { ok: false, badFrom: [3] });
  assert.deepEqual(receiveShares(me, all, sent.filter((s) => !(s.from === 2 && s.to === 1))), { ok: false, badFrom: [2] });
  assert.equal(jointPublicKey(all).length, 64);
});

test('a wrong partial decryption is caught: another share, another key, a changed share point', () => {
  const setup = setupElection({ electionId: 'el-pd', choices: ['yes', 'no'], minSelections: 1, maxSelections: 1, trustees: 3, threshold: 2 });
  const { manifest, trustees, secrets, shares } = setup;
  const cts = homomorphicTally(manifest, [{ ballot: encryptBallot(manifest, 'a', [1, 0]).ballot, weight: 1 }]);
  const vk1 = verificationKey(trustees, 1);
  const honest = partialDecrypt(manifest, secrets[0]!, shares[0]!, cts);
  assert.equal(verifyPartialDecryption(manifest, vk1, cts, honest), true);
  // Trustee 1 decrypting with trustee 2's share (or a made-up one) fails against trustee 1's key.
  assert.equal(verifyPartialDecryption(manifest, vk1, cts, partialDecrypt(manifest, secrets[0]!, shares[1]!, cts)), false);
  assert.equal(verifyPartialDecryption(manifest, vk1, cts, partialDecrypt(manifest, secrets[0]!, encodeScalar(12345n), cts)), false);
  const swapped: PartialDecryption = { ...honest, shares: [honest.shares[1]!, honest.shares[0]!] };
  assert.equal(verifyPartialDecryption(manifest, vk1, cts, swapped), false);
  assert.equal(verifyPartialDecryption(manifest, vk1, cts, { ...honest, trustee: 2 }), false);
  assert.equal(verifyPartialDecryption(manifest, vk1, cts, { ...honest, shares: ['zz', honest.shares[1]!] }), false);
});

test('baby-step giant-step finds counts up to millions', () => {
  const setup = setupElection({ electionId: 'el-big', choices: ['yes', 'no'], minSelections: 1, maxSelections: 1, trustees: 1, threshold: 1 });
  const { manifest, secrets, shares } = setup;
  const cts = homomorphicTally(manifest, [
    { ballot: encryptBallot(manifest, 'a', [1, 0]).ballot, weight: 2_345_678 },
    { ballot: encryptBallot(manifest, 'b', [0, 1]).ballot, weight: 4_000_000 },
  ]);
  const pd = partialDecrypt(manifest, secrets[0]!, shares[0]!, cts);
  assert.deepEqual(combineDecryption(manifest, cts, [pd], 15_000_000), [2_345_678, 4_000_000]);
  assert.throws(() => combineDecryption(manifest, cts, [pd], 3_000_000), /does not decrypt to a count/);
});
