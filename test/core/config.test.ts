// Configuration: defaults, validation, and secrets generated once into DATA_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config.ts';

test('defaults and a generated secret that survives restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coop-cfg-'));
  const a = loadConfig({ DATA_DIR: dir });
  assert.equal(a.port, 3000);
  assert.equal(a.databaseUrl, undefined);
  assert.ok(a.sessionSecret.length >= 40);
  const b = loadConfig({ DATA_DIR: dir });
  assert.equal(a.sessionSecret, b.sessionSecret);
  assert.equal(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'given' }).sessionSecret, 'given');
  assert.throws(() => loadConfig({ DATA_DIR: dir, PORT: 'eighty' }), /PORT/);
});
