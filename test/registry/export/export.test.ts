// Exports: CSV and XLSX of a register and of the co-op list; an export re-imports unchanged (the round trip);
// filters as in the listing; paging through more rows than a page; routes and their authorisation.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { seedSmallFederation, companyCode as fixtureCode, type SmallFederation } from '../../support/fixtures.ts';
import { importFile, SYSTEM_ACTOR } from '../../../src/modules/registry/import/importer.ts';
import { exportCooperatives, exportMembers } from '../../../src/modules/registry/export/exporter.ts';
import type { MemberExportFilters } from '../../../src/modules/registry/export/queries.ts';
import { startImportTestPlatform, type ImportTestPlatform } from '../import/platform.ts';
import { MEMBER_HEADER_IT, memberRow, csvLine, TempDir, companyCode } from '../import/helpers.ts';

let platform: ImportTestPlatform;
let fx: SmallFederation;
const dir = new TempDir();
const auth: Record<string, Record<string, string>> = {};

before(async () => {
  platform = await startImportTestPlatform();
  fx = await seedSmallFederation(platform.database);
  for (const k of ['admin', 'staffBologna', 'staffSociali', 'adminC1', 'adminC3', 'member'] as const) {
    auth[k] = await platform.signIn(fx.accounts[k].email, fx.accounts[k].password);
  }
});
after(async () => {
  await platform.close();
  dir.remove();
});

const db = () => platform.database;

async function toFile(name: string, write: (out: NodeJS.WritableStream & import('node:stream').Writable) => Promise<void>): Promise<string> {
  const path = `${dir.path}/${name}`;
  const out = createWriteStream(path);
  await write(out);
  if (!out.writableFinished) await once(out, 'finish');
  return path;
}

const exportRegister = (coopId: string, format: 'csv' | 'xlsx', filters: MemberExportFilters = { status: 'all' }) =>
  toFile(`reg-${randomUUID()}.${format}`, (out) => exportMembers(db(), coopId, filters, format, out));

describe('round trip: an export re-imports unchanged', () => {
  test('a register with legal persons, exits, several types, accents, quotes and formula-looking text (CSV and XLSX)', async () => {
    const H = MEMBER_HEADER_IT;
    const set = (cells: string[], k: string, v: string) => {
      const c = [...cells];
      c[H.indexOf(k)] = v;
      return c;
    };
    const rows = [
      set(set(memberRow(1, { registerNumber: 10 }), 'Cognome', 'D\'Àlessandro "detto; il Rosso"'), 'Telefono', '+39 051 123456'),
      set(set(memberRow(2, { registerNumber: 11, types: 'utente, lavoratore' }), 'Nome', '=Chiara'), 'Motivo uscita', ''),
      set(set(set(memberRow(3, { registerNumber: 12 }), 'Tipo uscita', 'esclusione'), 'Data uscita', '01/09/2023'), 'Motivo uscita', 'Delibera del CdA\nn. 12; "morosità"'),
      set(set(memberRow(4, { registerNumber: 13 }), 'Capitale sottoscritto', '1.234.567,89'), 'Capitale versato', '0,01'),
      (() => {
        let c = set(memberRow(5, { registerNumber: 14, types: 'sovventore' }), 'Codice fiscale', companyCode(4242));
        for (const k of ['Cognome', 'Nome', 'Sesso', 'Data di nascita']) c = set(c, k, '');
        return set(c, 'Denominazione', '-Consorzio Più Servizi');
      })(),
    ];
    const file = dir.file('seed.csv', '\uFEFF' + [csvLine(H), ...rows.map((r) => csvLine(r))].join('\r\n'));
    const seeded = await importFile(db(), { kind: 'members', path: file, mode: 'commit', cooperativeId: fx.c3 });
    assert.equal(seeded.rejectedRows, 0, JSON.stringify(seeded.errors));

    for (const format of ['csv', 'xlsx'] as const) {
      for (const coopId of [fx.c1, fx.c2, fx.c3]) {
        const path = await exportRegister(coopId, format);
        const r = await importFile(db(), { kind: 'members', path, mode: 'commit', cooperativeId: coopId });
        assert.deepEqual([r.rejectedRows, r.inserted, r.updated], [0, 0, 0], `${format} ${coopId}: ${JSON.stringify(r.errors.slice(0, 3))}`);
        assert.ok(r.unchanged > 0);
        assert.deepEqual(r.warnings, []);
      }
    }
    const csv = readFileSync(await exportRegister(fx.c3, 'csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFFNumero socio;Tipo persona;Codice fiscale;'));
    assert.match(csv, /;'=Chiara;/, 'a formula-looking cell is defused');
    assert.match(csv, /"D'Àlessandro ""detto; il Rosso""";/);
    assert.match(csv, /;1\.234\.567,89;0,01;/);
    assert.match(csv, /;utente, lavoratore;/, 'member types keep their order');
    assert.match(csv, /\r\n/);
  });

  test('the co-op list (CSV and XLSX)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const path = await toFile(`coops.${format}`, (out) => exportCooperatives(db(), null, {}, format, out));
      const r = await importFile(db(), { kind: 'cooperatives', path, mode: 'commit', actor: SYSTEM_ACTOR });
      assert.deepEqual([r.rejectedRows, r.inserted, r.updated, r.unchanged], [0, 0, 0, 3], `${format}: ${JSON.stringify(r.errors)}`);
    }
  });
});

describe('XLSX cells are typed', () => {
  test('dates as dates, money as numbers with two decimals, numbers as numbers', async () => {
    const path = await exportRegister(fx.c1, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 3), ['Numero socio', 'Tipo persona', 'Codice fiscale']);
    const colOf = (h: string) => header.indexOf(h) + 1;
    const row = ws.getRow(2);
    assert.equal(row.getCell(colOf('Numero socio')).value, 1);
    const admitted = row.getCell(colOf('Data ammissione'));
    assert.ok(admitted.value instanceof Date);
    assert.equal((admitted.value as Date).toISOString().slice(0, 10), '2015-02-01');
    assert.equal(admitted.numFmt, 'dd/mm/yyyy');
    const paid = row.getCell(colOf('Capitale versato'));
    assert.equal(paid.value, 75);
    assert.equal(paid.numFmt, '#,##0.00');
  });
});

describe('filters and paging', () => {
  const numbers = async (filters: MemberExportFilters) => {
    const text = readFileSync(await exportRegister(fx.c1, 'csv', filters), 'utf8');
    return text.trim().split('\r\n').slice(1).map((l) => Number(l.split(';')[0]));
  };
  test('the listing’s filters: status, member type, search, as of a date', async () => {
    assert.deepEqual(await numbers({}), [1, 2], 'active by default, as in the listing');
    assert.deepEqual(await numbers({ status: 'all' }), [1, 2, 3]);
    assert.deepEqual(await numbers({ status: 'exited' }), [3]);
    assert.deepEqual(await numbers({ status: 'all', memberType: 'sovventore' }), [2]);
    assert.deepEqual(await numbers({ status: 'all', q: 'verdi' }), [3]);
    assert.deepEqual(await numbers({ asOf: '2016-01-01' }), [1, 3], 'Luca had not left yet, Giulia had not joined');
    assert.deepEqual(await numbers({ asOf: '2022-06-30' }), [1, 2, 3]);
  });

  test('more rows than a page, in register order', async () => {
    const { rows } = await db().query<{ id: string }>(`INSERT INTO organisations (kind, name, parent_id) VALUES ('cooperative', 'Grande Coop', $1) RETURNING id`, [fx.bologna]);
    const coopId = (rows[0] as { id: string }).id;
    await db().query(`INSERT INTO cooperatives (organisation_id, codice_fiscale) VALUES ($1, $2)`, [coopId, companyCode(8888)]);
    const n = 4500;
    const lines = [csvLine(MEMBER_HEADER_IT)];
    for (let i = 0; i < n; i++) lines.push(csvLine(memberRow(20_000 + i, { registerNumber: n - i })));
    const r = await importFile(db(), { kind: 'members', path: dir.file('big.csv', lines.join('\n')), mode: 'commit', cooperativeId: coopId });
    assert.equal(r.inserted, n);
    const got = readFileSync(await exportRegister(coopId, 'csv'), 'utf8').trim().split('\r\n').slice(1).map((l) => Number(l.split(';')[0]));
    assert.equal(got.length, n);
    assert.deepEqual(got.slice(0, 3), [1, 2, 3]);
    assert.equal(got[n - 1], n);
  });
});

describe('routes', () => {
  const get = (who: string | null, url: string) => platform.app.inject({ method: 'GET', url, headers: who ? auth[who] : {} });

  test('register export: who may read the register may export it', async () => {
    const ok = await get('adminC1', `/api/v1/cooperatives/${fx.c1}/members/export?format=csv&status=all`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(String(ok.headers['content-type']), /text\/csv/);
    assert.match(String(ok.headers['content-disposition']), new RegExp(`attachment; filename="libro-soci-${fixtureCode(1001)}-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
    assert.equal(ok.body.trim().split('\r\n').length, 4);
    const staff = await get('staffBologna', `/api/v1/cooperatives/${fx.c1}/members/export?format=xlsx`);
    assert.equal(staff.statusCode, 200);
    assert.match(String(staff.headers['content-type']), /spreadsheetml/);
    assert.equal(staff.rawPayload.subarray(0, 2).toString(), 'PK');
    const audited = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.export.members' AND subject_id = $1 AND actor_account_id = $2`, [fx.c1, fx.accounts.adminC1.id]);
    assert.equal(Number(audited.rows[0]?.n), 1, 'the export is in the audit log');
    assert.equal((await get('adminC3', `/api/v1/cooperatives/${fx.c1}/members/export`)).statusCode, 403);
    assert.equal((await get('member', `/api/v1/cooperatives/${fx.c1}/members/export`)).statusCode, 403);
    assert.equal((await get(null, `/api/v1/cooperatives/${fx.c1}/members/export`)).statusCode, 401);
    assert.equal((await get('admin', `/api/v1/cooperatives/${randomUUID()}/members/export`)).statusCode, 404);
    assert.equal((await get('admin', `/api/v1/cooperatives/${fx.c1}/members/export?format=pdf`)).statusCode, 400);
    assert.equal((await get('admin', `/api/v1/cooperatives/${fx.c1}/members/export?asOf=ieri`)).statusCode, 400);
  });

  test('co-op list export: scoped to what the user may see, with the listing’s filters', async () => {
    const names = async (who: string, query = '') => {
      const res = await get(who, `/api/v1/cooperatives/export?format=csv${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /cooperative-\d{4}-\d{2}-\d{2}\.csv/);
      return res.body.trim().split('\r\n').slice(1).map((l) => l.split(';')[0]).filter((n) => n !== 'Grande Coop');
    };
    assert.deepEqual(await names('admin'), ['Cooperativa Romagnola Servizi', 'Cooperativa Sociale Il Mosaico', 'Costruttori Bolognesi Soc. Coop.']);
    assert.deepEqual(await names('staffBologna'), ['Cooperativa Sociale Il Mosaico', 'Costruttori Bolognesi Soc. Coop.']);
    assert.deepEqual(await names('staffSociali'), ['Cooperativa Romagnola Servizi', 'Cooperativa Sociale Il Mosaico']);
    assert.deepEqual(await names('adminC3'), ['Costruttori Bolognesi Soc. Coop.']);
    assert.deepEqual(await names('member'), []);
    assert.deepEqual(await names('admin', '&province=RA'), ['Cooperativa Romagnola Servizi']);
    assert.deepEqual(await names('admin', '&category=sociali'), ['Cooperativa Sociale Il Mosaico']);
    assert.deepEqual(await names('admin', `&organisationId=${fx.produzione}`), ['Cooperativa Romagnola Servizi', 'Costruttori Bolognesi Soc. Coop.']);
    assert.deepEqual(await names('admin', '&q=mosaico'), ['Cooperativa Sociale Il Mosaico']);
    const xlsx = await get('admin', '/api/v1/cooperatives/export?format=xlsx');
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]?.getCell('A1').value, 'Denominazione');
    assert.equal((await get('admin', '/api/v1/cooperatives/export?province=bologna')).statusCode, 400);
  });
});
