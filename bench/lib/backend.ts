// Scratch databases for one benchmark step: a new database on the PostgreSQL server (created here, dropped on
// close) or a PGlite instance persisted in a temporary directory (removed on close). Migrated on open.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/core/db.ts';
import { migrate } from '../../src/core/migrations.ts';

export type BackendKind = 'pglite' | 'postgres';

export interface ScratchDatabase {
  kind: BackendKind;
  database: Database;
  /** PostgreSQL URL of the scratch database (undefined on PGlite). */
  url: string | undefined;
  /** PGlite data directory (undefined on PostgreSQL). */
  dataDir: string | undefined;
  close(): Promise<void>;
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openScratch(kind: BackendKind, label: string, pgUrl = DEFAULT_PG_URL): Promise<ScratchDatabase> {
  if (kind === 'postgres') {
    const name = `coop_bench_${label}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
    await migrate(database);
    return {
      kind,
      database,
      url,
      dataDir: undefined,
      async close() {
        await database.close().catch(() => {});
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), `coop-bench-${label}-`));
  const database = await openDatabase({ dataDir });
  await migrate(database);
  return {
    kind,
    database,
    url: undefined,
    dataDir,
    async close() {
      await database.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Size of the scratch database on disk, bytes (null when unknown). */
export async function databaseBytes(s: ScratchDatabase): Promise<number | null> {
  try {
    const { rows } = await s.database.query<{ n: number }>('SELECT pg_database_size(current_database())::float8 AS n');
    return rows[0]?.n ?? null;
  } catch {
    return null;
  }
}
