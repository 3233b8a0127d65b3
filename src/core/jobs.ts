// Background jobs: work that outlives an HTTP request (a 2.8-million-row import) runs in the process that
// accepted it, while its state lives in the `jobs` table so that any process can report progress and the result.
// A heartbeat marks the job alive; a job whose heartbeat stopped (its process died) reads as `interrupted`, and —
// since every job here is safe to run again (imports are idempotent) — the user simply starts it again.
// Cancellation is a flag in the row, so a cancel request reaches the job through whichever process receives it.
import type { Database } from './db.ts';
import { ProblemError, type FieldError } from './errors.ts';

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface JobProgress {
  done: number;
  total: number | null;
  /** What `done` counts (rows, bytes …). */
  unit: string;
}

/** A failure as a problem, kept untranslated so that each reader gets it in their own language. */
export interface JobProblem {
  status: number;
  slug: string;
  titleKey: string;
  detailKey?: string;
  detailParams?: Record<string, string | number>;
  fields?: FieldError[];
}

export interface Job<R = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  accountId: string | null;
  organisationId: string | null;
  params: Record<string, unknown>;
  progress: Partial<JobProgress>;
  result: R | null;
  error: JobProblem | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobContext {
  signal: AbortSignal;
  /** Records progress (written at most once a second; the last call before the end is always kept). */
  progress(p: JobProgress): void;
}

export interface JobSpec {
  kind: string;
  accountId: string | null;
  organisationId?: string | null;
  /** Ids and options only — never personal data. */
  params?: Record<string, unknown>;
}

/** A heartbeat older than this means the running process is gone. */
const STALE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const PROGRESS_EVERY_MS = 1_000;

export class JobRunner {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private readonly database: Database;
  private readonly onError: (err: unknown, job: string) => void;

  constructor(database: Database, onError: (err: unknown, job: string) => void = () => {}) {
    this.database = database;
    this.onError = onError;
  }

  /** Creates the job row and starts `work` in the background; resolves with the job as first stored. */
  async start<R>(spec: JobSpec, work: (ctx: JobContext) => Promise<R>, cleanup?: () => Promise<void>): Promise<Job<R>> {
    const { rows } = await this.database.query<JobRow>(
      `INSERT INTO jobs (kind, account_id, organisation_id, params) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`,
      [spec.kind, spec.accountId, spec.organisationId ?? null, JSON.stringify(spec.params ?? {})],
    );
    const job = toJob<R>(rows[0] as JobRow);
    const abort = new AbortController();
    let pending: JobProgress | null = null;
    let lastWrite = 0;
    const flushProgress = async () => {
      if (!pending) return;
      const p = pending;
      pending = null;
      lastWrite = Date.now();
      const { rows: flag } = await this.database.query<{ cancel: boolean }>(
        `UPDATE jobs SET progress = $2::jsonb, heartbeat_at = now() WHERE id = $1 RETURNING cancel_requested AS cancel`,
        [job.id, JSON.stringify(p)],
      );
      if (flag[0]?.cancel && !abort.signal.aborted) abort.abort(new JobCancelled());
    };
    const ctx: JobContext = {
      signal: abort.signal,
      progress: (p) => {
        pending = p;
        if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) flushProgress().catch((e: unknown) => this.onError(e, job.id));
      },
    };
    const done = (async () => {
      let status: JobStatus = 'succeeded';
      let result: unknown = null;
      let error: JobProblem | null = null;
      try {
        result = await work(ctx);
      } catch (err) {
        if (abort.signal.aborted && (err === abort.signal.reason || err instanceof JobCancelled)) status = 'cancelled';
        else {
          status = 'failed';
          error = toProblem(err);
          if (!(err instanceof ProblemError)) this.onError(err, job.id);
        }
      }
      try {
        await flushProgress();
        await this.database.query(
          `UPDATE jobs SET status = $2, result = $3::jsonb, error = $4::jsonb, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
          [job.id, status, result === null ? null : JSON.stringify(result), error === null ? null : JSON.stringify(error)],
        );
      } catch (e) {
        this.onError(e, job.id);
      } finally {
        await cleanup?.().catch((e: unknown) => this.onError(e, job.id));
        this.running.delete(job.id);
        if (this.running.size === 0) this.stopHeartbeat();
      }
    })();
    this.running.set(job.id, { abort, done });
    this.startHeartbeat();
    return job;
  }

  /** The job as stored; a running job whose heartbeat stopped is marked interrupted on the way. */
  async get<R = unknown>(id: string): Promise<Job<R> | null> {
    await this.database.query(
      `UPDATE jobs SET status = 'interrupted', finished_at = now()
        WHERE id = $1 AND status = 'running' AND heartbeat_at < now() - make_interval(secs => $2)`,
      [id, STALE_AFTER_MS / 1000],
    );
    const { rows } = await this.database.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return rows[0] ? toJob<R>(rows[0]) : null;
  }

  /** Asks a running job to stop after the unit of work in flight (each import batch commits whole). */
  async cancel(id: string): Promise<void> {
    await this.database.query(`UPDATE jobs SET cancel_requested = true WHERE id = $1 AND status = 'running'`, [id]);
    const local = this.running.get(id);
    if (local && !local.abort.signal.aborted) local.abort.abort(new JobCancelled());
  }

  /** Waits for a job of this process to finish (tests, shutdown). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  /** Shutdown: stops this process's jobs (they read as cancelled; an import can be run again) and waits. */
  async close(): Promise<void> {
    for (const r of this.running.values()) if (!r.abort.signal.aborted) r.abort.abort(new JobCancelled());
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const ids = [...this.running.keys()];
      if (ids.length === 0) return;
      this.database
        .query<{ id: string; cancel: boolean }>(`UPDATE jobs SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) RETURNING id, cancel_requested AS cancel`, [ids])
        .then((r) => {
          for (const row of r.rows) {
            const local = this.running.get(row.id);
            if (row.cancel && local && !local.abort.signal.aborted) local.abort.abort(new JobCancelled());
          }
        })
        .catch((e: unknown) => this.onError(e, ids.join(',')));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

const COLUMNS = `id, kind, status, account_id, organisation_id, params, progress, result, error, created_at, finished_at`;

interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  account_id: string | null;
  organisation_id: string | null;
  params: Record<string, unknown>;
  progress: Partial<JobProgress>;
  result: unknown;
  error: JobProblem | null;
  created_at: string | Date;
  finished_at: string | Date | null;
}

const iso = (d: string | Date): string => new Date(d).toISOString();

function toJob<R>(r: JobRow): Job<R> {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    accountId: r.account_id,
    organisationId: r.organisation_id,
    params: r.params,
    progress: r.progress,
    result: (r.result ?? null) as R | null,
    error: r.error,
    createdAt: iso(r.created_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
  };
}

function toProblem(err: unknown): JobProblem {
  if (err instanceof ProblemError) {
    return {
      status: err.status,
      slug: err.slug,
      titleKey: err.titleKey,
      ...(err.detailKey ? { detailKey: err.detailKey, detailParams: err.detailParams } : {}),
      ...(err.fields.length ? { fields: err.fields } : {}),
    };
  }
  return { status: 500, slug: 'internal', titleKey: 'problem.internal' };
}

/** A stored problem as a ProblemError again (to render it with `problemBody` in the reader's language). */
export function problemOf(p: JobProblem): ProblemError {
  return new ProblemError(p.status, p.slug, {
    titleKey: p.titleKey,
    ...(p.detailKey ? { detailKey: p.detailKey, detailParams: p.detailParams ?? {} } : {}),
    ...(p.fields ? { fields: p.fields } : {}),
  });
}
