// Importing exchanges from awkward Italian spreadsheets: BOM, `;` or `,`, Latin-1, `1.234,56`, dd/mm/yyyy, quoted
// newlines, blank lines, XLSX cells; a dry run reporting every rejected row (row, column, value, reason) and writing
// nothing; commits that are idempotent (by reference, or by content when there is none).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { setup, assertProblem, multipartBody, type Ctx, type Who } from './helpers.ts';

let c: Ctx;
let cf: { mario: string; giulia: string };
before(async () => {
  c = await setup();
  const { rows } = await c.p.database.query<{ id: string; codice_fiscale: string }>('SELECT id, codice_fiscale FROM people WHERE id = ANY($1::uuid[])', [[c.f.people.mario, c.f.people.giulia]]);
  cf = { mario: rows.find((r) => r.id === c.f.people.mario)?.codice_fiscale ?? '', giulia: rows.find((r) => r.id === c.f.people.giulia)?.codice_fiscale ?? '' };
});
after(() => c.close());

async function upload(who: Who, content: Buffer | string, mode: 'dry-run' | 'commit', name = 'scambi.csv', coop = c.f.c1, type?: string) {
  const { body, headers } = multipartBody({ mode }, { name, content, ...(type ? { type } : {}) });
  return c.p.app.inject({ method: 'POST', url: `/api/v1/cooperatives/${coop}/exchanges/import`, payload: body, headers: { ...headers, ...c.headers[who] } });
}
const entries = () => c.count('SELECT 1 FROM exchange_entries');

const italianCsv = () =>
  '\uFEFF' +
  [
    'Riferimento;Numero socio;Codice fiscale;Tipo scambio;Data;Quantità;Unità;Valore;Qualità;Descrizione',
    'CED-01;1;;lavoro;31/01/2025;160;ore;2.150,00;;Cedolino gennaio',
    `DDT-4512;;${cf.giulia};Conferimento;12/09/2025;1.250,5;kg;875,35;A;"Uve; consegna\nserale"`,
    ';;;;;;;;;',
    'CED-02;1;;lavoro;31/02/2025;160;ore;2.150,00;;',
    'CED-03;99;;lavoro;28/02/2025;160;ore;2.150,00;;',
    'SC-1;1;;regalo;28/02/2025;;;10,00;;',
    'SC-2;1;;acquisto;28/02/2025;;;12,345;;',
    'CED-04;3;;lavoro;28/02/2025;10;;100,00;;',
    '',
    `SC-3;2;${cf.mario};acquisto;01/03/2025;;;45,90;;`,
  ].join('\r\n') +
  '\r\n';

test('dry run: every rejected row with its row, column, value and reason; nothing written', async () => {
  const before = await entries();
  const res = await upload('adminC1', italianCsv(), 'dry-run');
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  assert.deepEqual([r.encoding, r.delimiter, r.totalRows, r.validRows, r.rejectedRows, r.inserted, r.committed], ['utf-8-bom', ';', 8, 2, 6, 2, false]);
  const byRow = Object.fromEntries(r.errors.map((e: { row: number; column: string; value: string; code: string; reason: string }) => [e.row, e]));
  assert.deepEqual([byRow[5].column, byRow[5].value, byRow[5].code], ['Data', '31/02/2025', 'import.value.date']);
  assert.match(byRow[5].reason, /gg\/mm\/aaaa/);
  assert.deepEqual([byRow[6].column, byRow[6].code], ['Numero socio', 'exchange.import.member-unknown']);
  assert.deepEqual([byRow[7].column, byRow[7].value, byRow[7].code], ['Tipo scambio', 'regalo', 'exchange.import.kind']);
  assert.deepEqual([byRow[8].column, byRow[8].code], ['Valore', 'import.value.money-decimals']);
  assert.deepEqual([byRow[9].column, byRow[9].code], ['Data', 'exchange.outside-membership'], 'Luca left in 2022');
  assert.deepEqual([byRow[11].column, byRow[11].code], ['Codice fiscale', 'exchange.import.member-mismatch']);
  assert.equal(await entries(), before);
});

test('commit writes the valid rows; the same file again changes nothing', async () => {
  const before = await entries();
  const first = (await upload('adminC1', italianCsv(), 'commit')).json();
  assert.deepEqual([first.inserted, first.unchanged, first.committed], [2, 0, true]);
  assert.equal(await entries(), before + 2);
  const { rows } = await c.p.database.query<{ quantity: string; value_cents: number; grade: string; description: string }>(`SELECT quantity::text, value_cents, grade, description FROM exchange_entries WHERE external_ref = 'DDT-4512'`);
  assert.deepEqual(rows[0], { quantity: '1250.500', value_cents: 87_535, grade: 'A', description: 'Uve; consegna\nserale' });
  const again = (await upload('adminC1', italianCsv(), 'commit')).json();
  assert.deepEqual([again.inserted, again.unchanged, again.rejectedRows], [0, 2, 6]);
  assert.equal(await entries(), before + 2);
  assert.equal(await c.count(`SELECT 1 FROM audit_log WHERE action = 'exchange.import'`), 2);
});

test('a reference already imported with other data is a rejected row, not an overwrite', async () => {
  const csv = 'Riferimento;Numero socio;Tipo scambio;Data;Quantità;Valore\r\nCED-01;1;lavoro;31/01/2025;160;2.151,00\r\n';
  const r = (await upload('adminC1', csv, 'commit')).json();
  assert.deepEqual([r.inserted, r.rejectedRows, r.errors[0].code, r.errors[0].column], [0, 1, 'exchange.import.ref-conflict', 'Riferimento']);
});

test('Latin-1, commas, English headers and no reference column: rows keyed by content, identical rows kept apart', async () => {
  const csv = [
    'Member number,Kind,Date,Value,Description',
    '1,purchase,2025-04-01,"1.234,56",Caffè e università',
    '1,purchase,2025-04-01,"1.234,56",Caffè e università',
    '2,service,05/04/2025,"10,00",',
  ].join('\n');
  const file = iconv.encode(csv, 'win1252');
  const r = (await upload('adminC1', file, 'commit', 'export.csv')).json();
  assert.deepEqual([r.encoding, r.delimiter, r.inserted, r.rejectedRows], ['latin1', ',', 3, 0]);
  const { rows } = await c.p.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_entries WHERE description = 'Caffè e università'`);
  assert.equal(rows[0]?.n, 2, 'two identical purchases are two entries');
  const again = (await upload('adminC1', file, 'commit', 'export.csv')).json();
  assert.deepEqual([again.inserted, again.unchanged], [0, 3]);
});

test('XLSX with typed cells (dates, numbers)', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Scambi');
  ws.addRow(['Numero socio', 'Tipo', 'Data', 'Ore', 'Retribuzione', 'Rif.']);
  ws.addRow([2, 'lavoro', new Date(Date.UTC(2025, 5, 30)), 120.25, 1_500.5, 'X-1']);
  ws.addRow([2, 'lavoro', 45_838, 10, 100, 'X-2']); // a date typed as Excel's serial number: 2025-06-30
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const res = await upload('adminC1', buf, 'commit', 'scambi.xlsx', c.f.c1, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const r = res.json();
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([r.format, r.inserted, r.rejectedRows], ['xlsx', 2, 0]);
  const { rows } = await c.p.database.query<{ occurred_on: string; quantity: string; value_cents: number }>(`SELECT occurred_on::text, quantity::text, value_cents FROM exchange_entries WHERE external_ref = 'X-1'`);
  assert.deepEqual(rows[0], { occurred_on: '2025-06-30', quantity: '120.250', value_cents: 150_050 });
});

test('file-level problems are 400s naming the file; wrong people are refused before reading', async () => {
  assertProblem(await upload('adminC1', 'Numero socio;Data;Valore\r\n1;01/01/2025;1,00\r\n', 'dry-run'), 400, 'file');
  assertProblem(await upload('adminC1', 'Tipo;Data;Valore\r\nlavoro;01/01/2025;1,00\r\n', 'dry-run'), 400, 'file');
  assertProblem(await upload('adminC1', '', 'dry-run'), 400, 'file');
  assertProblem(await upload('adminC1', 'Numero socio;Tipo;Data;Valore\r\n', 'dry-run'), 400, 'file');
  assertProblem(await upload('adminC1', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00]), 'dry-run', 'x.pdf'), 400, 'file');
  assert.equal((await upload('member', italianCsv(), 'commit')).statusCode, 403);
  assert.equal((await upload('adminC3', italianCsv(), 'commit')).statusCode, 403);
  assert.equal((await upload('staffBologna', italianCsv(), 'commit')).statusCode, 403);
  const { body, headers } = multipartBody({ mode: 'later' }, { name: 'a.csv', content: italianCsv() });
  assertProblem(await c.p.app.inject({ method: 'POST', url: `/api/v1/cooperatives/${c.f.c1}/exchanges/import`, payload: body, headers: { ...headers, ...c.headers.adminC1 } }), 400, 'mode');
});

test('rows of a year whose ristorni are computed are rejected', async () => {
  await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${c.f.c1}/financial-statements/2025`, { lines: [{ line: 'B9', membersCents: 1_000, othersCents: 0 }] });
  const run = (await c.req('adminC1', 'POST', `/api/v1/cooperatives/${c.f.c1}/ristorni`, { year: 2025, surplusCents: 100, kinds: [{ kind: 'work' }] })).json();
  assert.equal((await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/compute`)).statusCode, 200);
  const r = (await upload('adminC1', 'Numero socio;Tipo;Data;Ore;Valore\r\n1;lavoro;30/11/2025;1;10,00\r\n', 'commit')).json();
  assert.deepEqual([r.inserted, r.errors[0]?.code], [0, 'exchange.year-closed']);
  const template = await c.req('adminC1', 'GET', '/api/v1/exchanges/template?lang=it');
  assert.match(template.body, /^\uFEFFRiferimento;Numero socio;Codice fiscale;Tipo scambio;Data/);
});
