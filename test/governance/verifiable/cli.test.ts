// `cooperando verify-election` as a child process: exit 0 and ✓ lines on the honest record, 1 and the failing check
// on a tampered one (also with the ballots checked in worker threads), 2 on a file that is not a record.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecord } from './fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'coop-verify-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { record } = buildRecord();

function run(file: string, ...extra: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', 'verify-election', file, ...extra], { encoding: 'utf8', cwd: join(import.meta.dirname, '..', '..', '..') });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('an honest record: every check ✓, exit 0', () => {
  const file = join(dir, 'good.json');
  writeFileSync(file, JSON.stringify(record));
  const r = run(file);
  assert.equal(r.code, 0, r.err + r.out);
  assert.match(r.out, /^✓ board: 70 entries numbered from 1, hash chain intact/m);
  assert.match(r.out, /^✓ result, group "ordinary": published counts equal the decrypted tally/m);
  assert.doesNotMatch(r.out, /^✗/m);
  assert.match(r.out, /All \d+ checks passed/);
});

test('a tampered record: the failing check ✗, exit 1 (ballots checked in worker threads)', () => {
  const bad = structuredClone(record);
  bad.board[4]!.ballot.ciphertexts[0] = bad.board[9]!.ballot.ciphertexts[0]!;
  bad.result[1]!.counts[0] = (bad.result[1]!.counts[0] ?? 0) + 5;
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(bad));
  // Each start of the CLI loads the whole platform (seconds on a busy machine): one run, in worker threads.
  const r = run(file, '--threads', '2');
  assert.equal(r.code, 1, r.err + r.out);
  assert.match(r.out, /^✗ board entry 5: tracking code is not the hash of its ballot/m);
  assert.match(r.out, /^✗ board entry 5: ballot proofs invalid/m);
  assert.match(r.out, /^✗ result, group "ordinary": published counts equal the decrypted tally — yes: published \d+, decrypted \d+/m);
  assert.match(r.out, /checks FAILED/);
});

test('a file that is not a record: a clear message, no stack trace, exit 2', () => {
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{"manifest": ');
  const r = run(file);
  assert.equal(r.code, 2);
  assert.match(r.err, /is not valid JSON/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});
