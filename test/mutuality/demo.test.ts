// The demo: after the registry's demo federation, the mutuality demo gives the demo administrator's co-op and the
// demo member's co-ops a year of exchanges, statement lines, weights and ristorni approved by a resolution, so the
// demo member reads an explained statement and the administrator sees prevailing mutuality.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createPlatform, type Platform } from '../../src/app.ts';
import { generateDemo, DEMO_EMAILS, DEMO_PASSWORDS } from '../../src/modules/registry/demo/index.ts';
import { seedMutualityDemoForAccounts, type MutualityDemoResult } from '../../src/modules/mutuality/index.ts';

let t: TestDatabase;
let platform: Platform;
let results: MutualityDemoResult[];
const year = new Date().getUTCFullYear() - 1;

before(async () => {
  t = await freshDatabase();
  await generateDemo(t.database, { coops: 12, members: 1_200, seed: 11 });
  results = await seedMutualityDemoForAccounts(t.database, { adminEmail: DEMO_EMAILS.coop_admin, memberEmail: DEMO_EMAILS.member });
  const config = loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'coop-test-')), sessionSecret: 'test-secret-test-secret-test-secret', databaseUrl: t.url, logLevel: 'silent' });
  platform = await createPlatform({ config, database: t.database, migrated: true, logger: false, serveWeb: false });
});
after(async () => {
  await platform.close();
  await t.close();
});

async function signIn(role: 'member' | 'coop_admin') {
  const res = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: DEMO_EMAILS[role], password: DEMO_PASSWORDS[role] } });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'coop_session');
  return { cookie: `coop_session=${cookie?.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

test('every seeded co-op has a year of exchanges and approved ristorni', () => {
  assert.ok(results.length >= 2, JSON.stringify(results));
  for (const r of results) {
    assert.equal(r.year, year);
    assert.ok(r.entries > 0, `co-op ${r.coopId} got no entries`);
    assert.equal(r.status, 'approved');
    assert.ok(r.poolCents > 0 && r.members > 0);
  }
});

test('the demo member reads an explained statement; the administrator sees the run and prevalence', async () => {
  const member = await signIn('member');
  const mine = (await platform.app.inject({ method: 'GET', url: '/api/v1/me/ristorni', headers: member })).json();
  assert.ok(mine.items.length >= 1);
  const item = mine.items[0];
  assert.equal(item.status, 'approved');
  const st = await platform.app.inject({ method: 'GET', url: `/api/v1/me/ristorni/${item.runId}`, headers: member });
  assert.equal(st.statusCode, 200, st.body);
  const s = st.json();
  assert.ok(s.totals.amountCents > 0);
  assert.ok(s.explanation.some((p: { it: string }) => /Approvato dall’assemblea ordinaria/.test(p.it)));
  const pdf = await platform.app.inject({ method: 'GET', url: `/api/v1/me/ristorni/${item.runId}/pdf`, headers: member });
  assert.equal(pdf.statusCode, 200);

  const admin = await signIn('coop_admin');
  const coopId = results[0]?.coopId as string;
  const runs = (await platform.app.inject({ method: 'GET', url: `/api/v1/cooperatives/${coopId}/ristorni`, headers: admin })).json();
  assert.equal(runs.items[0].status, 'approved');
  const prev = (await platform.app.inject({ method: 'GET', url: `/api/v1/cooperatives/${coopId}/prevalence/${year}`, headers: admin })).json();
  assert.equal(prev.passes, true);
  const rec = (await platform.app.inject({ method: 'GET', url: `/api/v1/cooperatives/${coopId}/share-capital/reconciliation?year=${year}`, headers: admin })).json();
  assert.equal(rec.mismatches.count, 0, 'opening balances match the register');
});

test('seeding again changes nothing', async () => {
  const again = await seedMutualityDemoForAccounts(t.database, { adminEmail: DEMO_EMAILS.coop_admin, memberEmail: DEMO_EMAILS.member });
  assert.deepEqual(again.map((r) => [r.coopId, r.entries, r.status]), results.map((r) => [r.coopId, 0, 'approved']));
});
