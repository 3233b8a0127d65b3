// The verifier's own ristretto255 decoding and multi-scalar multiplication against noble's: same points accepted
// (with the same Edwards representative), same encodings refused, same sums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { EncodingError, G, bytesToHex, decodePoint, randomScalar, randomShortScalar, type Point } from '../../../src/modules/governance/verifiable/group.ts';
import { msm } from '../../../src/modules/governance/verifiable/msm.ts';

const noble = (hex: string): Point | null => {
  try {
    return ristretto255.Point.fromHex(hex);
  } catch {
    return null;
  }
};
const ours = (hex: string): Point | null => {
  try {
    return decodePoint(hex);
  } catch (e) {
    assert.ok(e instanceof EncodingError && e.code === 'bad-point');
    return null;
  }
};
// `ep` is protected in noble's types; the test compares the representatives themselves.
const rep = (q: Point) => (q as unknown as { ep: { X: bigint; Y: bigint; Z: bigint; T: bigint } }).ep;

test('decodePoint agrees with noble on valid points, random bytes and edge encodings', () => {
  const inputs: string[] = ['00'.repeat(32), G.toHex()];
  for (let i = 0; i < 150; i++) inputs.push(G.multiply(randomScalar()).toHex());
  for (let i = 0; i < 400; i++) {
    const b = crypto.getRandomValues(new Uint8Array(32));
    if (i % 2 === 0) b[0] = (b[0] as number) & 0xfe; // even s: past the first check
    if (i % 4 === 0) b[31] = (b[31] as number) & 0x7f;
    inputs.push(bytesToHex(b));
  }
  // Around p (p − 1 is even but not a square’s encoding; p and above are not canonical), small values, the top bit.
  const le = (x: bigint) => bytesToHex(Uint8Array.from({ length: 32 }, (_, i) => Number((x >> BigInt(8 * i)) & 0xffn)));
  const p = 2n ** 255n - 19n;
  inputs.push(le(p - 1n), le(p), le(p + 1n), le(2n ** 255n - 2n), le(1n), le(2n));
  const gb = G.toBytes();
  gb[31] = (gb[31] as number) | 0x80;
  inputs.push(bytesToHex(gb));
  let valid = 0;
  for (const h of inputs) {
    const a = noble(h);
    const b = ours(h);
    assert.equal(b === null, a === null, h);
    if (a && b) {
      valid++;
      assert.deepEqual(rep(b), rep(a), h);
      assert.equal(b.toHex(), h);
    }
  }
  assert.ok(valid > 150);
});

test('msm equals the sum of separate multiplications (short, full and zero scalars; affine and projective points)', () => {
  for (const n of [1, 2, 3, 9, 40, 300]) {
    const points = Array.from({ length: n }, (_, i) => {
      const q = G.multiply(randomScalar());
      return i % 2 ? q.add(G) : decodePoint(q.toHex());
    });
    const scalars = points.map((_, i) => (i % 5 === 4 ? 0n : i % 3 ? randomShortScalar() : randomScalar()));
    const want = points.reduce((s, q, i) => (scalars[i] === 0n ? s : s.add(q.multiplyUnsafe(scalars[i] as bigint))), ristretto255.Point.ZERO);
    assert.ok(msm(points, scalars).equals(want), `n = ${n}`);
  }
});
