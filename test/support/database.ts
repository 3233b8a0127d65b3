// A fresh database for one test file: in-memory PGlite by default, or a new database on the PostgreSQL server
// named by TEST_DATABASE_URL (created here, dropped on close), so every run starts clean on both backends.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/core/db.ts';
import { migrate } from '../../src/core/migrations.ts';

export interface TestDatabase {
  database: Database;
  /** Connection string of the fresh PostgreSQL database, when on PostgreSQL. */
  url: string | undefined;
  close(): Promise<void>;
}

export const onPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

export async function freshDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  let database: Database;
  let url: string | undefined;
  let drop = async () => {};
  if (base) {
    const name = `coop_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  if (opts.migrate ?? true) await migrate(database);
  return {
    database,
    url,
    async close() {
      await database.close();
      await drop();
    },
  };
}
