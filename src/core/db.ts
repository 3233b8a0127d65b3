// One PostgreSQL dialect, two backends: PGlite (embedded, in-process, persisted under DATA_DIR) by default,
// a PostgreSQL server through a connection pool when DATABASE_URL is set. Application code uses the typed
// Drizzle query builder (`db`); bulk paths (imports, demo data) use `rawTransaction` with COPY.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** The typed query builder shared by every module (both drivers implement the same PgDatabase API). */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows: number }>;
  /** Several statements separated by `;`, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** `copySql` is `COPY table (cols) FROM STDIN WITH (FORMAT csv ...)`; `data` is the whole CSV chunk. */
  copyFrom(copySql: string, data: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** A raw statement on any connection. */
  query: SqlRunner['query'];
  /** Runs fn inside BEGIN/COMMIT on one connection (ROLLBACK when it throws). */
  rawTransaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs fn on one dedicated connection without a transaction (session-level advisory locks). */
  withSession<T>(fn: (s: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let location: string | undefined;
  if (dataDir && dataDir !== 'memory://') {
    location = join(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  // Dates stay ISO strings (no time-zone shifts through JS Date); int8 already arrives as a number.
  const parsers = { 1082: (v: string) => v };
  const client = location ? await PGlite.create(location, { parsers }) : await PGlite.create({ parsers });
  const db = drizzlePglite(client) as unknown as Db;
  const runner = (q: Pick<PGlite, 'query' | 'exec'>): SqlRunner => ({
    async query<R>(text: string, params: unknown[] = []) {
      const res = await q.query<R>(text, params);
      return { rows: res.rows, affectedRows: res.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async copyFrom(copySql: string, data: string) {
      // PGlite reads COPY input from a blob mounted at /dev/blob.
      const sql = copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
      await q.query(sql, [], { blob: new Blob([data]) });
    },
  });
  return {
    kind: 'pglite',
    db,
    query: runner(client).query,
    // PGlite has a single connection; its transaction() holds it exclusively, so concurrent requests
    // cannot slip statements into ours.
    rawTransaction: (fn) => client.transaction((tx) => fn(runner(tx))),
    withSession: (fn) => fn(runner(client)),
    close: () => client.close(),
  };
}

/**
 * Same value shapes as PGlite: dates as ISO strings, int8 (counts, cents) as numbers — safe because cents and
 * counts stay far below 2^53.
 */
function typeParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
  if (oid === 1082) return (v) => v;
  if (oid === 20) return (v) => Number(v);
  return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
}

/** Rows of a raw Drizzle `sql` query (both drivers return `{ rows }`). */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Drizzle's node-postgres driver gives each query its own type parser, which falls back to pg's global table and
  // so bypasses the pool's: without this, int8 columns read through Drizzle came back as strings on PostgreSQL (and
  // '7500' > '10000' refused a valid membership change). Values that may exceed 2^53 are selected as text.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: { getTypeParser: typeParser } });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  const runner = (c: pg.PoolClient | pg.Pool): SqlRunner => ({
    async query<R>(text: string, params: unknown[] = []) {
      const res = await c.query(text, params);
      return { rows: res.rows as R[], affectedRows: res.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    async copyFrom(copySql: string, data: string) {
      if (c instanceof pg.Pool) throw new Error('copyFrom needs a dedicated connection');
      const stream = c.query(copyStreams.from(copySql));
      await pipeline(Readable.from([data]), stream);
    },
  });
  const withClient = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      return await fn(c);
    } finally {
      c.release();
    }
  };
  return {
    kind: 'postgres',
    db,
    query: runner(pool).query,
    rawTransaction: (fn) =>
      withClient(async (c) => {
        await c.query('BEGIN');
        try {
          const out = await fn(runner(c));
          await c.query('COMMIT');
          return out;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }),
    withSession: (fn) => withClient((c) => fn(runner(c))),
    close: () => pool.end(),
  };
}
