// Ballot proofs accept honest ballots and reject every kind of tampering: a flipped challenge or response, a changed
// ciphertext, a choice worth 2, too many selections, a ballot replayed into another election or another slot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setupElection } from '../../../src/modules/governance/verifiable/simulate.ts';
import { auditBallot, encryptBallot, manifestHash, trackingCode, verifyBallot, verifyBallots, type EncryptedBallot } from '../../../src/modules/governance/verifiable/index.ts';
import { choiceContext, electionContext, sumContext } from '../../../src/modules/governance/verifiable/ballot.ts';
import { proveRange } from '../../../src/modules/governance/verifiable/proofs.ts';
import { Fn, G, encodeScalar, decodeScalar, randomScalar } from '../../../src/modules/governance/verifiable/group.ts';

const plurality = setupElection({ electionId: 'el-plurality', choices: ['Anna', 'Bruno', 'Carla'], minSelections: 1, maxSelections: 1, trustees: 2, threshold: 2 });
const m = plurality.manifest;
const other = setupElection({ electionId: 'el-other', choices: ['Anna', 'Bruno', 'Carla'], minSelections: 1, maxSelections: 1, trustees: 1, threshold: 1 }).manifest;

const clone = (b: EncryptedBallot): EncryptedBallot => structuredClone(b);
/** A different valid scalar encoding (x + 1 mod ℓ). */
const bump = (h: string): string => encodeScalar(Fn.add(decodeScalar(h), 1n));

test('an honest ballot verifies, and its tracking code is the hash of its canonical JSON', () => {
  const { ballot } = encryptBallot(m, 'slot-1', [0, 1, 0]);
  assert.deepEqual(verifyBallot(m, ballot), { ok: true });
  assert.equal(ballot.manifestHash, manifestHash(m));
  assert.match(trackingCode(ballot), /^[0-9a-f]{64}$/);
  assert.equal(trackingCode(ballot), trackingCode(JSON.parse(JSON.stringify(ballot)) as EncryptedBallot));
});

test('encryptBallot refuses ill-formed selections with a clear message', () => {
  assert.throws(() => encryptBallot(m, 's', [1, 1, 0]), /2 selections, but this election allows 1 to 1/);
  assert.throws(() => encryptBallot(m, 's', [0, 0, 0]), /0 selections/);
  assert.throws(() => encryptBallot(m, 's', [2, 0, 0]), /selection 0 must be 0 or 1/);
  assert.throws(() => encryptBallot(m, 's', [1, 0]), /expected 3, got 2/);
  assert.throws(() => encryptBallot(m, '', [1, 0, 0]), /voterSlot/);
});

test('tampered proofs are rejected: a branch challenge, a response, a commitment', () => {
  const { ballot } = encryptBallot(m, 'slot-1', [1, 0, 0]);
  const c = clone(ballot);
  const br = c.choiceProofs[1]!.branches[0]!;
  br.c = bump(br.c);
  assert.deepEqual(verifyBallot(m, c), { ok: false, reason: 'choice-proof' });
  const r = clone(ballot);
  r.choiceProofs[2]!.branches[1]!.r = bump(r.choiceProofs[2]!.branches[1]!.r);
  assert.deepEqual(verifyBallot(m, r), { ok: false, reason: 'choice-proof' });
  const s = clone(ballot);
  s.sumProof.branches[0]!.r = bump(s.sumProof.branches[0]!.r);
  assert.deepEqual(verifyBallot(m, s), { ok: false, reason: 'sum-proof' });
  // Both challenges moved so their sum still matches the hash: the group equations catch it.
  const both = clone(ballot);
  const [b0, b1] = both.choiceProofs[0]!.branches as [EncryptedBallot['choiceProofs'][0]['branches'][0], EncryptedBallot['choiceProofs'][0]['branches'][0]];
  b0.c = bump(b0.c);
  b1.c = encodeScalar(Fn.sub(decodeScalar(b1.c), 1n));
  assert.deepEqual(verifyBallot(m, both), { ok: false, reason: 'choice-proof' });
});

test('a changed ciphertext is rejected (swapped with another ballot’s, or re-randomised)', () => {
  const { ballot } = encryptBallot(m, 'slot-1', [1, 0, 0]);
  const { ballot: b2 } = encryptBallot(m, 'slot-1', [0, 1, 0]);
  const x = clone(ballot);
  x.ciphertexts[0] = b2.ciphertexts[0]!;
  assert.equal(verifyBallot(m, x).ok, false);
  const y = clone(ballot);
  y.ciphertexts[1] = { a: y.ciphertexts[1]!.a, b: b2.ciphertexts[1]!.b };
  assert.equal(verifyBallot(m, y).ok, false);
});

test('encodings: a non-canonical point, an unreduced scalar, a wrong length', () => {
  const { ballot } = encryptBallot(m, 'slot-1', [1, 0, 0]);
  const p = clone(ballot);
  p.ciphertexts[0]!.a = 'ff'.repeat(32);
  assert.deepEqual(verifyBallot(m, p), { ok: false, reason: 'bad-point' });
  const s = clone(ballot);
  s.choiceProofs[0]!.branches[0]!.r = 'ff'.repeat(32);
  assert.deepEqual(verifyBallot(m, s), { ok: false, reason: 'bad-scalar' });
  const l = clone(ballot);
  l.ciphertexts.pop();
  assert.deepEqual(verifyBallot(m, l), { ok: false, reason: 'wrong-length' });
  const u = clone(ballot);
  u.ciphertexts[0]!.a = u.ciphertexts[0]!.a.toUpperCase();
  assert.deepEqual(verifyBallot(m, u), { ok: false, reason: 'bad-point' });
  assert.deepEqual(verifyBallot(m, null as unknown as EncryptedBallot), { ok: false, reason: 'malformed' });
  assert.deepEqual(verifyBallot(m, { ...ballot, ciphertexts: 'x' } as unknown as EncryptedBallot), { ok: false, reason: 'malformed' });
});

test('a choice worth 2, forged by hand with a 0-or-1 proof, is rejected', () => {
  // Approval of any number: no sum proof, so the choice proof alone must catch it.
  const approval = { ...m, electionId: 'approval-any', minSelections: 0, maxSelections: 3 };
  const ctx = electionContext(approval);
  const { ballot, nonces } = encryptBallot(approval, 'slot-1', [1, 0, 0]);
  const r = decodeScalar(nonces[0]!);
  const A = G.multiply(r);
  const B = ctx.H.multiply(r).add(G.multiply(2n));
  const forged = clone(ballot);
  forged.ciphertexts[0] = { a: A.toHex(), b: B.toHex() };
  const enc = { a: A.toBytes(), b: B.toBytes() };
  // The prover claims 1 (the only way to run the protocol): the real branch's equation cannot hold.
  forged.choiceProofs[0] = proveRange(ctx.H, { A, B, values: [0, 1], context: choiceContext(ctx, 'slot-1', 0, enc) }, 1, r);
  assert.deepEqual(verifyBallot(approval, forged), { ok: false, reason: 'choice-proof' });
});

test('too many selections, forged by hand with a lying sum proof, are rejected', () => {
  const ctx = electionContext(m);
  const rs = [randomScalar(), randomScalar(), randomScalar()];
  const sel = [1, 1, 0];
  const pts = sel.map((v, i) => ({ A: G.multiply(rs[i]!), B: ctx.H.multiply(rs[i]!).add(v ? G : G.subtract(G)) }));
  const enc = pts.map((p) => ({ a: p.A.toBytes(), b: p.B.toBytes() }));
  const choiceProofs = sel.map((v, i) => proveRange(ctx.H, { A: pts[i]!.A, B: pts[i]!.B, values: [0, 1], context: choiceContext(ctx, 'slot-9', i, enc[i]!) }, v, rs[i]!));
  const A = pts.reduce((s, p) => s.add(p.A), G.subtract(G));
  const B = pts.reduce((s, p) => s.add(p.B), G.subtract(G));
  const R = rs.reduce((s, r) => Fn.add(s, r), 0n);
  const sumProof = proveRange(ctx.H, { A, B, values: [1], context: sumContext(ctx, 'slot-9', enc) }, 1, R);
  const forged: EncryptedBallot = { manifestHash: ctx.hash, voterSlot: 'slot-9', ciphertexts: pts.map((p) => ({ a: p.A.toHex(), b: p.B.toHex() })), choiceProofs, sumProof };
  assert.deepEqual(verifyBallot(m, forged), { ok: false, reason: 'sum-proof' });
});

test('a ballot replayed into another election or another voter slot is rejected', () => {
  const { ballot } = encryptBallot(m, 'slot-1', [0, 0, 1]);
  assert.deepEqual(verifyBallot(other, ballot), { ok: false, reason: 'manifest-mismatch' });
  const relabelled = { ...clone(ballot), manifestHash: manifestHash(other) };
  assert.equal(verifyBallot(other, relabelled).ok, false);
  const moved = { ...clone(ballot), voterSlot: 'slot-2' };
  assert.deepEqual(verifyBallot(m, moved), { ok: false, reason: 'choice-proof' });
});

test('batch verification names exactly the bad ballots among many', () => {
  const ballots = Array.from({ length: 12 }, (_, i) => encryptBallot(m, `s${i}`, [0, 0, 0].map((_, j) => (j === i % 3 ? 1 : 0))).ballot);
  const bad = ballots.map(clone);
  // A response is not hashed: this one passes the hash check and fails only in the batched group equations.
  bad[3]!.choiceProofs[0]!.branches[0]!.r = bump(bad[3]!.choiceProofs[0]!.branches[0]!.r);
  // Moved to another slot: fails its hash check before the batch.
  bad[8]!.voterSlot = 's3';
  const res = verifyBallots(m, bad);
  assert.deepEqual(
    res.map((r, i) => (r.ok ? null : i)).filter((x) => x !== null),
    [3, 8],
  );
});

test('Benaloh audit: an opened ballot re-encrypts to itself; a lie about the selections or nonces fails', () => {
  const { ballot, nonces } = encryptBallot(m, 'slot-1', [0, 1, 0]);
  assert.equal(auditBallot(m, { ballot, selections: [0, 1, 0], nonces }), true);
  assert.equal(auditBallot(m, { ballot, selections: [1, 0, 0], nonces }), false);
  assert.equal(auditBallot(m, { ballot, selections: [0, 1, 0], nonces: [nonces[1]!, nonces[0]!, nonces[2]!] }), false);
  assert.equal(auditBallot(m, { ballot, selections: [0, 1, 0], nonces: nonces.slice(1) }), false);
  assert.equal(auditBallot(other, { ballot, selections: [0, 1, 0], nonces }), false);
});

test('approval (0 to all) needs no sum proof; a yes/no/abstain resolution has one branch', () => {
  const approval = { ...m, electionId: 'approval', minSelections: 0, maxSelections: 3 };
  const { ballot } = encryptBallot(approval, 's', [1, 0, 1]);
  assert.equal(ballot.sumProof.branches.length, 0);
  assert.deepEqual(verifyBallot(approval, ballot), { ok: true });
  assert.equal(encryptBallot(m, 's', [1, 0, 0]).ballot.sumProof.branches.length, 1);
});

test('property: any well-formed selection of an up-to-2-of-4 election verifies and audits', () => {
  const m4 = { ...m, electionId: 'approval-4', choices: ['a', 'b', 'c', 'd'], minSelections: 1, maxSelections: 2 };
  const sel = fc.array(fc.constantFrom(0, 1), { minLength: 4, maxLength: 4 }).filter((s: number[]) => {
    const t = s.reduce((a: number, b: number) => a + b, 0);
    return t >= 1 && t <= 2;
  });
  fc.assert(
    fc.property(sel, fc.string({ minLength: 1, maxLength: 20 }), (s, slot) => {
      const { ballot, nonces } = encryptBallot(m4, slot, s);
      assert.equal(verifyBallot(m4, ballot).ok, true);
      assert.equal(auditBallot(m4, { ballot, selections: s, nonces }), true);
    }),
    { numRuns: 12 },
  );
});
