// `cooperando verify-election RECORD.json`: the independent verifier of a verifiable secret ballot. It checks the
// exported election record (format in docs/election-record.md) using nothing but the record — every proof, the
// board's chain, the roll, the weights, the tally, the decryption — and prints each check with ✓ or ✗.
// Exit code 0 when every check passes, 1 when any fails, 2 when the file cannot be read as a record. Needs no
// database. The ballots' proofs (the bulk of the work) are checked on all cores with worker threads; this same
// file is the worker's entry point.
//
// How a large record is read (a 100,000-ballot, 5-choice record is ~415 MiB of JSON, near V8's 512 MiB string
// limit): the file goes into one SharedArrayBuffer, which every thread sees without a copy. This thread scans the
// bytes once for the board array's entries (strings and nesting tracked, nothing parsed) and parses everything else
// — manifest, trustees, roll, tally, decryptions — as a small document. Worker threads, started once, take the
// board in chunks of a few hundred entries: each parses its chunk's bytes, checks every tracking code and proof
// (batched), sums the chunk's counted ballots by group, and sends back the checks, the tracking codes, the sums and
// each entry's head (seq, hash, tracking code, slot). The chain, roll, duplicate and counting checks then run here
// on the heads. No string the size of the whole board is ever built.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Command } from 'commander';
import {
  addCiphertexts,
  boardEntryHead,
  checkBoardSlice,
  countingPlanOfSlots,
  verifyElectionRecord,
  type BallotCheck,
  type BoardEntry,
  type BoardEntryHead,
  type BoardWork,
  type Ciphertext,
  type CountedEntry,
  type ElectionManifest,
  type ElectionRecord,
  type Hex,
  type RecordVerification,
  type RollEntry,
} from '../modules/governance/verifiable/index.ts';
import { decodePoint, encodePoint, mulPublic } from '../modules/governance/verifiable/group.ts';

interface PoolInit {
  kind: 'cooperando-verify-election-pool';
  bytes: Uint8Array;
  manifest: ElectionManifest;
  roll: RollEntry[];
}
interface ChunkJob {
  id: number;
  /** Byte range of the chunk's entries (with the commas between them) in `bytes`. */
  start: number;
  end: number;
}
type ChunkResult =
  | { id: number; ok: true; work: BoardWork; heads: BoardEntryHead[]; summed: boolean[] }
  | { id: number; ok: false; error: string };

if (!isMainThread && (workerData as PoolInit | undefined)?.kind === 'cooperando-verify-election-pool') {
  const init = workerData as PoolInit;
  const bytes = Buffer.from(init.bytes.buffer, init.bytes.byteOffset, init.bytes.byteLength);
  parentPort?.on('message', (job: ChunkJob) => {
    let entries: BoardEntry[];
    try {
      entries = JSON.parse(`[${bytes.toString('utf8', job.start, job.end)}]`) as BoardEntry[];
    } catch (e) {
      parentPort?.postMessage({ id: job.id, ok: false, error: (e as Error).message } satisfies ChunkResult);
      return;
    }
    // Counted within the chunk: the last entry of each slot of the roll. An entry superseded only by a later chunk
    // is corrected by the main thread (see mergeChunks).
    const plan = countingPlanOfSlots(init.roll, entries.map((e) => e?.ballot?.voterSlot));
    const work = checkBoardSlice(init.manifest, entries, plan);
    const summed = plan.map((c, i) => c !== null && work.checks[i]?.ok === true && Number.isSafeInteger(c.weight) && c.weight > 0);
    parentPort?.postMessage({ id: job.id, ok: true, work, heads: entries.map(boardEntryHead), summed } satisfies ChunkResult);
  });
}

/** Below this many board entries the thread start-up costs more than it saves. */
const PARALLEL_FROM = 400;
/** Entries per chunk handed to a worker: enough to fill the batched MSM (256), small enough to balance the threads. */
const CHUNK_ENTRIES = 512;

/** A file or text that is not JSON of a record (exit code 2). */
export class RecordReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordReadError';
  }
}

/** The top-level "board" array located in the record's bytes: its brackets and each entry's byte range. */
interface BoardLayout {
  open: number;
  close: number;
  starts: number[];
  ends: number[];
}

// The bytes the scanner looks at.
const B = { QUOTE: 0x22, BACKSLASH: 0x5c, COMMA: 0x2c, COLON: 0x3a, LBRACE: 0x7b, RBRACE: 0x7d, LBRACKET: 0x5b, RBRACKET: 0x5d } as const;
const BOARD_KEY = Buffer.from('board');

/** Scans JSON bytes (strings skipped with indexOf, escapes honoured) for the value of the top-level key "board" when
 * it is an array, and the byte range of each of its entries. Null when there is none or the nesting is broken; the
 * caller then parses the whole text, which reports any JSON error. */
export function scanBoard(bytes: Buffer): BoardLayout | null {
  let depth = 0;
  let keyAt1: [number, number] | null = null; // the last key string read at depth 1
  let expectKey = false;
  let layout: BoardLayout | null = null;
  let inBoard: BoardLayout | null = null;
  let entryStart = -1;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number;
    if (c === B.QUOTE) {
      let j = i;
      for (;;) {
        j = bytes.indexOf(B.QUOTE, j + 1);
        if (j < 0) return null;
        let k = j - 1;
        while (bytes[k] === B.BACKSLASH) k--;
        if ((j - 1 - k) % 2 === 0) break; // an even number of backslashes: the quote is not escaped
      }
      if (depth === 1 && expectKey) {
        keyAt1 = [i + 1, j];
        expectKey = false;
      }
      if (inBoard && depth === 2 && entryStart < 0) entryStart = i;
      i = j;
      continue;
    }
    if (c === B.LBRACE || c === B.LBRACKET) {
      if (inBoard && depth === 2 && entryStart < 0) entryStart = i;
      depth++;
      if (depth === 1) {
        if (c !== B.LBRACE) return null;
        expectKey = true;
      } else if (depth === 2 && c === B.LBRACKET && keyAt1 && bytes.subarray(keyAt1[0], keyAt1[1]).equals(BOARD_KEY)) {
        inBoard = { open: i, close: -1, starts: [], ends: [] };
        entryStart = -1;
      }
      continue;
    }
    if (c === B.RBRACE || c === B.RBRACKET) {
      if (inBoard && depth === 2) {
        if (c !== B.RBRACKET) return null;
        if (entryStart >= 0) {
          inBoard.starts.push(entryStart);
          inBoard.ends.push(i);
        } else if (inBoard.starts.length > 0) return null; // a trailing comma
        inBoard.close = i;
        layout = inBoard; // a later "board" key wins, as in JSON.parse
        inBoard = null;
      }
      depth--;
      if (depth < 0) return null;
      continue;
    }
    if (c === B.COMMA) {
      if (depth === 1) expectKey = true;
      else if (inBoard && depth === 2) {
        if (entryStart < 0) return null; // an empty element
        inBoard.starts.push(entryStart);
        inBoard.ends.push(i);
        entryStart = -1;
      }
      continue;
    }
    // Any other byte outside a string: whitespace, a colon, or part of a number, true, false, null.
    if (inBoard && depth === 2 && entryStart < 0 && c > 0x20 && c !== B.COLON) entryStart = i;
  }
  return depth === 0 ? layout : null;
}

/** Reads a file into shared memory (the worker threads read it in place). */
export function readShared(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const got = readSync(fd, bytes, at, size - at, at);
      if (got === 0) break;
      at += got;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** The whole file as one string: beyond V8's string limit (~512 MiB) only when the board could not be located. */
function wholeText(bytes: Buffer): string {
  try {
    return bytes.toString('utf8');
  } catch (e) {
    throw new RecordReadError(`too large to read as one string, and no top-level "board" list was found in it (${(e as Error).message})`);
  }
}

function parseText(text: string): ElectionRecord {
  try {
    return JSON.parse(text) as ElectionRecord;
  } catch (e) {
    throw new RecordReadError(`not valid JSON: ${(e as Error).message}`);
  }
}

const isRecordShape = (r: unknown): r is ElectionRecord =>
  typeof r === 'object' && r !== null && !Array.isArray(r) && typeof (r as ElectionRecord).manifest === 'object' && Array.isArray((r as ElectionRecord).board);

/** Verifies a record given as JSON bytes (best in a SharedArrayBuffer: the threads then share it without a copy).
 * The board's entries are checked in `threads` worker threads, in chunks; boards smaller than `parallelFrom` entries
 * are checked in this thread. Throws RecordReadError when the bytes are not JSON of a record. */
export async function verifyElectionRecordBytes(
  input: Uint8Array,
  opts: { threads?: number; parallelFrom?: number; chunkEntries?: number } = {},
): Promise<RecordVerification & { ballots: number }> {
  const threads = opts.threads ?? availableParallelism();
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const layout = scanBoard(bytes);
  const small = !layout || threads <= 1 || layout.starts.length < (opts.parallelFrom ?? PARALLEL_FROM);
  if (small) {
    // The whole text as one string: fine below V8's string limit, and the only way to report a JSON error's place.
    const record = parseText(wholeText(bytes));
    if (!isRecordShape(record)) throw new RecordReadError('not an election record (no manifest or board)');
    return { ...verifyElectionRecord(record), ballots: record.board.length };
  }
  // Everything but the board, as a small document (the board replaced by an empty list).
  const rest = parseText(`${bytes.toString('utf8', 0, layout.open)}[]${bytes.toString('utf8', layout.close + 1)}`);
  if (!isRecordShape(rest)) throw new RecordReadError('not an election record (no manifest or board)');
  // A second "board" key spelt with escapes would win in JSON.parse: then read it the simple way.
  if (rest.board.length !== 0 || !Array.isArray(rest.roll) || typeof rest.manifest !== 'object' || rest.manifest === null) {
    const record = parseText(wholeText(bytes));
    if (!isRecordShape(record)) throw new RecordReadError('not an election record (no manifest or board)');
    return { ...verifyElectionRecord(record), ballots: record.board.length };
  }
  const parts = await checkBoardInThreads(input, layout, rest, threads, opts.chunkEntries ?? CHUNK_ENTRIES);
  return { ...verifyElectionRecord(rest, { boardWork: parts.work, boardHeads: parts.heads }), ballots: parts.heads.length };
}

async function checkBoardInThreads(input: Uint8Array, layout: BoardLayout, rest: ElectionRecord, threads: number, chunkEntries: number): Promise<{ work: BoardWork; heads: BoardEntryHead[] }> {
  const shared = input.buffer instanceof SharedArrayBuffer ? input : (() => {
    const copy = new Uint8Array(new SharedArrayBuffer(input.byteLength));
    copy.set(input);
    return copy;
  })();
  const total = layout.starts.length;
  const jobs: (ChunkJob & { first: number; count: number })[] = [];
  for (let first = 0, id = 0; first < total; first += chunkEntries, id++) {
    const last = Math.min(total, first + chunkEntries) - 1;
    jobs.push({ id, start: layout.starts[first] as number, end: layout.ends[last] as number, first, count: last - first + 1 });
  }
  const results: Extract<ChunkResult, { ok: true }>[] = new Array(jobs.length);
  const roll = rest.roll;
  const init: PoolInit = { kind: 'cooperando-verify-election-pool', bytes: shared, manifest: rest.manifest, roll };
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(new URL(import.meta.url), { workerData: init }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              const job = jobs[next++];
              if (!job) return resolve();
              w.postMessage({ id: job.id, start: job.start, end: job.end } satisfies ChunkJob);
            };
            w.on('message', (m: ChunkResult) => {
              if (!m.ok) return reject(new RecordReadError(`not valid JSON in board entries ${(jobs[m.id]?.first ?? 0) + 1}–: ${m.error}`));
              const job = jobs[m.id];
              if (!job || m.heads.length !== job.count) return reject(new RecordReadError(`board chunk ${m.id}: ${m.heads.length} entries, expected ${job?.count}`));
              results[m.id] = m;
              feed();
            });
            w.once('error', reject);
            w.once('exit', (code) => {
              if (code !== 0) reject(new Error(`verifier thread exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return mergeChunks(shared, layout, rest, results);
}

/** Joins the chunks in board order. A chunk summed the last entry of each slot within itself; an entry superseded by
 * a later chunk (a re-vote far apart) was summed too, so it is taken back out of its group's sum here (points add, so
 * the result is the very sum of the counted ballots). */
function mergeChunks(bytes: Uint8Array, layout: BoardLayout, rest: ElectionRecord, results: readonly Extract<ChunkResult, { ok: true }>[]): { work: BoardWork; heads: BoardEntryHead[] } {
  const heads: BoardEntryHead[] = [];
  const checks: BallotCheck[] = [];
  const trackingCodes: (Hex | null)[] = [];
  const summed: boolean[] = [];
  const tally = new Map<string, Ciphertext[]>();
  for (const r of results) {
    for (const h of r.heads) heads.push(h);
    for (const c of r.work.checks) checks.push(c);
    for (const t of r.work.trackingCodes) trackingCodes.push(t);
    for (const s of r.summed) summed.push(s);
    for (const t of r.work.tally) {
      const prev = tally.get(t.group);
      tally.set(t.group, prev ? addCiphertexts(prev, t.ciphertexts) : t.ciphertexts);
    }
  }
  const plan: (CountedEntry | null)[] = countingPlanOfSlots(rest.roll, heads.map((h) => h.voterSlot));
  // The slot's roll entry as countingPlan reads it (a slot listed twice: the later line).
  const roll = new Map<string, RollEntry>();
  for (const r of rest.roll) if (r && typeof r.voterSlot === 'string') roll.set(r.voterSlot, r);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  summed.forEach((s, i) => {
    if (!s || plan[i] !== null) return;
    const on = roll.get(heads[i]?.voterSlot as string) as RollEntry;
    const entry = JSON.parse(buf.toString('utf8', layout.starts[i] as number, layout.ends[i] as number)) as BoardEntry;
    const sum = tally.get(on.group) as Ciphertext[];
    const w = BigInt(on.weight);
    const minus = (x: Hex, y: Hex): Hex => encodePoint(decodePoint(x).subtract(mulPublic(decodePoint(y), w)));
    tally.set(
      on.group,
      sum.map((c, k) => {
        const x = entry.ballot.ciphertexts[k] as Ciphertext;
        return { a: minus(c.a, x.a), b: minus(c.b, x.b) };
      }),
    );
  });
  // The groups checkBoardSlice over the whole board would list, in the same order: those of the counted entries whose
  // proofs hold (weight 0 included), by first such entry.
  const zero = encodePoint(decodePoint('00'.repeat(32)));
  const n = Array.isArray(rest.manifest.choices) ? rest.manifest.choices.length : 0;
  const groups: string[] = [];
  const listed = new Set<string>();
  plan.forEach((c, i) => {
    if (c && checks[i]?.ok && Number.isSafeInteger(c.weight) && c.weight >= 0 && !listed.has(c.group)) {
      listed.add(c.group);
      groups.push(c.group);
    }
  });
  const merged = groups.map((group) => ({ group, ciphertexts: tally.get(group) ?? Array.from({ length: n }, () => ({ a: zero, b: zero })) }));
  return { heads, work: { checks, trackingCodes, tally: merged } };
}

/** verifyElectionRecord of a parsed record, with the board checked in worker threads (via its JSON bytes). */
export async function verifyElectionRecordParallel(record: ElectionRecord, threads = availableParallelism(), parallelFrom = PARALLEL_FROM): Promise<RecordVerification> {
  if (!Array.isArray(record?.board) || threads <= 1 || record.board.length < parallelFrom) return verifyElectionRecord(record);
  return verifyElectionRecordBytes(Buffer.from(JSON.stringify(record)), { threads, parallelFrom });
}

export function registerVerifyElectionCommand(program: Command): void {
  program
    .command('verify-election')
    .argument('<record>', 'election record exported by the platform (JSON, format cooperando-evote/1)')
    .description('verify a secret ballot end to end from its published record: every proof, the board, the roll, the tally, the decryption')
    .option('--json', 'print the checks as JSON')
    .option('--threads <n>', 'worker threads for the ballots’ proofs (default: the number of cores)')
    .action(async (file: string, opts: { json?: boolean; threads?: string }) => {
      const threads = opts.threads === undefined ? availableParallelism() : Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 1) {
        process.stderr.write('cooperando verify-election: --threads must be a whole number ≥ 1\n');
        process.exitCode = 2;
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = readShared(file);
      } catch (e) {
        process.stderr.write(`cooperando verify-election: cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const started = performance.now();
      let v: RecordVerification & { ballots: number };
      try {
        // Threads asked for explicitly are used whatever the board's size.
        v = await verifyElectionRecordBytes(bytes, { threads, parallelFrom: opts.threads === undefined ? PARALLEL_FROM : 1 });
      } catch (e) {
        if (!(e instanceof RecordReadError)) throw e;
        process.stderr.write(`cooperando verify-election: ${file} is ${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      const seconds = (performance.now() - started) / 1000;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ok: v.ok, seconds, checks: v.checks }, null, 2)}\n`);
      } else {
        const out = v.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.check}${c.detail ? ` — ${c.detail}` : ''}`);
        const failed = v.checks.filter((c) => !c.ok).length;
        out.push(
          '',
          failed === 0
            ? `All ${v.checks.length} checks passed: the published result follows from the record (${v.ballots} ballots, ${seconds.toFixed(1)} s).`
            : `${failed} of ${v.checks.length} checks FAILED: the record does not prove the published result.`,
        );
        process.stdout.write(`${out.join('\n')}\n`);
      }
      process.exitCode = v.ok ? 0 : 1;
    });
}
