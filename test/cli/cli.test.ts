// The `cooperando` command run as a real child process on the configured backend: help, migrate, demo, user,
// export and import, end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/database.ts';

let dataDir: string;
let pgDb: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'coop-cli-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  if (process.env.TEST_DATABASE_URL) {
    pgDb = await freshDatabase({ migrate: false });
    await pgDb.database.close();
    env.DATABASE_URL = pgDb.url;
  }
});
after(async () => {
  if (pgDb) await pgDb.close().catch(() => {});
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', ...args], { env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('--help lists every command, and each command has its own help', () => {
  const r = cli('--help');
  assert.equal(r.code, 0, r.err);
  for (const c of ['serve', 'migrate', 'import', 'export', 'demo', 'user']) assert.match(r.out, new RegExp(`\\b${c}\\b`));
  for (const c of ['serve', 'migrate', 'demo']) assert.equal(cli(c, '--help').code, 0);
});

test('migrate, demo, user, export and import work end to end', () => {
  const m = cli('migrate');
  assert.equal(m.code, 0, m.err);
  assert.match(m.out, /Applied|up to date/);
  assert.match(cli('migrate').out, /up to date/);

  const d = cli('demo', '--coops', '12', '--members', '600', '--seed', '7');
  assert.equal(d.code, 0, d.err + d.out);
  const again = cli('demo', '--coops', '12', '--members', '600');
  assert.notEqual(again.code, 0, 'demo refuses a non-empty registry without --reset');

  const list = cli('user', 'list');
  assert.equal(list.code, 0, list.err);
  assert.match(list.out, /platform_admin/);

  const out = join(dataDir, 'coops.csv');
  const e = cli('export', 'cooperatives', '--format', 'csv', '--out', out);
  assert.equal(e.code, 0, e.err + e.out);
  assert.ok(existsSync(out));
  const csv = readFileSync(out, 'utf8');
  assert.equal(csv.trim().split(/\r?\n/).length, 13, 'header + 12 co-ops');

  const dry = cli('import', 'cooperatives', out, '--dry-run');
  assert.equal(dry.code, 0, dry.err + dry.out);
  const commit = cli('import', 'cooperatives', out);
  assert.equal(commit.code, 0, commit.err + commit.out);
  assert.match(commit.out, /12/);
});
