// Property: whatever the rows of a CSV hold (random strings, numbers, dates, quotes, separators, control
// characters, either encoding or delimiter), an import never fails with a server error and never writes part of
// a row — each row is in the register whole (person and membership) or reported with its row number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { freshDatabase, type TestDatabase } from '../../support/database.ts';
import { importFile } from '../../../src/modules/registry/import/importer.ts';
import { ImportFileError } from '../../../src/modules/registry/import/source.ts';
import { seedSmallFederation, type SmallFederation } from '../../support/fixtures.ts';
import { seedFederation, memberRow, MEMBER_HEADER_IT, csvLine, TempDir, count, person, type Federation } from './helpers.ts';
import { startImportTestPlatform, multipartBody, type ImportTestPlatform } from './platform.ts';

const dir = new TempDir();
after(() => dir.remove());

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
  fc.constantFrom('', ' ', '"', '""', '"a"b', ';', ',', '\t', '\n', '\r\n', '\r', '\u0000', '\uFEFF', '\uFFFD', '1.234,56', '-1', '0', '2147483648', '99999999999',
    '31/02/2024', '2024-13-01', '29/02/2024', '01/01/1700', 'sì', 'no', 'lavoratore|utente', 'astronauta', 'volontario', '€ 12', '12,345', "'=1+1", '=HYPERLINK("x")',
    'x'.repeat(400), 'recesso', 'Decesso', 'giuridica', 'F', 'X', 'BO', 'Zz', 'RSSMRA80A01H501U', '00000000000', 'IT01234567890'),
  fc.integer({ min: -1e9, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.date({ min: new Date(Date.UTC(1600, 0, 1)), max: new Date(Date.UTC(2400, 0, 1)), noInvalidDate: true }).map((d) => {
    const iso = d.toISOString().slice(0, 10);
    return d.getUTCDate() % 2 ? iso : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }),
);

/** 1–12 rows: each a valid row of person `seed + i` with up to three cells replaced, or a raw junk line. */
const rowsArb = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ mutations: fc.array(fc.tuple(fc.nat({ max: MEMBER_HEADER_IT.length + 1 }), junk), { maxLength: 3 }), raw: fc.constant(null) }) },
    { weight: 1, arbitrary: fc.record({ mutations: fc.constant([]), raw: fc.array(junk, { maxLength: 4 }).map((cells) => cells.join(';')) }) },
  ),
  { minLength: 1, maxLength: 12 },
);

/**
 * The file, and the spreadsheet row of each register number up to the first raw junk line (after one, quotes or
 * line breaks in the junk make the row numbers unpredictable).
 */
function buildCsv(
  seed: number,
  rows: readonly { mutations: readonly (readonly [number, string])[]; raw: string | null }[],
  delimiter: ';' | ',',
  latin1: boolean,
): { content: Buffer; rowOf: Map<number, number> } {
  const lines = [csvLine(MEMBER_HEADER_IT, delimiter)];
  const rowOf = new Map<number, number>();
  let predictable = true;
  rows.forEach((r, i) => {
    if (r.raw !== null) {
      lines.push(r.raw);
      predictable = false;
      return;
    }
    const cells = memberRow(seed + i, { registerNumber: i + 1 });
    for (const [at, v] of r.mutations) cells[at] = v;
    if (predictable) rowOf.set(i + 1, lines.length + 1);
    lines.push(csvLine(cells, delimiter));
  });
  const text = lines.join('\r\n') + '\r\n';
  return { content: latin1 ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8'), rowOf };
}

async function newCoop(db: TestDatabase['database'], parent: string, n: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO organisations (kind, name, parent_id) VALUES ('cooperative', $1, $2) RETURNING id`, [`Prop ${n}`, parent]);
  const id = (rows[0] as { id: string }).id;
  await db.query(`INSERT INTO cooperatives (organisation_id, codice_fiscale) VALUES ($1, $2)`, [id, '9' + String(n).padStart(10, '0')]);
  return id;
}

/** Every membership of the co-op comes from a row not reported, whole; no person exists without a membership. */
async function assertWholeRows(
  db: TestDatabase['database'],
  coopId: string,
  seed: number,
  rowOf: Map<number, number>,
  report: { validRows: number; totalRows: number; rejectedRows: number; errors: { row: number | null }[] },
) {
  assert.equal(report.totalRows, report.validRows + report.rejectedRows);
  const rejected = new Set(report.errors.map((e) => e.row));
  const { rows } = await db.query<{ register_number: number; codice_fiscale: string }>(
    `SELECT m.register_number, p.codice_fiscale FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.cooperative_id = $1`,
    [coopId],
  );
  assert.equal(rows.length, report.validRows);
  for (const r of rows) {
    // A membership written from a generated row (its person and number unchanged by mutations) was not reported.
    const row = rowOf.get(r.register_number);
    if (row !== undefined && r.codice_fiscale === person(seed + r.register_number - 1).codiceFiscale) {
      assert.ok(!rejected.has(row), `row ${row} is both reported and written`);
    }
  }
  assert.equal(await count(db, 'SELECT 1 FROM people p WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id)'), 0);
}

let fresh: TestDatabase;
let fed: Federation;
before(async () => {
  fresh = await freshDatabase();
  fed = await seedFederation(fresh.database);
});
after(async () => {
  await fresh.close();
});

test('random rows never fail the import nor get half-written (service)', async () => {
  let run = 0;
  const seen = { valid: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(rowsArb, fc.constantFrom<';' | ','>(';', ','), fc.boolean(), fc.boolean(), async (rows, delimiter, latin1, dry) => {
      run++;
      const seed = 1_000 + run * 20;
      const coopId = await newCoop(fresh.database, fed.bolognaId, run);
      const { content, rowOf } = buildCsv(seed, rows, delimiter, latin1);
      const path = dir.file(`p${run}.csv`, content);
      let report;
      try {
        report = await importFile(fresh.database, { kind: 'members', path, mode: dry ? 'dry-run' : 'commit', cooperativeId: coopId, batchSize: 4 });
      } catch (e) {
        // Only a file-level refusal is acceptable (e.g. every row blank → header only).
        assert.ok(e instanceof ImportFileError, String(e));
        assert.equal(await count(fresh.database, 'SELECT 1 FROM memberships WHERE cooperative_id = $1', [coopId]), 0);
        return;
      }
      if (dry) {
        assert.equal(await count(fresh.database, 'SELECT 1 FROM memberships WHERE cooperative_id = $1', [coopId]), 0);
        return;
      }
      await assertWholeRows(fresh.database, coopId, seed, rowOf, report);
      seen.valid += report.validRows;
      seen.rejected += report.rejectedRows;
      // Importing the same file again changes nothing.
      const again = await importFile(fresh.database, { kind: 'members', path, mode: 'commit', cooperativeId: coopId, batchSize: 4 });
      assert.equal(again.inserted + again.updated, 0, JSON.stringify(again));
      assert.equal(again.unchanged, report.validRows);
    }),
    { numRuns: 40 },
  );
  // The generator exercises both outcomes.
  assert.ok(seen.valid > 0 && seen.rejected > 0, JSON.stringify(seen));
});

test('random rows never produce a 5xx (HTTP)', async () => {
  const platform: ImportTestPlatform = await startImportTestPlatform();
  try {
    const fx: SmallFederation = await seedSmallFederation(platform.database);
    const headers = await platform.signIn(fx.accounts.admin.email, fx.accounts.admin.password);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.constantFrom<';' | ','>(';', ','), fc.boolean(), async (rows, delimiter, latin1) => {
        run++;
        const seed = 5_000 + run * 20;
        const coopId = await newCoop(platform.database, fx.bologna, 900 + run);
        const { content, rowOf } = buildCsv(seed, rows, delimiter, latin1);
        const { body, headers: h } = multipartBody({ kind: 'members', cooperativeId: coopId, mode: 'commit' }, { name: 'r.csv', content });
        const res = await platform.app.inject({ method: 'POST', url: '/api/v1/imports', payload: body, headers: { ...h, ...headers } });
        assert.ok(res.statusCode === 200 || res.statusCode === 400, `${res.statusCode} ${res.body}`);
        if (res.statusCode === 200) await assertWholeRows(platform.database as TestDatabase['database'], coopId, seed, rowOf, res.json());
      }),
      { numRuns: 15 },
    );
  } finally {
    await platform.close();
  }
});
