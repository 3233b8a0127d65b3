// Password hashing and policy (no database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dummyVerify, generatePassword, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../src/modules/identity/password.ts';

test('argon2id with the OWASP parameters, salted, verifiable', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(a, b, 'each hash has its own salt');
  assert.equal(await verifyPassword(a, 'correct horse battery'), true);
  assert.equal(await verifyPassword(a, 'correct horse batterY'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false, 'a malformed hash is a mismatch, not a crash');
  assert.equal(needsRehash(a), false);
  assert.equal(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'), true);
});

test('the dummy verification costs about as much as a real one', async () => {
  const h = await hashPassword('correct horse battery');
  await dummyVerify('warm up');
  const time = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) await fn();
    return Number(process.hrtime.bigint() - start) / 5e6;
  };
  const real = await time(() => verifyPassword(h, 'wrong password'));
  const dummy = await time(() => dummyVerify('wrong password'));
  assert.equal(await dummyVerify('anything'), false);
  assert.ok(dummy > real / 3 && dummy < real * 3, `real ${real.toFixed(1)} ms, dummy ${dummy.toFixed(1)} ms`);
});

test('policy: at least 10 characters (counted as code points), at most 1024', () => {
  assert.equal(passwordProblem('123456789'), 'identity.password.too-short');
  assert.equal(passwordProblem('1234567890'), null);
  assert.equal(passwordProblem('🔑🔑🔑🔑🔑🔑🔑🔑🔑'), 'identity.password.too-short');
  assert.equal(passwordProblem('x'.repeat(1025)), 'identity.password.too-long');
});

test('generated passwords are long, varied and pass the policy', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const p = generatePassword();
    assert.equal(p.length, 20);
    assert.match(p, /^[a-km-zA-HJ-NP-Z2-9]+$/);
    assert.equal(passwordProblem(p), null);
    seen.add(p);
  }
  assert.equal(seen.size, 50);
});
