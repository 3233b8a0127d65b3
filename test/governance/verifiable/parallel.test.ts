// The CLI's way of reading a record — the board located in the bytes, checked in worker threads chunk by chunk, the
// rest parsed apart — gives exactly the checks of verifyElectionRecord on the parsed record, honest or tampered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordReadError, scanBoard, verifyElectionRecordBytes } from '../../../src/cli/verify-election.ts';
import { chainHash, manifestHash, trackingCode, verifyElectionRecord, type ElectionRecord } from '../../../src/modules/governance/verifiable/index.ts';
import { Fn, decodeScalar, encodeScalar } from '../../../src/modules/governance/verifiable/group.ts';
import { buildRecord } from './fixture.ts';

const { record } = buildRecord();

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

async function same(r: unknown, label: string): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(r));
  // Chunks of 7 entries: re-votes (entries 61–70) supersede entries of other chunks.
  const got = await verifyElectionRecordBytes(bytes, { threads: 2, parallelFrom: 1, chunkEntries: 7 });
  const want = verifyElectionRecord(r as ElectionRecord);
  assert.deepEqual(got.checks, want.checks, label);
  assert.equal(got.ok, want.ok, label);
}

test('honest and tampered records: the threaded, chunked verification equals the plain one', async () => {
  await same(record, 'honest');
  const t = (f: (r: ElectionRecord) => void, label: string) => {
    const r = structuredClone(record);
    f(r);
    return same(r, label);
  };
  await t((r) => {
    const br = r.board[10]!.ballot.choiceProofs[0]!.branches[1]!;
    br.r = encodeScalar(Fn.add(decodeScalar(br.r), 1n));
    rechain(r);
  }, 'bad proof');
  await t((r) => {
    r.board[4]!.ballot.ciphertexts[0] = r.board[9]!.ballot.ciphertexts[0]!;
  }, 'changed ballot');
  await t((r) => {
    r.board.push(structuredClone(r.board[5]!));
    rechain(r);
  }, 'duplicate');
  await t((r) => {
    r.roll[0]!.weight = 0;
    r.roll[6]!.group = 'new "group" ]}';
  }, 'weights and groups changed');
  await t((r) => {
    r.board[3]!.ballot.voterSlot = 'not-on-the-roll \\"[{';
    r.board[65]!.hash = 'xyz';
    (r.board as unknown[])[20] = 42;
  }, 'odd entries');
  await t((r) => {
    r.encryptedTally.reverse();
    r.result[0]!.counts[1] = 1;
  }, 'tally and result');
});

test('scanBoard finds the entries whatever the strings hold, and a broken file is a read error', async () => {
  const text = JSON.stringify({ a: ['board', { board: [1] }], board: [{ s: 'x"],[{' }, [1, 2], 'y\\', 3, null], z: '}' });
  const l = scanBoard(Buffer.from(text));
  assert.ok(l);
  assert.deepEqual(
    l.starts.map((s, i) => JSON.parse(text.slice(s, l.ends[i]))),
    [{ s: 'x"],[{' }, [1, 2], 'y\\', 3, null],
  );
  assert.equal(scanBoard(Buffer.from('{"board": [1,]}')), null);
  assert.equal(scanBoard(Buffer.from('{"board": [1, 2}')), null);
  await assert.rejects(verifyElectionRecordBytes(Buffer.from('{"manifest": '), { threads: 2, parallelFrom: 1 }), RecordReadError);
  const broken = JSON.stringify(record).replace('"seq":30,', '"seq":30,,');
  await assert.rejects(verifyElectionRecordBytes(Buffer.from(broken), { threads: 2, parallelFrom: 1, chunkEntries: 7 }), RecordReadError);
});
