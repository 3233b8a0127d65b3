// Background imports: POST /api/v1/import-jobs answers 202 at once, the job reports progress and the report,
// only its owner sees it, a cancel stops it between batches, and a job whose process died reads as interrupted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedSmallFederation, type SmallFederation } from '../../support/fixtures.ts';
import { startImportTestPlatform, multipartBody, type ImportTestPlatform } from './platform.ts';
import { MEMBER_HEADER_IT, memberRow, csvLine, count } from './helpers.ts';

let platform: ImportTestPlatform;
let fx: SmallFederation;
const auth: Record<string, Record<string, string>> = {};

before(async () => {
  platform = await startImportTestPlatform();
  fx = await seedSmallFederation(platform.database);
  for (const k of ['admin', 'adminC1', 'adminC3', 'member'] as const) auth[k] = await platform.signIn(fx.accounts[k].email, fx.accounts[k].password);
});
after(() => platform.close());

const csv = (rows: string[][]) => [csvLine(MEMBER_HEADER_IT), ...rows.map((r) => csvLine(r))].join('\n') + '\n';

async function start(who: string, fields: Record<string, string>, content: string) {
  const { body, headers } = multipartBody(fields, { name: 'libro-soci.csv', content });
  return platform.app.inject({ method: 'POST', url: '/api/v1/import-jobs', payload: body, headers: { ...headers, ...auth[who] } });
}

const read = (who: string, id: string) => platform.app.inject({ method: 'GET', url: `/api/v1/import-jobs/${id}`, headers: auth[who] });

test('a background import answers 202, then reports the same report a direct import gives', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => memberRow(500 + i, { registerNumber: 500 + i }));
  rows.push(['x', ...(memberRow(600).slice(1))]); // a bad register number: one rejected row
  const res = await start('adminC1', { kind: 'members', cooperativeId: fx.c1, mode: 'commit' }, csv(rows));
  assert.equal(res.statusCode, 202, res.body);
  const job = res.json() as { id: string; status: string; params: { fileName: string; mode: string } };
  assert.equal(job.status, 'running');
  assert.equal(job.params.fileName, 'libro-soci.csv');
  await platform.jobs.settled(job.id);
  const done = (await read('adminC1', job.id)).json() as { status: string; report: { inserted: number; rejectedRows: number; errors: { row: number }[] }; progress: { done: number; total: number; unit: string } };
  assert.equal(done.status, 'succeeded');
  assert.equal(done.report.inserted, 30);
  assert.equal(done.report.rejectedRows, 1);
  assert.equal(done.report.errors[0]?.row, 32);
  assert.equal(done.progress.unit, 'bytes');
  assert.equal(done.progress.done, done.progress.total);
  assert.equal(await count(platform.database, 'SELECT 1 FROM memberships WHERE cooperative_id = $1 AND register_number BETWEEN 500 AND 529', [fx.c1]), 30);
  assert.deepEqual(readdirSync(join(platform.config.dataDir, 'uploads')), [], 'the upload is deleted when the job ends');
});

test('only the account that started a job sees it (a platform admin too); others get 404', async () => {
  const res = await start('adminC1', { kind: 'members', cooperativeId: fx.c1 }, csv([memberRow(700, { registerNumber: 700 })]));
  const { id } = res.json() as { id: string };
  await platform.jobs.settled(id);
  assert.equal((await read('adminC1', id)).statusCode, 200);
  assert.equal((await read('admin', id)).statusCode, 200);
  assert.equal((await read('adminC3', id)).statusCode, 404);
  assert.equal((await read('member', id)).statusCode, 404);
  assert.equal((await platform.app.inject({ method: 'POST', url: `/api/v1/import-jobs/${id}/cancel`, headers: auth.adminC3 })).statusCode, 404);
  assert.equal((await platform.app.inject({ method: 'GET', url: '/api/v1/import-jobs/not-a-uuid', headers: auth.adminC1 })).statusCode, 400);
});

test('refusals happen before any job exists: wrong co-op, member, missing file', async () => {
  const before = await count(platform.database, 'SELECT 1 FROM jobs');
  assert.equal((await start('adminC1', { kind: 'members', cooperativeId: fx.c3 }, csv([memberRow(1)]))).statusCode, 403);
  assert.equal((await start('member', { kind: 'members', cooperativeId: fx.c1 }, csv([memberRow(1)]))).statusCode, 403);
  const { body, headers } = multipartBody({ kind: 'members', cooperativeId: fx.c1 });
  const noFile = await platform.app.inject({ method: 'POST', url: '/api/v1/import-jobs', payload: body, headers: { ...headers, ...auth.adminC1 } });
  assert.equal(noFile.statusCode, 400);
  assert.equal(noFile.json().errors[0].field, 'file');
  assert.equal(await count(platform.database, 'SELECT 1 FROM jobs'), before);
});

test('a file that cannot be imported at all ends the job as failed, with the problem in the reader’s language', async () => {
  const res = await start('adminC1', { kind: 'members', cooperativeId: fx.c1, mode: 'commit' }, 'Colonna inutile;Altra\n1;2\n');
  const { id } = res.json() as { id: string };
  await platform.jobs.settled(id);
  const it = (await read('adminC1', id)).json() as { status: string; problem: { status: number; errors: { field: string; message: string }[] } };
  assert.equal(it.status, 'failed');
  assert.equal(it.problem.status, 400);
  assert.equal(it.problem.errors[0]?.field, 'file');
  const en = (await platform.app.inject({ method: 'GET', url: `/api/v1/import-jobs/${id}?lang=en`, headers: auth.adminC1 })).json() as { problem: { errors: { message: string }[] } };
  assert.notEqual(en.problem.errors[0]?.message, it.problem.errors[0]?.message);
});

test('a cancel request, through any process, stops the job at its next progress report', async () => {
  let started!: (id: string) => void;
  const known = new Promise<string>((resolve) => (started = resolve));
  const job = await platform.jobs.start({ kind: 'registry.import', accountId: fx.accounts.adminC1.id, organisationId: fx.c1 }, async (ctx) => {
    const id = await known;
    // The cancel arrives as another request would: it only sets the flag in the job's row.
    await platform.database.query('UPDATE jobs SET cancel_requested = true WHERE id = $1', [id]);
    for (let batch = 0; batch < 100 && !ctx.signal.aborted; batch++) {
      ctx.progress({ done: batch, total: 100, unit: 'rows' });
      await new Promise((r) => setTimeout(r, 20));
    }
    if (ctx.signal.aborted) throw ctx.signal.reason;
    return null;
  });
  started(job.id);
  await platform.jobs.settled(job.id);
  const after = await platform.jobs.get(job.id);
  assert.equal(after?.status, 'cancelled');
  assert.ok((after?.progress.done ?? 100) < 100, 'stopped early');
});

test('the cancel route stops a running import job of its owner', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const job = await platform.jobs.start({ kind: 'registry.import', accountId: fx.accounts.adminC1.id }, async (ctx) => {
    await gate;
    if (ctx.signal.aborted) throw ctx.signal.reason;
    return null;
  });
  const res = await platform.app.inject({ method: 'POST', url: `/api/v1/import-jobs/${job.id}/cancel`, headers: auth.adminC1 });
  assert.equal(res.statusCode, 202, res.body);
  release();
  await platform.jobs.settled(job.id);
  assert.equal((await platform.jobs.get(job.id))?.status, 'cancelled');
});

test('a running job whose heartbeat stopped reads as interrupted', async () => {
  const { rows } = await platform.database.query<{ id: string }>(
    `INSERT INTO jobs (kind, account_id, heartbeat_at) VALUES ('registry.import', $1, now() - interval '5 minutes') RETURNING id`,
    [fx.accounts.adminC1.id],
  );
  const id = rows[0]!.id;
  const res = (await read('adminC1', id)).json() as { status: string; finishedAt: string | null };
  assert.equal(res.status, 'interrupted');
  assert.ok(res.finishedAt);
});
