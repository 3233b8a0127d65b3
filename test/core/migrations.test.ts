// Migrations: applied once, in order, under an advisory lock; two processes starting together do not race.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, onPostgres } from '../support/database.ts';
import { openDatabase } from '../../src/core/db.ts';
import { migrate, migrationsPending, listMigrations, MIGRATIONS_DIR } from '../../src/core/migrations.ts';

test('migrations apply once and report nothing pending', async () => {
  const t = await freshDatabase({ migrate: false });
  try {
    const first = await migrate(t.database);
    assert.equal(first.applied.length, listMigrations().length);
    const second = await migrate(t.database);
    assert.deepEqual(second.applied, []);
    assert.equal(await migrationsPending(t.database), 0);
  } finally {
    await t.close();
  }
});

test('a changed migration is refused, a failing one leaves nothing behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coop-mig-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const t = await freshDatabase({ migrate: false });
  try {
    await migrate(t.database, dir);
    writeFileSync(join(dir, '9000_broken.sql'), 'CREATE TABLE half_done (id int); SELECT no_such_function();');
    await assert.rejects(migrate(t.database, dir), /9000_broken failed/);
    const { rows } = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'");
    assert.equal(rows[0]?.n, 0, 'the failed migration rolled back whole');
    writeFileSync(join(dir, '9000_broken.sql'), 'CREATE TABLE half_done (id int);');
    await migrate(t.database, dir);
    writeFileSync(join(dir, '9000_broken.sql'), 'CREATE TABLE half_done (id int, x int);');
    await assert.rejects(migrate(t.database, dir), /was changed after it was applied/);
  } finally {
    await t.close();
  }
});

test('two processes migrating together do not race (PostgreSQL advisory lock)', { skip: !onPostgres() && 'PGlite is single-process' }, async () => {
  const t = await freshDatabase({ migrate: false });
  const a = await openDatabase({ databaseUrl: t.url, poolSize: 2 });
  const b = await openDatabase({ databaseUrl: t.url, poolSize: 2 });
  try {
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    assert.equal(ra.applied.length + rb.applied.length, listMigrations().length);
    assert.equal(await migrationsPending(a), 0);
  } finally {
    await a.close();
    await b.close();
    await t.close();
  }
});
