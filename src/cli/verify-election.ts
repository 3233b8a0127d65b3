// `cooperando verify-election RECORD.json`: the independent verifier of a verifiable secret ballot. It checks the
// exported election record (format in docs/election-record.md) using nothing but the record — every proof, the
// board's chain, the roll, the weights, the tally, the decryption — and prints each check with ✓ or ✗.
// Exit code 0 when every check passes, 1 when any fails, 2 when the file cannot be read as a record. Needs no
// database. The ballots' proofs (the bulk of the work) are checked on all cores with worker threads; this same
// file is the worker's entry point.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Command } from 'commander';
import {
  checkBoardSlice,
  countingPlan,
  mergeBoardWork,
  verifyElectionRecord,
  type BoardEntry,
  type BoardWork,
  type CountedEntry,
  type ElectionManifest,
  type ElectionRecord,
  type RecordVerification,
} from '../modules/governance/verifiable/index.ts';

interface SliceJob {
  kind: 'cooperando-verify-election-slice';
  manifest: ElectionManifest;
  entries: BoardEntry[];
  plan: (CountedEntry | null)[];
}

if (!isMainThread && (workerData as SliceJob | undefined)?.kind === 'cooperando-verify-election-slice') {
  const job = workerData as SliceJob;
  parentPort?.postMessage(checkBoardSlice(job.manifest, job.entries, job.plan));
}

/** Below this many board entries the thread start-up costs more than it saves. */
const PARALLEL_FROM = 400;

/** verifyElectionRecord, with the board's proofs checked in `threads` worker threads (consecutive slices); boards
 * smaller than `parallelFrom` entries are checked in this thread. */
export async function verifyElectionRecordParallel(record: ElectionRecord, threads = availableParallelism(), parallelFrom = PARALLEL_FROM): Promise<RecordVerification> {
  const board = Array.isArray(record?.board) ? record.board : null;
  if (!board || threads <= 1 || board.length < parallelFrom || !Array.isArray(record.roll) || typeof record.manifest !== 'object') {
    return verifyElectionRecord(record);
  }
  let plan: (CountedEntry | null)[];
  try {
    plan = countingPlan(record);
  } catch {
    return verifyElectionRecord(record);
  }
  const size = Math.ceil(board.length / threads);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const job: SliceJob = {
        kind: 'cooperando-verify-election-slice',
        manifest: record.manifest,
        entries: board.slice(t * size, (t + 1) * size),
        plan: plan.slice(t * size, (t + 1) * size),
      };
      return new Promise<BoardWork>((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: job });
        w.once('message', (m: BoardWork) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
        w.once('exit', (code) => {
          if (code !== 0) reject(new Error(`verifier thread exited with code ${code}`));
        });
      });
    }),
  );
  return verifyElectionRecord(record, { boardWork: mergeBoardWork(parts) });
}

export function registerVerifyElectionCommand(program: Command): void {
  program
    .command('verify-election')
    .argument('<record>', 'election record exported by the platform (JSON, format cooperando-evote/1)')
    .description('verify a secret ballot end to end from its published record: every proof, the board, the roll, the tally, the decryption')
    .option('--json', 'print the checks as JSON')
    .option('--threads <n>', 'worker threads for the ballots’ proofs (default: the number of cores)')
    .action(async (file: string, opts: { json?: boolean; threads?: string }) => {
      let record: ElectionRecord;
      try {
        record = JSON.parse(readFileSync(file, 'utf8')) as ElectionRecord;
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code ? `cannot read ${file}: ${(e as Error).message}` : `${file} is not valid JSON: ${(e as Error).message}`;
        process.stderr.write(`cooperando verify-election: ${why}\n`);
        process.exitCode = 2;
        return;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof record.manifest !== 'object' || !Array.isArray(record.board)) {
        process.stderr.write(`cooperando verify-election: ${file} is not an election record (no manifest or board)\n`);
        process.exitCode = 2;
        return;
      }
      const threads = opts.threads === undefined ? availableParallelism() : Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 1) {
        process.stderr.write('cooperando verify-election: --threads must be a whole number ≥ 1\n');
        process.exitCode = 2;
        return;
      }
      const started = performance.now();
      // Threads asked for explicitly are used whatever the board's size.
      const v = await verifyElectionRecordParallel(record, threads, opts.threads === undefined ? PARALLEL_FROM : 1);
      const seconds = (performance.now() - started) / 1000;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ok: v.ok, seconds, checks: v.checks }, null, 2)}\n`);
      } else {
        const out = v.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.check}${c.detail ? ` — ${c.detail}` : ''}`);
        const failed = v.checks.filter((c) => !c.ok).length;
        out.push(
          '',
          failed === 0
            ? `All ${v.checks.length} checks passed: the published result follows from the record (${record.board.length} ballots, ${seconds.toFixed(1)} s).`
            : `${failed} of ${v.checks.length} checks FAILED: the record does not prove the published result.`,
        );
        process.stdout.write(`${out.join('\n')}\n`);
      }
      process.exitCode = v.ok ? 0 : 1;
    });
}
