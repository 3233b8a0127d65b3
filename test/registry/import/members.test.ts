// Importing a libro soci (service level, both backends): awkward files, dry run, commit, re-import, conflicts with
// the register as it is, a crash in the middle of a batch, and the member-stats aggregates afterwards.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { freshDatabase, type TestDatabase } from '../../support/database.ts';
import { importFile, type ImportReport } from '../../../src/modules/registry/import/importer.ts';
import { ImportFileError } from '../../../src/modules/registry/import/source.ts';
import { CURRENT_YEAR_KEY } from '../../../src/modules/registry/stats.ts';
import { seedFederation, memberRow, MEMBER_HEADER_IT, csvLine, TempDir, count, person, type Federation } from './helpers.ts';
import { computeCompanyCheckDigit } from '../../../src/modules/registry/domain/index.ts';

let fresh: TestDatabase;
let fed: Federation;
const dir = new TempDir();

before(async () => {
  fresh = await freshDatabase();
  fed = await seedFederation(fresh.database);
});
after(async () => {
  await fresh.close();
  dir.remove();
});

const db = () => fresh.database;
const H = MEMBER_HEADER_IT;
const col = (name: string) => H.indexOf(name);
const with_ = (cells: string[], changes: Record<string, string>) => {
  const c = [...cells];
  for (const [k, v] of Object.entries(changes)) c[col(k)] = v;
  return c;
};

async function run(file: string, mode: 'dry-run' | 'commit', extra: Partial<Parameters<typeof importFile>[1]> = {}): Promise<ImportReport> {
  return importFile(db(), { kind: 'members', path: file, mode, cooperativeId: extra.cooperativeId ?? fed.coopId, batchSize: 7, ...extra });
}

async function snapshot(): Promise<string> {
  const { rows } = await db().query(`SELECT
      (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM memberships)::int AS memberships,
      (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM coop_member_stats)::int AS stats,
      (SELECT coalesce(max(updated_at)::text, '') FROM memberships) AS m_updated, (SELECT coalesce(max(updated_at)::text, '') FROM people) AS p_updated`);
  return JSON.stringify(rows[0]);
}

async function clearRegister(coopId = fed.coopId): Promise<void> {
  await db().query('DELETE FROM memberships WHERE cooperative_id = $1', [coopId]);
  await db().query('DELETE FROM coop_member_stats WHERE cooperative_id = $1', [coopId]);
  await db().query('DELETE FROM people p WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id)');
}

describe('awkward CSV files', () => {
  test('BOM, CRLF, quoted newlines, blank lines, ";" — dry run writes nothing, commit writes only valid rows, re-import changes nothing', async () => {
    await clearRegister();
    const lines = [csvLine(H)];
    for (let i = 0; i < 15; i++) lines.push(csvLine(memberRow(i)));
    lines.push('');
    lines.push(csvLine(with_(memberRow(15), { 'Tipo uscita': 'recesso', 'Data uscita': '31/12/2023', 'Motivo uscita': 'Trasferito\r\nall’estero; "definitivamente"' })));
    lines.push(';;;;;;;;');
    lines.push(csvLine(with_(memberRow(16), { 'Codice fiscale': 'RSSMRA80A01H501X' }))); // bad check character → row 20
    lines.push(csvLine(memberRow(3, { registerNumber: 900 }))); // same person, open twice → row 21
    lines.push(csvLine(memberRow(17, { registerNumber: 5 }))); // register number of row 6 → row 22
    const file = dir.file('soci.csv', '\uFEFF' + lines.join('\r\n') + '\r\n');

    const before = await snapshot();
    const dry = await run(file, 'dry-run');
    assert.equal(await snapshot(), before, 'a dry run writes nothing');
    assert.equal(dry.encoding, 'utf-8-bom');
    assert.equal(dry.delimiter, ';');
    assert.equal(dry.totalRows, 19);
    assert.equal(dry.validRows, 16);
    assert.equal(dry.rejectedRows, 3);
    assert.equal(dry.inserted, 16);
    assert.equal(dry.committed, false);
    assert.deepEqual(
      dry.errors.map((e) => [e.row, e.column, e.code]),
      [
        [20, 'Codice fiscale', 'import.fiscal-code.check'],
        [21, 'Codice fiscale', 'import.duplicate.fiscal-code'],
        [22, 'Numero socio', 'import.duplicate.register-number'],
      ],
    );
    assert.match(dry.errors[1]?.reason ?? '', /riga 5/);

    const commit = await run(file, 'commit');
    assert.equal(commit.committed, true);
    assert.equal(commit.inserted, 16);
    assert.equal(await count(db(), 'SELECT 1 FROM memberships WHERE cooperative_id = $1', [fed.coopId]), 16);
    const exited = await db().query<{ exit_reason: string; exit_kind: string; exit_on: string }>(
      'SELECT exit_reason, exit_kind, exit_on FROM memberships WHERE cooperative_id = $1 AND register_number = 16',
      [fed.coopId],
    );
    assert.deepEqual(exited.rows[0], { exit_reason: 'Trasferito\r\nall’estero; "definitivamente"', exit_kind: 'recesso', exit_on: '2023-12-31' });
    assert.equal(await count(db(), 'SELECT 1 FROM memberships WHERE register_number IN (900, 17)'), 0);

    const afterCommit = await snapshot();
    const again = await run(file, 'commit');
    assert.deepEqual([again.inserted, again.updated, again.unchanged, again.rejectedRows], [0, 0, 16, 3]);
    const afterAgain = JSON.parse(await snapshot());
    const prior = JSON.parse(afterCommit);
    assert.equal(afterAgain.m_updated, prior.m_updated, 're-import touches no membership');
    assert.equal(afterAgain.p_updated, prior.p_updated, 're-import touches no person');
    assert.equal(afterAgain.audit, prior.audit, 'nothing written, nothing audited');
  });

  test('Latin-1 (Windows-1252) with accented names, "," delimiter, English headers, ISO dates, LF', async () => {
    await clearRegister();
    const header = ['Member number', 'Tax code', 'Family name', 'Given name', 'Member types', 'Admission date', 'Paid-in capital', 'Subscribed capital', 'City'];
    const names: [string, string][] = [['Niccolò', 'Forlì'], ['Bèatrice', 'Città di Castello'], ['Lucia', 'Cantù']];
    const lines = [header.join(',')];
    names.forEach(([given, city], i) => {
      const p = person(100 + i * 2 + (given === 'Niccolò' ? 1 : 0));
      lines.push([String(i + 1), p.codiceFiscale, p.familyName, given, 'worker|user', '2021-03-15', '"12,50"', '25.00', city].join(','));
    });
    const file = dir.file('latin1.csv', iconv.encode(lines.join('\n') + '\n', 'win1252'));
    const r = await run(file, 'commit', { locale: 'en' });
    assert.equal(r.encoding, 'latin1');
    assert.equal(r.delimiter, ',');
    assert.equal(r.rejectedRows, 0, JSON.stringify(r.errors));
    const { rows } = await db().query<{ given_name: string; comune: string; member_types: string[]; paid_cents: number; subscribed_cents: number }>(
      `SELECT p.given_name, p.comune, m.member_types, m.paid_cents, m.subscribed_cents FROM memberships m JOIN people p ON p.id = m.person_id
        WHERE m.cooperative_id = $1 ORDER BY m.register_number`,
      [fed.coopId],
    );
    assert.deepEqual(rows.map((x) => [x.given_name, x.comune]), names);
    assert.deepEqual(rows[0]?.member_types, ['lavoratore', 'utente']);
    assert.equal(Number(rows[0]?.paid_cents), 1250);
    assert.equal(Number(rows[0]?.subscribed_cents), 2500);
  });

  test('tab-separated, unknown columns become one warning each, reasons in English', async () => {
    await clearRegister();
    const header = [...H, 'Note interne', 'Colore preferito'];
    const lines = [header.join('\t'), [...memberRow(1), 'x', 'blu'].join('\t'), [...with_(memberRow(2), { Email: 'nope' }), '', ''].join('\t')];
    const r = await run(dir.file('tab.tsv', lines.join('\n')), 'dry-run', { locale: 'en' });
    assert.equal(r.delimiter, '\t');
    assert.deepEqual(r.warnings.map((w) => [w.column, w.code]), [['Note interne', 'import.column.unknown'], ['Colore preferito', 'import.column.unknown']]);
    assert.equal(r.errors[0]?.reason, 'Invalid email address');
  });

  test('file-level refusals: missing required columns, header only', async () => {
    const missing = dir.file('missing.csv', 'Nome;Cognome;Email\nMario;Rossi;m@example.it\n');
    await assert.rejects(run(missing, 'dry-run'), (e: unknown) => {
      assert.ok(e instanceof ImportFileError);
      assert.deepEqual(e.fields.map((f) => f.params?.column).sort(), ['Codice fiscale', 'Data ammissione', 'Numero socio', 'Tipi socio']);
      return true;
    });
    const headerOnly = dir.file('header.csv', '\uFEFF' + csvLine(H) + '\r\n\r\n;;;\r\n');
    await assert.rejects(run(headerOnly, 'commit'), (e: unknown) => e instanceof ImportFileError && e.fields[0]?.code === 'import.file.header-only');
  });

  test('the errors list is capped but counts stay exact; every error reaches onRowError', async () => {
    const lines = [csvLine(H)];
    for (let i = 0; i < 30; i++) lines.push(csvLine(with_(memberRow(200 + i), { 'Data ammissione': 'ieri' })));
    const seen: number[] = [];
    const r = await run(dir.file('many-errors.csv', lines.join('\n')), 'dry-run', { maxErrors: 10, onRowError: (e) => seen.push(e.row ?? 0) });
    assert.equal(r.rejectedRows, 30);
    assert.equal(r.errors.length, 10);
    assert.equal(r.truncated, true);
    assert.equal(new Set(seen).size, 30);
  });
});

describe('XLSX', () => {
  test('typed cells: dates, numbers, a company code that lost its leading zero, rich text', async () => {
    await clearRegister();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Soci');
    ws.addRow(['Numero socio', 'Codice fiscale', 'Cognome', 'Nome', 'Denominazione', 'Tipi socio', 'Data ammissione', 'Numero quote', 'Capitale sottoscritto', 'Capitale versato']);
    const p = person(300);
    ws.addRow([1, p.codiceFiscale, p.familyName, { richText: [{ text: p.givenName.slice(0, 2) }, { text: p.givenName.slice(2) }] }, null, 'lavoratore', new Date(Date.UTC(2020, 2, 12)), 2, 50, 25.5]);
    ws.getCell('G2').numFmt = 'dd/mm/yyyy';
    ws.addRow([]);
    const legal = '0123456037' + computeCompanyCheckDigit('0123456037'); // Excel keeps it as a number without the zero
    ws.addRow([2, Number(legal), null, null, 'Consorzio Zeta', 'sovventore', '01/06/2021', 1, 25, 0]);
    ws.addRow([3, person(301).codiceFiscale, 'Neri', 'Anna', null, 'lavoratore', 'non una data', 1, 25, 0]);
    const file = dir.path + '/soci.xlsx';
    await wb.xlsx.writeFile(file);
    const r = await run(file, 'commit');
    assert.equal(r.format, 'xlsx');
    assert.equal(r.delimiter, null);
    assert.equal(r.inserted, 2, JSON.stringify(r.errors));
    assert.deepEqual(r.errors.map((e) => [e.row, e.column, e.code]), [[5, 'Data ammissione', 'import.value.date']]);
    const { rows } = await db().query<{ register_number: number; codice_fiscale: string; given_name: string | null; admitted_on: string; paid_cents: number }>(
      `SELECT m.register_number, p.codice_fiscale, p.given_name, m.admitted_on, m.paid_cents FROM memberships m JOIN people p ON p.id = m.person_id
        WHERE m.cooperative_id = $1 ORDER BY 1`,
      [fed.coopId],
    );
    assert.deepEqual(rows.map((x) => [x.register_number, x.codice_fiscale, x.given_name, x.admitted_on, Number(x.paid_cents)]), [
      [1, p.codiceFiscale, p.givenName, '2020-03-12', 2550],
      [2, legal, null, '2021-06-01', 0],
    ]);
  });
});

describe('the register as it is', () => {
  test('a file with fewer columns updates what it has and keeps the rest', async () => {
    await clearRegister();
    const full = [csvLine(H), ...[0, 1, 2].map((i) => csvLine(memberRow(i)))];
    await run(dir.file('full.csv', full.join('\n')), 'commit');
    const slim = ['Numero socio;Codice fiscale;Cognome;Nome;Tipi socio;Data ammissione;Email'];
    for (const i of [0, 1, 2]) {
      const p = person(i);
      slim.push([i + 1, p.codiceFiscale, p.familyName, p.givenName, i === 0 ? 'lavoratore, utente' : 'lavoratore', '15/03/2021', i === 1 ? 'nuova@example.it' : `socio${i}@example.it`].join(';'));
    }
    const r = await run(dir.file('slim.csv', slim.join('\n')), 'commit');
    assert.deepEqual([r.inserted, r.updated, r.unchanged], [0, 1, 2], JSON.stringify(r));
    const { rows } = await db().query<{ email: string; paid_cents: number; shares_count: number }>(
      `SELECT p.email, m.paid_cents, m.shares_count FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.cooperative_id = $1 AND m.register_number = 2`,
      [fed.coopId],
    );
    assert.equal(rows[0]?.email, 'nuova@example.it');
    assert.equal(rows[0]?.shares_count, 2, 'absent columns are kept');
    assert.equal(Number(rows[0]?.paid_cents), 2500);
  });

  test('conflicts: a number that belongs to someone else, a second open membership; a re-admission is fine', async () => {
    await clearRegister();
    await run(dir.file('base.csv', [csvLine(H), csvLine(memberRow(0)), csvLine(memberRow(1))].join('\n')), 'commit');
    const lines = [
      csvLine(H),
      csvLine(memberRow(5, { registerNumber: 2 })), // number 2 is person(1)'s → row 2
      csvLine(memberRow(1, { registerNumber: 50 })), // person(1) already open as number 2 → row 3
      csvLine(with_(memberRow(0), { 'Tipo uscita': 'recesso', 'Data uscita': '31/12/2022' })), // closes number 1 → row 4
      csvLine(with_(memberRow(0, { registerNumber: 60 }), { 'Data ammissione': '01/02/2024', 'Data iscrizione': '01/02/2024' })), // re-admission → row 5
    ];
    const r = await run(dir.file('conflicts.csv', lines.join('\n')), 'commit', { batchSize: 100 });
    assert.deepEqual(r.errors.map((e) => [e.row, e.code]), [
      [2, 'import.conflict.register-number'],
      [3, 'import.conflict.open-membership'],
    ]);
    assert.match(r.errors[1]?.reason ?? '', /numero 2/);
    assert.deepEqual([r.inserted, r.updated], [1, 1]);
    const { rows } = await db().query<{ register_number: number; exit_on: string | null }>(
      `SELECT m.register_number, m.exit_on FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.codice_fiscale = $1 ORDER BY 1`,
      [person(0).codiceFiscale],
    );
    assert.deepEqual(rows, [{ register_number: 1, exit_on: '2022-12-31' }, { register_number: 60, exit_on: null }]);
  });

  test('one person, several co-ops: the person is shared, not duplicated', async () => {
    await clearRegister();
    await clearRegister(fed.otherCoopId);
    const file = dir.file('two.csv', [csvLine(H), csvLine(memberRow(40)), csvLine(memberRow(41))].join('\n'));
    await run(file, 'commit');
    const r = await run(file, 'commit', { cooperativeId: fed.otherCoopId });
    assert.equal(r.inserted, 2);
    assert.equal(await count(db(), 'SELECT 1 FROM people WHERE codice_fiscale = ANY($1)', [[person(40).codiceFiscale, person(41).codiceFiscale]]), 2);
    assert.equal(await count(db(), 'SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.codice_fiscale = $1', [person(40).codiceFiscale]), 2);
  });

  test('the member-stats aggregates are right after an import', async () => {
    await clearRegister();
    const lines = [csvLine(H)];
    for (let i = 0; i < 30; i++) {
      let cells = memberRow(500 + i, { registerNumber: i + 1, types: i % 3 === 0 ? 'lavoratore, sovventore' : 'lavoratore' });
      if (i % 5 === 0) cells = with_(cells, { 'Tipo uscita': 'recesso', 'Data uscita': '30/06/2022' });
      lines.push(csvLine(cells));
    }
    const r = await run(dir.file('stats.csv', lines.join('\n')), 'commit');
    assert.equal(r.inserted, 30);
    const stat = async (year: number, type: string) =>
      Number(
        (await db().query<{ n: number }>('SELECT coalesce(sum(members), 0)::int AS n FROM coop_member_stats WHERE cooperative_id = $1 AND year = $2 AND member_type = $3', [fed.coopId, year, type]))
          .rows[0]?.n,
      );
    const open = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 5 !== 0);
    assert.equal(await stat(CURRENT_YEAR_KEY, '*'), open.length);
    assert.equal(await stat(CURRENT_YEAR_KEY, 'sovventore'), open.filter((i) => i % 3 === 0).length);
    assert.equal(await stat(2021, '*'), 30, 'all admitted in 2021, none exited yet');
    assert.equal(await stat(2022, '*'), open.length);
    const women = Number(
      (await db().query<{ n: number }>(`SELECT coalesce(sum(members), 0)::int AS n FROM coop_member_stats WHERE cooperative_id = $1 AND year = $2 AND member_type = '*' AND gender = 'F'`, [fed.coopId, CURRENT_YEAR_KEY])).rows[0]?.n,
    );
    assert.equal(women, open.filter((i) => (500 + i) % 2 === 0).length);
  });
});

describe('crashes and re-runs', () => {
  test('a failure in the middle of a batch leaves nothing half-written, and a re-run completes', async () => {
    await clearRegister();
    const lines = [csvLine(H)];
    for (let i = 0; i < 25; i++) lines.push(csvLine(memberRow(700 + i, { registerNumber: i + 1 })));
    const file = dir.file('crash.csv', lines.join('\n'));
    await assert.rejects(
      importFile(db(), {
        kind: 'members',
        path: file,
        mode: 'commit',
        cooperativeId: fed.coopId,
        batchSize: 10,
        testHooks: {
          beforeMemberships: (batch) => {
            if (batch === 2) throw new Error('simulated crash after the people of batch 2');
          },
        },
      }),
      /simulated crash/,
    );
    // Batch 1 is in whole; of batch 2 neither the people nor the memberships.
    assert.equal(await count(db(), 'SELECT 1 FROM memberships WHERE cooperative_id = $1', [fed.coopId]), 10);
    const batch2 = Array.from({ length: 10 }, (_, i) => person(710 + i).codiceFiscale);
    assert.equal(await count(db(), 'SELECT 1 FROM people WHERE codice_fiscale = ANY($1)', [batch2]), 0);
    assert.equal(await count(db(), 'SELECT 1 FROM people p WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id)'), 0);

    const rerun = await importFile(db(), { kind: 'members', path: file, mode: 'commit', cooperativeId: fed.coopId, batchSize: 10 });
    assert.deepEqual([rerun.inserted, rerun.unchanged, rerun.rejectedRows], [15, 10, 0]);
    assert.equal(await count(db(), 'SELECT 1 FROM memberships WHERE cooperative_id = $1', [fed.coopId]), 25);
    const { rows } = await db().query<{ n: number }>(`SELECT members AS n FROM coop_member_stats WHERE cooperative_id = $1 AND year = $2 AND member_type = '*' AND gender = 'F'`, [fed.coopId, CURRENT_YEAR_KEY]);
    assert.equal(Number(rows[0]?.n), 13, 'stats refreshed by the re-run');
  });
});

describe('a 10 MB file', () => {
  test('streams through in bounded memory', async () => {
    await clearRegister();
    const path = dir.path + '/big.csv';
    const out = createWriteStream(path);
    out.write('\uFEFF' + csvLine(H) + '\r\n');
    let bytes = 0;
    let n = 0;
    while (bytes < 10 * 1024 * 1024) {
      const line = csvLine(memberRow(10_000 + n, { registerNumber: n + 1 })) + '\r\n';
      bytes += Buffer.byteLength(line);
      n++;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    let progressCalls = 0;
    let lastRows = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const r = await importFile(db(), {
      kind: 'members',
      path,
      mode: 'commit',
      cooperativeId: fed.coopId,
      onProgress: (rows) => {
        progressCalls++;
        assert.ok(rows >= lastRows);
        lastRows = rows;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      },
    });
    assert.equal(r.inserted, n, JSON.stringify(r.errors.slice(0, 3)));
    assert.equal(lastRows, n);
    assert.ok(progressCalls >= Math.floor(n / 5000));
    assert.equal(await count(db(), 'SELECT 1 FROM memberships WHERE cooperative_id = $1', [fed.coopId]), n);
    // The file is 10 MB, decoded ~20 MB as JS strings; the import never holds more than two batches.
    assert.ok(heapPeak - heapBefore < 120 * 1024 * 1024, `heap grew by ${Math.round((heapPeak - heapBefore) / 1048576)} MB`);
  });
});
