// POST /api/v1/imports and GET /api/v1/imports/template through HTTP: who may import what, and every client
// mistake answered with a 4xx problem naming the field.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedSmallFederation, type SmallFederation } from '../../support/fixtures.ts';
import { startImportTestPlatform, multipartBody, type ImportTestPlatform } from './platform.ts';
import { MEMBER_HEADER_IT, memberRow, csvLine, companyCode, count } from './helpers.ts';

let platform: ImportTestPlatform;
let fx: SmallFederation;
const auth: Record<string, Record<string, string>> = {};

before(async () => {
  platform = await startImportTestPlatform();
  fx = await seedSmallFederation(platform.database);
  for (const k of ['admin', 'staffBologna', 'staffSociali', 'adminC1', 'adminC3', 'member', 'outsider'] as const) {
    auth[k] = await platform.signIn(fx.accounts[k].email, fx.accounts[k].password);
  }
});
after(async () => {
  await platform.close();
});

const membersCsv = (rows: string[][]) => '\uFEFF' + [csvLine(MEMBER_HEADER_IT), ...rows.map((r) => csvLine(r))].join('\r\n') + '\r\n';

async function post(who: string | null, fields: Record<string, string>, file?: { name: string; content: Buffer | string; field?: string }, query = '') {
  const { body, headers } = multipartBody(fields, file);
  return platform.app.inject({ method: 'POST', url: `/api/v1/imports${query}`, payload: body, headers: { ...headers, ...(who ? auth[who] : {}) } });
}

function problem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  return res.json() as { status: number; type: string; errors?: { field: string; code: string; message: string }[] };
}

describe('authorisation', () => {
  test('a member cannot import at all; an outsider neither; unauthenticated is 401', async () => {
    const file = { name: 'soci.csv', content: membersCsv([memberRow(1)]) };
    assert.equal((await post('member', { kind: 'members', cooperativeId: fx.c1 }, file)).statusCode, 403);
    assert.equal((await post('outsider', { kind: 'cooperatives' }, file)).statusCode, 403);
    assert.equal((await post(null, { kind: 'members', cooperativeId: fx.c1 }, file)).statusCode, 401);
  });

  test('a co-op admin imports into their co-op only; not co-ops', async () => {
    const file = { name: 'soci.csv', content: membersCsv([memberRow(11, { registerNumber: 101 })]) };
    const other = await post('adminC1', { kind: 'members', cooperativeId: fx.c3, mode: 'commit' }, file);
    assert.equal(other.statusCode, 403);
    assert.equal(await count(platform.database, 'SELECT 1 FROM memberships WHERE cooperative_id = $1 AND register_number = 101', [fx.c3]), 0);
    const coops = await post('adminC1', { kind: 'cooperatives' }, { name: 'c.csv', content: 'Denominazione;Codice fiscale\nX;' + companyCode(9) });
    assert.equal(coops.statusCode, 403);
    const own = await post('adminC1', { kind: 'members', cooperativeId: fx.c1, mode: 'commit' }, file);
    assert.equal(own.statusCode, 200, own.body);
    const report = own.json() as { inserted: number; committed: boolean; kind: string; mode: string; encoding: string; delimiter: string };
    assert.deepEqual([report.kind, report.mode, report.inserted, report.committed, report.encoding, report.delimiter], ['members', 'commit', 1, true, 'utf-8-bom', ';']);
    assert.deepEqual(readdirSync(join(platform.config.dataDir, 'uploads')), [], 'the uploaded file is deleted');
  });

  test('association staff and platform admins import members of co-ops they manage only as platform admin', async () => {
    const file = { name: 'soci.csv', content: membersCsv([memberRow(12, { registerNumber: 102 })]) };
    assert.equal((await post('staffBologna', { kind: 'members', cooperativeId: fx.c1 }, file)).statusCode, 403);
    const res = await post('admin', { kind: 'members', cooperativeId: fx.c1 }, file);
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { mode: string }).mode, 'dry-run', 'dry run is the default');
  });

  test('co-ops import by association staff: rows outside their subtree are refused', async () => {
    const header = 'Denominazione;Codice fiscale;Associazione territoriale;Provincia';
    const csv = [header, `Nuova Bologna;${companyCode(7001)};Legacoop Bologna;BO`, `Nuova Romagna;${companyCode(7002)};Legacoop Romagna;RA`].join('\n');
    const res = await post('staffBologna', { kind: 'cooperatives', mode: 'commit' }, { name: 'coop.csv', content: csv });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as { inserted: number; errors: { row: number; code: string }[] };
    assert.equal(r.inserted, 1);
    assert.deepEqual(r.errors.map((e) => [e.row, e.code]), [[3, 'import.association.out-of-scope']]);
  });
});

describe('bad input is a 4xx naming the field', () => {
  const good = { name: 'soci.csv', content: membersCsv([memberRow(20, { registerNumber: 120 })]) };

  test('no file, wrong kind, wrong mode, unknown or malformed co-op', async () => {
    const cases: [Record<string, string>, typeof good | undefined, number, string, string][] = [
      [{ kind: 'members', cooperativeId: fx.c1 }, undefined, 400, 'file', 'import.file.required'],
      [{ kind: 'soci', cooperativeId: fx.c1 }, good, 400, 'kind', 'import.kind.invalid'],
      [{ cooperativeId: fx.c1 }, good, 400, 'kind', 'field.required'],
      [{ kind: 'members', cooperativeId: fx.c1, mode: 'maybe' }, good, 400, 'mode', 'import.mode.invalid'],
      [{ kind: 'members' }, good, 400, 'cooperativeId', 'field.required'],
      [{ kind: 'members', cooperativeId: 'not-a-uuid' }, good, 400, 'cooperativeId', 'field.format'],
      [{ kind: 'members', cooperativeId: randomUUID() }, good, 404, 'cooperativeId', 'import.cooperative.unknown'],
    ];
    for (const [fields, file, status, field, code] of cases) {
      const res = await post('admin', fields, file);
      assert.equal(res.statusCode, status, `${JSON.stringify(fields)} → ${res.body}`);
      const p = problem(res);
      assert.equal(p.errors?.[0]?.field, field);
      assert.equal(p.errors?.[0]?.code, code);
    }
  });

  test('not a spreadsheet, empty, header only, missing columns; the file part may come first', async () => {
    const cases: [Buffer | string, string][] = [
      [Buffer.from('%PDF-1.4\n\u0000\u0001binary'), 'import.file.unsupported'],
      [Buffer.alloc(0), 'import.file.empty'],
      ['\uFEFF' + csvLine(MEMBER_HEADER_IT) + '\r\n', 'import.file.header-only'],
      ['Nome;Cognome\nMario;Rossi\n', 'import.column.missing'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'import.file.xls'],
    ];
    for (const [content, code] of cases) {
      const res = await post('adminC1', { kind: 'members', cooperativeId: fx.c1 }, { name: 'x.csv', content });
      assert.equal(res.statusCode, 400, res.body);
      const p = problem(res);
      assert.equal(p.errors?.[0]?.field, 'file');
      assert.equal(p.errors?.[0]?.code, code);
    }
    // File part before the fields.
    const boundary = 'xyzxyz';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n${membersCsv([memberRow(21, { registerNumber: 121 })])}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nmembers\r\n--${boundary}\r\nContent-Disposition: form-data; name="cooperativeId"\r\n\r\n${fx.c1}\r\n--${boundary}--\r\n`,
    );
    const res = await platform.app.inject({ method: 'POST', url: '/api/v1/imports', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...auth.adminC1 } });
    assert.equal(res.statusCode, 200, res.body);
  });

  test('JSON instead of multipart is 415; reasons follow ?lang', async () => {
    const res = await platform.app.inject({ method: 'POST', url: '/api/v1/imports', payload: { kind: 'members' }, headers: auth.adminC1 });
    assert.equal(res.statusCode, 415);
    const bad = { name: 'soci.csv', content: membersCsv([[...memberRow(22, { registerNumber: 122 })].map((c, i) => (MEMBER_HEADER_IT[i] === 'Email' ? 'x@' : c))]) };
    const en = await post('adminC1', { kind: 'members', cooperativeId: fx.c1 }, bad, '?lang=en');
    assert.equal((en.json() as { errors: { reason: string }[] }).errors[0]?.reason, 'Invalid email address');
    const it = await post('adminC1', { kind: 'members', cooperativeId: fx.c1 }, bad);
    assert.equal((it.json() as { errors: { reason: string }[] }).errors[0]?.reason, 'Indirizzo email non valido');
  });

  test('an upload over the size limit is 413', async () => {
    const small = await startImportTestPlatform({ maxUploadBytes: 2048 });
    try {
      const f = await seedSmallFederation(small.database);
      const h = await small.signIn(f.accounts.admin.email, f.accounts.admin.password);
      const rows = Array.from({ length: 40 }, (_, i) => memberRow(i));
      const { body, headers } = multipartBody({ kind: 'members', cooperativeId: f.c1 }, { name: 'big.csv', content: membersCsv(rows) });
      const res = await small.app.inject({ method: 'POST', url: '/api/v1/imports', payload: body, headers: { ...headers, ...h } });
      assert.equal(res.statusCode, 413, res.body);
    } finally {
      await small.close();
    }
  });
});

describe('templates', () => {
  test('CSV and XLSX with Italian headers and one example row that imports cleanly', async () => {
    const csv = await platform.app.inject({ method: 'GET', url: '/api/v1/imports/template?kind=members&format=csv', headers: auth.adminC1 });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /modello-libro-soci\.csv/);
    assert.ok(csv.body.startsWith('\uFEFFNumero socio;Tipo persona;Codice fiscale;Cognome;Nome'));
    assert.equal(csv.body.trim().split('\r\n').length, 2);
    const dry = await post('adminC1', { kind: 'members', cooperativeId: fx.c1 }, { name: 'modello.csv', content: csv.rawPayload });
    const r = dry.json() as { totalRows: number; errors: { code: string }[]; warnings: unknown[] };
    // Every value of the example is valid; number 1 is already someone else's in this co-op's register.
    assert.equal(r.totalRows, 1);
    assert.equal(r.warnings.length, 0);
    assert.deepEqual(r.errors.map((e) => e.code), ['import.conflict.register-number']);

    const xlsx = await platform.app.inject({ method: 'GET', url: '/api/v1/imports/template?kind=cooperatives&format=xlsx' });
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws?.getCell('A1').value, 'Denominazione');
    assert.ok(ws?.getCell('E2').value instanceof Date, 'Albo date is a date cell');
    const bad = await platform.app.inject({ method: 'GET', url: '/api/v1/imports/template?kind=people' });
    assert.equal(bad.statusCode, 400);
  });
});
