// The pure parts of the import: encoding and delimiter detection, header mapping, cell parsing, row validation.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { detectEncoding, incompleteUtf8Tail } from '../../../src/modules/registry/import/encoding.ts';
import { detectDelimiter, firstLine } from '../../../src/modules/registry/import/delimiter.ts';
import { mapColumns, normalizeLabel, type MemberColumnKey } from '../../../src/modules/registry/import/columns.ts';
import { parseCentsCell, parseDateCell, parseBoolCell, parseIntCell, parseText } from '../../../src/modules/registry/import/values.ts';
import { validateMemberRow, validateCooperativeRow, AssociationDirectory } from '../../../src/modules/registry/import/rows.ts';
import { openSource } from '../../../src/modules/registry/import/importer.ts';
import { FirstSeen, FirstSeenInt } from '../../../src/modules/registry/import/dedupe.ts';
import { ImportFileError } from '../../../src/modules/registry/import/source.ts';
import { xlsxLimits } from '../../../src/modules/registry/import/xlsx.ts';
import ExcelJS from 'exceljs';
import { TempDir, person, companyCode, MEMBER_HEADER_IT, memberRow } from './helpers.ts';

const dir = new TempDir();
after(() => dir.remove());

describe('encoding detection (streaming scan)', () => {
  test('UTF-8, UTF-8 with BOM, Latin-1', async () => {
    assert.equal(await detectEncoding(dir.file('a.csv', 'Nome;Città\nNiccolò;Forlì\n')), 'utf-8');
    assert.equal(await detectEncoding(dir.file('b.csv', '\uFEFFNome;Città\n')), 'utf-8-bom');
    assert.equal(await detectEncoding(dir.file('c.csv', iconv.encode('Nome;Città\nNiccolò;Forlì\n', 'win1252'))), 'latin1');
    assert.equal(await detectEncoding(dir.file('d.csv', 'plain ascii\n')), 'utf-8');
  });

  test('a single Latin-1 byte at the end of a large file is found', async () => {
    const big = Buffer.concat([Buffer.from('a;b\n'.repeat(600_000)), iconv.encode('Forlì\n', 'latin1')]);
    assert.ok(big.length > 2 * (1 << 20));
    assert.equal(await detectEncoding(dir.file('e.csv', big)), 'latin1');
  });

  test('multi-byte characters split across chunk boundaries stay UTF-8', async () => {
    // 1 MiB chunks: put "è" (2 bytes) and "€" (3 bytes) across the first boundary.
    for (const shift of [1, 2]) {
      const pad = Buffer.alloc((1 << 20) - shift, 0x61);
      const buf = Buffer.concat([pad, Buffer.from('è€\n')]);
      assert.equal(await detectEncoding(dir.file(`f${shift}.csv`, buf)), 'utf-8');
    }
    // A cut-off sequence at the very end is not UTF-8.
    assert.equal(await detectEncoding(dir.file('g.csv', Buffer.concat([Buffer.from('abc'), Buffer.from([0xe2, 0x82])]))), 'latin1');
  });

  test('incompleteUtf8Tail', () => {
    assert.equal(incompleteUtf8Tail(Buffer.from('abc')), 0);
    assert.equal(incompleteUtf8Tail(Buffer.from([0x61, 0xc3])), 1);
    assert.equal(incompleteUtf8Tail(Buffer.from([0x61, 0xe2, 0x82])), 2);
    assert.equal(incompleteUtf8Tail(Buffer.from([0x61, 0xe2, 0x82, 0xac])), 0);
    assert.equal(incompleteUtf8Tail(Buffer.from([0xf0, 0x9f, 0x98])), 3);
  });
});

describe('delimiter', () => {
  test('from the header line, quotes ignored', () => {
    assert.equal(detectDelimiter('Nome;Cognome;Codice fiscale'), ';');
    assert.equal(detectDelimiter('Name,Surname,Tax code'), ',');
    assert.equal(detectDelimiter('Nome\tCognome\tCF'), '\t');
    assert.equal(detectDelimiter('"Capitale, versato";Nome;Cognome'), ';');
    assert.equal(detectDelimiter('"a;b;c",x,y'), ',');
    assert.equal(detectDelimiter('Solo'), ';');
  });
  test('firstLine stops at a line break outside quotes', () => {
    assert.equal(firstLine('"a\nb";c\r\nx'), '"a\nb";c');
    assert.equal(firstLine('abc'), null);
  });
});

describe('columns', () => {
  test('Italian, English and aliases, case/accents/spaces-insensitive', () => {
    const m = mapColumns<MemberColumnKey>('members', ['N. Socio', 'CF', 'COGNOME', 'first name', 'Città', 'Tipo socio', 'Data Ammissione', 'Capitale versato (€)', 'Boh']);
    assert.equal(m.index.get('registerNumber'), 0);
    assert.equal(m.index.get('codiceFiscale'), 1);
    assert.equal(m.index.get('familyName'), 2);
    assert.equal(m.index.get('givenName'), 3);
    assert.equal(m.index.get('comune'), 4);
    assert.equal(m.index.get('memberTypes'), 5);
    assert.equal(m.index.get('admittedOn'), 6);
    assert.equal(m.index.get('paid'), 7);
    assert.deepEqual(m.unknown, ['Boh']);
    assert.deepEqual(m.missing, []);
    const en = mapColumns<MemberColumnKey>('members', ['Member number', 'Tax code', 'Member types', 'Admission date']);
    assert.equal(en.missing.length, 0);
    const missing = mapColumns('members', ['Nome', 'Cognome']);
    assert.deepEqual(missing.missing.map((d) => d.key).sort(), ['admittedOn', 'codiceFiscale', 'memberTypes', 'registerNumber']);
    assert.deepEqual(mapColumns('members', ['CF', 'Codice fiscale']).duplicates, ['Codice fiscale']);
    assert.equal(normalizeLabel('  Mutualità  Prevalente '), 'mutualitaprevalente');
  });
});

describe('cell values', () => {
  test('money to exact cents', () => {
    const cents = (s: string | number) => {
      const r = parseCentsCell(s);
      return r.ok ? r.value : r.code;
    };
    assert.equal(cents('1.234,56'), 123456);
    assert.equal(cents('€ 25,00'), 2500);
    assert.equal(cents('0,1'), 10);
    assert.equal(cents('1234.56'), 123456);
    assert.equal(cents('1.234'), 123400);
    assert.equal(cents(1234.56), 123456);
    assert.equal(cents(0.29), 29);
    assert.equal(cents('12,345'), 'import.value.money-decimals');
    assert.equal(cents(12.345), 'import.value.money-decimals');
    assert.equal(cents('-5,00'), 'import.value.negative');
    assert.equal(cents('abc'), 'import.value.money');
    assert.equal(cents(''), null);
  });
  test('dates: Italian, ISO, Excel', () => {
    const d = (c: string | number | Date) => {
      const r = parseDateCell(c);
      return r.ok ? r.value : r.code;
    };
    assert.equal(d('31/12/2024'), '2024-12-31');
    assert.equal(d('1/2/2024'), '2024-02-01');
    assert.equal(d('2024-02-29'), '2024-02-29');
    assert.equal(d('29/02/2023'), 'import.value.date');
    assert.equal(d('12/31/2024'), 'import.value.date');
    assert.equal(d(new Date(Date.UTC(2020, 2, 12))), '2020-03-12');
    assert.equal(d(45000), '2023-03-15');
    assert.equal(d('01/01/1700'), 'import.value.date-range');
  });
  test('booleans, integers, text', () => {
    const b = (c: string | number | boolean) => {
      const r = parseBoolCell(c);
      return r.ok ? r.value : r.code;
    };
    assert.deepEqual(['sì', 'si', 'SI', 'yes', 'true', '1', 1, true].map(b), [true, true, true, true, true, true, true, true]);
    assert.deepEqual(['no', 'NO', 'false', '0', 0, false].map(b), [false, false, false, false, false, false]);
    assert.equal(b('forse'), 'import.value.boolean');
    const i = parseIntCell('1.234', 0, 10_000);
    assert.ok(i.ok && i.value === 1234);
    assert.equal((parseIntCell('3,5', 0, 10) as { code: string }).code, 'import.value.integer');
    assert.deepEqual(parseText("'=SUM(A1)", 100), { ok: true, value: '=SUM(A1)' });
    assert.equal((parseText('a\u0000b', 100) as { code: string }).code, 'import.value.characters');
    assert.equal((parseText('a\nb', 100) as { code: string }).code, 'import.value.characters');
    assert.equal((parseText('x'.repeat(11), 10) as { code: string }).code, 'import.value.too-long');
  });
});

describe('member rows', () => {
  const header = MEMBER_HEADER_IT;
  const mapping = mapColumns<MemberColumnKey>('members', header);
  const at = (cells: string[]) => validateMemberRow({ row: 2, cells }, mapping, { cooperativeCategory: 'sociali' });
  const set = (cells: string[], col: string, v: string) => {
    const c = [...cells];
    c[header.indexOf(col)] = v;
    return c;
  };

  test('a good row; birth date and gender come from the fiscal code when missing', () => {
    const p = person(7);
    let cells = memberRow(7);
    cells = set(cells, 'Data di nascita', '');
    cells = set(cells, 'Sesso', '');
    const r = at(cells);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.record.birthDate, p.birthDate);
    assert.equal(r.record.gender, p.gender);
    assert.equal(r.record.kind, 'natural');
    assert.deepEqual(r.record.memberTypes, ['lavoratore']);
    assert.equal(r.record.subscribedCents, 8 * 2500);
  });

  test('mismatches with the fiscal code and broken values are reported per column', () => {
    const p = person(8);
    let cells = memberRow(8);
    cells = set(cells, 'Sesso', p.gender === 'F' ? 'M' : 'F');
    cells = set(cells, 'Data di nascita', '01/01/1930');
    cells = set(cells, 'Tipi socio', 'lavoratore|astronauta');
    cells = set(cells, 'Capitale versato', '999.999,00');
    cells = set(cells, 'Valore nominale', '10,00');
    cells = set(cells, 'Email', 'not-an-email');
    const r = at(cells);
    assert.ok(!r.ok);
    const codes = r.errors.map((e) => `${e.column}:${e.code}`).sort();
    assert.deepEqual(codes, [
      'Capitale versato:import.shares.paid-exceeds',
      'Data di nascita:import.birth-date.mismatch',
      'Email:import.value.email',
      'Sesso:import.gender.mismatch',
      'Tipi socio:import.value.member-type',
      'Valore nominale:import.shares.nominal-minimum',
    ]);
    assert.equal(r.errors.find((e) => e.code === 'import.value.member-type')?.value, 'astronauta');
  });

  test('fiscal codes: wrong check character, legal persons by 11 digits, kind mismatch', () => {
    const bad = set(memberRow(9), 'Codice fiscale', person(9).codiceFiscale.slice(0, 15) + (person(9).codiceFiscale.endsWith('A') ? 'B' : 'A'));
    const r1 = at(bad);
    assert.ok(!r1.ok && r1.errors.some((e) => e.code === 'import.fiscal-code.check'));
    let legal = set(memberRow(10), 'Codice fiscale', companyCode(55));
    for (const c of ['Cognome', 'Nome', 'Sesso', 'Data di nascita']) legal = set(legal, c, '');
    legal = set(legal, 'Denominazione', 'Consorzio Alfa');
    const r2 = at(legal);
    assert.ok(r2.ok, JSON.stringify(r2));
    assert.equal(r2.record.kind, 'legal');
    assert.equal(r2.record.givenName, null);
    const withKind = mapColumns<MemberColumnKey>('members', [...header, 'Tipo persona']);
    const r3 = validateMemberRow({ row: 3, cells: [...memberRow(11), 'giuridica'] }, withKind, { cooperativeCategory: null });
    assert.ok(!r3.ok && r3.errors.some((e) => e.code === 'import.person-kind.mismatch'));
  });

  test('volunteers only in social co-ops; exit type and date together', () => {
    const v = set(memberRow(12), 'Tipi socio', 'volontario');
    assert.ok(at(v).ok);
    const r = validateMemberRow({ row: 2, cells: v }, mapping, { cooperativeCategory: 'consumo' });
    assert.ok(!r.ok && r.errors[0]?.code === 'import.member-type.volunteer');
    const e = set(memberRow(13), 'Tipo uscita', 'recesso');
    const r2 = at(e);
    assert.ok(!r2.ok && r2.errors.some((x) => x.code === 'import.exit.incomplete' && x.column === 'Data uscita'));
    const ok = set(set(memberRow(13), 'Tipo uscita', 'Withdrawal'), 'Data uscita', '31/12/2023');
    const r3 = at(ok);
    assert.ok(r3.ok && r3.record.exitKind === 'recesso' && r3.record.exitOn === '2023-12-31');
  });
});

describe('cooperative rows', () => {
  const directory = new AssociationDirectory([
    { id: '11111111-1111-4111-8111-111111111111', kind: 'territorial', name: 'Legacoop Bologna', shortName: 'LC-BO' },
    { id: '22222222-2222-4222-8222-222222222222', kind: 'sectoral', name: 'Legacoop Produzione, Servizi', shortName: null },
    { id: '33333333-3333-4333-8333-333333333333', kind: 'sectoral', name: 'Legacoopsociali', shortName: 'LC-SOC' },
  ]);
  const header = ['Denominazione', 'Codice fiscale', 'Provincia', 'Regione', 'Sezione', 'Categoria', 'Modello', 'Stato', 'Associazione territoriale', 'Associazioni settoriali', 'Tipo sociale'];
  const mapping = mapColumns('cooperatives', header);
  test('labels, derived region, associations by name or short name', () => {
    const r = validateCooperativeRow(
      { row: 2, cells: ['Coop Uno', companyCode(3), 'bo', '', 'prevalente', 'Cooperative sociali', 'S.r.l.', 'attiva', 'lc-bo', 'Legacoop Produzione, Servizi | LC-SOC', 'A+B'] },
      mapping as never,
      directory,
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.record.province, 'BO');
    assert.equal(r.record.region, 'Emilia-Romagna');
    assert.equal(r.record.alboSection, 'mutualita_prevalente');
    assert.equal(r.record.alboCategory, 'sociali');
    assert.equal(r.record.legalModel, 'srl');
    assert.equal(r.record.socialType, 'AB');
    assert.equal(r.record.territorialId, '11111111-1111-4111-8111-111111111111');
    assert.deepEqual(r.record.sectoralIds, ['22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333']);
  });
  test('errors: region mismatch, unknown association, wrong kind, bad code', () => {
    const r = validateCooperativeRow(
      { row: 5, cells: ['', '12345678901', 'MI', 'Toscana', 'boh', '', '', '', 'Legacoopsociali', 'Nessuna', ''] },
      mapping as never,
      directory,
    );
    assert.ok(!r.ok);
    assert.deepEqual(r.errors.map((e) => e.code).sort(), [
      'import.association.not-territorial',
      'import.association.unknown',
      'import.fiscal-code.check',
      'import.region.mismatch',
      'import.value.albo-section',
      'import.value.required',
    ]);
  });
});

describe('sources', () => {
  test('file-level refusals', async () => {
    const refused = async (content: string | Buffer) => {
      try {
        await openSource(dir.file(`x${Math.random()}.bin`, content));
        return 'opened';
      } catch (e) {
        return e instanceof ImportFileError ? e.fields[0]?.code : String(e);
      }
    };
    assert.equal(await refused(''), 'import.file.empty');
    assert.equal(await refused('\r\n\r\n  \r\n'), 'import.file.empty');
    assert.equal(await refused('%PDF-1.7\n%\u00e2\u00e3'), 'import.file.unsupported');
    assert.equal(await refused(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0])), 'import.file.unsupported');
    assert.equal(await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])), 'import.file.xls');
    assert.equal(await refused(Buffer.from([0xff, 0xfe, 0x41, 0])), 'import.file.utf16');
    assert.equal(await refused(Buffer.from('PK\u0003\u0004garbage-not-a-zip')), 'import.file.damaged');
  });

  test('damaged XLSX: cut short, garbled, or a reader that stalls — refused or reported, never a hang', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Numero socio', 'Codice fiscale']);
    for (let i = 0; i < 20_000; i++) ws.addRow([i + 1, `RSSMRA80A01H501U${i}`]);
    const ok = dir.path + '/ok.xlsx';
    await wb.xlsx.writeFile(ok);
    const buf = (await import('node:fs')).readFileSync(ok);
    const outcome = async (b: Buffer) => {
      try {
        const src = await openSource(dir.file(`bad${Math.random()}.xlsx`, b));
        let last: unknown = null;
        for await (const r of src.rows) last = r;
        return (last as { malformed?: string })?.malformed ?? 'read';
      } catch (e) {
        return e instanceof ImportFileError ? e.fields[0]?.code : String(e);
      }
    };
    assert.equal(await outcome(buf.subarray(0, Math.floor(buf.length * 0.6))), 'import.file.damaged');
    const garbled = Buffer.from(buf);
    for (let i = 0; i < 200; i++) garbled[Math.floor(buf.length / 2) + i] = 0x55;
    assert.equal(await outcome(garbled), 'import.row.unreadable');
    const saved = xlsxLimits.stallMs;
    xlsxLimits.stallMs = 500;
    try {
      // The central directory kept, the worksheet cut: the streaming unzip waits for data that never comes.
      const stalled = Buffer.concat([buf.subarray(0, Math.floor(buf.length * 0.8)), buf.subarray(buf.length - 1500)]);
      assert.equal(await outcome(stalled), 'import.file.unsupported');
    } finally {
      xlsxLimits.stallMs = saved;
    }
  });

  test('rows keep their spreadsheet numbers (quoted newlines, blank lines, CR-only endings)', async () => {
    const src = await openSource(dir.file('rows.csv', 'a;b\r\n1;"x\r\ny"\r\n\r\n2;z\r\n;\r\n3;w'));
    const rows: [number, string][] = [];
    for await (const r of src.rows) if ('cells' in r) rows.push([r.row, String(r.cells[0])]);
    assert.deepEqual(rows, [[2, '1'], [4, '2'], [5, ''], [6, '3']]);
    const mac = await openSource(dir.file('mac.csv', 'a,b\r1,2\r3,4\r'));
    const got: number[] = [];
    for await (const r of mac.rows) if ('cells' in r) got.push(r.row);
    assert.deepEqual(got, [2, 3]);
  });
});

test('FirstSeen remembers first rows over many keys', () => {
  const s = new FirstSeen(16);
  for (let i = 0; i < 50_000; i++) assert.equal(s.seen(`K${i}`, i + 2), -1);
  const slot = s.seen('K123', 99_999);
  assert.ok(slot >= 0);
  assert.equal(s.rowAt(slot), 125);
  assert.equal(s.size, 50_000);
  const n = new FirstSeenInt(4);
  for (let i = 1; i <= 50_000; i++) assert.equal(n.seen(i * 7919, i + 1), 0);
  assert.equal(n.seen(123 * 7919, 5), 124);
  assert.equal(n.seen(2_147_483_647, 9), 0);
  assert.equal(n.seen(2_147_483_647, 10), 9);
  assert.equal(n.size, 50_001);
});
