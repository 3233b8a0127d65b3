// The governance API is described in the OpenAPI document (the web app is built against it), and every message
// exists in Italian and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { catalogueKeys } from '../../src/core/i18n.ts';

let p: TestPlatform;
before(async () => {
  p = await startTestPlatform();
});
after(() => p.close());

test('the OpenAPI document lists the governance routes with their schemas', async () => {
  const res = await p.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as { paths: Record<string, Record<string, { tags?: string[]; responses?: object }>> };
  const paths = Object.keys(doc.paths).filter((k) => Object.values(doc.paths[k] ?? {}).some((op) => op.tags?.includes('governance')));
  for (const expected of ['/api/v1/cooperatives/{id}/assemblies', '/api/v1/assemblies/{id}/convene', '/api/v1/ballots/{id}/votes', '/api/v1/assemblies/{id}/live/stream', '/api/v1/assemblies/{id}/minutes.pdf', '/api/v1/governance/minutes/verify/{sha256}', '/api/v1/polls/{id}/response']) {
    assert.ok(paths.includes(expected), `missing ${expected}`);
  }
  assert.ok(paths.length >= 50, `${paths.length} governance paths`);
});

test('every governance message is in Italian and English', () => {
  const it = catalogueKeys('it').filter((k) => k.startsWith('governance.')).sort();
  const en = catalogueKeys('en').filter((k) => k.startsWith('governance.')).sort();
  assert.deepEqual(en, it);
});
