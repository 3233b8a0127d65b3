// What every governance use case shares: the actor, one transaction, SQL helpers and the mapping of database
// refusals (the freezing triggers, unique keys) to problems.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { ProblemError, conflict } from '../../../core/errors.ts';

export interface Actor {
  principal: Principal;
  requestId: string;
}

export async function inTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx as unknown as Db));
}

export const rows = queryRows;

export async function one<T>(db: Db, query: SQL): Promise<T | undefined> {
  const [r] = await queryRows<T>(db, query);
  return r;
}

/** An instant as ISO 8601 UTC text, computed in SQL so both drivers return the same string. */
export const iso = (column: string): SQL => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** A uuid[] parameter (Drizzle would expand a JS array into a list of parameters). */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

function dbCode(err: unknown): { code?: string; constraint?: string; message?: string } {
  const e = err as { code?: string; constraint?: string; message?: string; cause?: { code?: string; constraint?: string; message?: string } };
  return { code: e.code ?? e.cause?.code, constraint: e.constraint ?? e.cause?.constraint, message: e.cause?.message ?? e.message };
}

/** Maps a refusal by the database (a guard trigger, a unique key) to a 409 problem; rethrows anything else. */
export function mapDbError(err: unknown): never {
  if (err instanceof ProblemError) throw err;
  const { code, constraint } = dbCode(err);
  if (code === '23514') throw conflict('governance.frozen');
  if (code === '23505') {
    if (constraint?.includes('ballot_casts') || constraint?.includes('ballot_choices')) throw conflict('governance.vote.already-voted');
    if (constraint?.includes('proxies')) throw conflict('governance.proxy.already-given');
    throw conflict('problem.conflict');
  }
  if (code === '40P01' || code === '40001') throw new ProblemError(409, 'conflict', { detailKey: 'governance.retry' });
  throw err;
}
