// Versioned SQL migrations (migrations/NNNN_name.sql), applied in order under a PostgreSQL advisory lock so
// that two processes starting together never race; each file runs in its own transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
/** Arbitrary constant shared by every Cooperando process ("coop" in ASCII). */
const LOCK_KEY = 0x636f6f70;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const migrations = listMigrations(dir);
  return database.withSession(async (s) => {
    await s.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await s.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await s.query<{ version: number; checksum: string; name: string }>(
        'SELECT version, checksum, name FROM schema_migrations',
      );
      const done = new Map(rows.map((r) => [r.version, r]));
      const applied: string[] = [];
      for (const m of migrations) {
        const prior = done.get(m.version);
        if (prior) {
          if (prior.checksum !== m.checksum) {
            throw new Error(`migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
          }
          continue;
        }
        await s.exec('BEGIN');
        try {
          await s.exec(m.sql);
          await s.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            m.checksum,
          ]);
          await s.exec('COMMIT');
        } catch (err) {
          await s.exec('ROLLBACK');
          throw new Error(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
      }
      return { applied };
    } finally {
      await s.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}

/** True when every migration file has been applied (used by /readyz). */
export async function migrationsPending(database: Database, dir = MIGRATIONS_DIR): Promise<number> {
  const versions = listMigrations(dir).map((m) => m.version);
  const { rows } = await database.query<{ version: number }>('SELECT version FROM schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  return versions.filter((v) => !done.has(v)).length;
}
