// Importing co-ops (service level, both backends): associations by name/short name, re-import, updates,
// the rules an import may not break (moving a co-op, an Albo number twice) and association staff's scope.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../../support/database.ts';
import { importFile, type ImportActor, type ImportReport } from '../../../src/modules/registry/import/importer.ts';
import { seedFederation, csvLine, TempDir, count, companyCode, type Federation } from './helpers.ts';

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

const HEADER = ['Denominazione', 'Codice fiscale', 'Partita IVA', 'Numero Albo', 'Data iscrizione Albo', 'Sezione', 'Categoria', 'Modello', 'ATECO', 'Comune', 'Provincia', 'Regione', 'PEC', 'Data costituzione', 'Stato', 'Tipo sociale', 'Associazione territoriale', 'Associazioni settoriali'];

function coopRow(n: number, over: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    Denominazione: `Cooperativa Numero ${n}`,
    'Codice fiscale': companyCode(100 + n),
    'Partita IVA': '',
    'Numero Albo': `A${String(200000 + n)}`,
    'Data iscrizione Albo': '01/03/2005',
    Sezione: 'mutualità prevalente',
    Categoria: n % 2 ? 'Cooperative sociali' : 'produzione e lavoro',
    Modello: 'SRL',
    ATECO: '88.10',
    Comune: 'Bologna',
    Provincia: 'BO',
    Regione: '',
    PEC: `coop${n}@pec.it`,
    'Data costituzione': '15/01/2005',
    Stato: 'attiva',
    'Tipo sociale': n % 2 ? 'A' : '',
    'Associazione territoriale': 'Legacoop Bologna',
    'Associazioni settoriali': n % 2 ? 'LC-SOC' : 'Legacoop Produzione e Servizi',
  };
  return HEADER.map((h) => over[h] ?? base[h] ?? '');
}

const file = (name: string, rows: string[][]) => dir.file(name, '\uFEFF' + [csvLine(HEADER), ...rows.map((r) => csvLine(r))].join('\r\n') + '\r\n');
const run = (path: string, mode: 'dry-run' | 'commit', actor?: ImportActor): Promise<ImportReport> =>
  importFile(fresh.database, { kind: 'cooperatives', path, mode, batchSize: 3, ...(actor ? { actor } : {}) });

describe('co-ops import', () => {
  test('creates co-ops with their associations; dry run writes nothing; re-import changes nothing', async () => {
    const path = file('coops.csv', [1, 2, 3, 4, 5].map((n) => coopRow(n)));
    const before = await count(fresh.database, 'SELECT 1 FROM cooperatives');
    const dry = await run(path, 'dry-run');
    assert.deepEqual([dry.inserted, dry.rejectedRows], [5, 0], JSON.stringify(dry.errors));
    assert.equal(await count(fresh.database, 'SELECT 1 FROM cooperatives'), before);

    const r = await run(path, 'commit');
    assert.deepEqual([r.inserted, r.updated, r.unchanged], [5, 0, 0]);
    const { rows } = await fresh.database.query<{ name: string; parent_id: string; region: string; partita_iva: string; albo_section: string; albo_category: string; legal_model: string; social_type: string | null; sectors: string[] }>(
      `SELECT o.name, o.parent_id, c.region, c.partita_iva, c.albo_section, c.albo_category, c.legal_model, c.social_type,
              (SELECT array_agg(cs.sectoral_id::text) FROM cooperative_sectors cs WHERE cs.cooperative_id = c.organisation_id) AS sectors
         FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id WHERE c.codice_fiscale = $1`,
      [companyCode(101)],
    );
    assert.deepEqual(rows[0], {
      name: 'Cooperativa Numero 1',
      parent_id: fed.bolognaId,
      region: 'Emilia-Romagna',
      partita_iva: companyCode(101),
      albo_section: 'mutualita_prevalente',
      albo_category: 'sociali',
      legal_model: 'srl',
      social_type: 'A',
      sectors: [fed.socialiId],
    });
    const again = await run(path, 'commit');
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 5]);
  });

  test('updates what changed, sectors included', async () => {
    const path = file('coops-2.csv', [
      coopRow(1, { PEC: 'nuova@pec.it' }),
      coopRow(2, { 'Associazioni settoriali': 'Legacoop Produzione e Servizi | Legacoopsociali' }),
      coopRow(3),
      coopRow(4, { Denominazione: 'Cooperativa Quattro Rinominata' }),
    ]);
    const r = await run(path, 'commit');
    assert.deepEqual([r.inserted, r.updated, r.unchanged], [0, 3, 1], JSON.stringify(r.errors));
    assert.equal(await count(fresh.database, `SELECT 1 FROM cooperatives WHERE pec = 'nuova@pec.it'`), 1);
    assert.equal(await count(fresh.database, `SELECT 1 FROM organisations WHERE name = 'Cooperativa Quattro Rinominata'`), 1);
    assert.equal(await count(fresh.database, 'SELECT 1 FROM cooperative_sectors cs JOIN cooperatives c ON c.organisation_id = cs.cooperative_id WHERE c.codice_fiscale = $1', [companyCode(102)]), 2);
  });

  test('refuses: a move to another territorial association, an Albo number of another co-op or twice in the file, a new co-op without its association', async () => {
    const path = file('coops-bad.csv', [
      coopRow(1, { 'Associazione territoriale': 'Legacoop Estense' }),
      coopRow(6, { 'Numero Albo': 'A200002' }),
      coopRow(7, { 'Numero Albo': 'A300007' }),
      coopRow(8, { 'Numero Albo': 'A300007' }),
      coopRow(9, { 'Associazione territoriale': '' }),
      coopRow(10, { 'Associazione territoriale': 'Legacoop Marte' }),
    ]);
    const r = await run(path, 'commit');
    assert.deepEqual(r.errors.map((e) => [e.row, e.column, e.code]), [
      [2, 'Associazione territoriale', 'import.association.move'],
      [3, 'Numero Albo', 'import.conflict.albo-number'],
      [5, 'Numero Albo', 'import.duplicate.albo-number'],
      [6, 'Associazione territoriale', 'import.association.required'],
      [7, 'Associazione territoriale', 'import.association.unknown'],
    ]);
    assert.equal(r.inserted, 1);
    assert.equal(await count(fresh.database, 'SELECT 1 FROM organisations o JOIN cooperatives c ON c.organisation_id = o.id WHERE c.codice_fiscale = $1 AND o.parent_id = $2', [companyCode(101), fed.bolognaId]), 1);
  });

  test('association staff act only within their subtree', async () => {
    const staffBologna: ImportActor = { accountId: null, platformAdmin: false, staffRoots: [fed.bolognaId] };
    const path = file('coops-staff.csv', [
      coopRow(20), // new, under Bologna, sector outside the subtree → refused (sector)
      coopRow(21, { 'Associazioni settoriali': '' }), // new, under Bologna, no sector → fine
      coopRow(22, { 'Associazione territoriale': 'Legacoop Estense', 'Associazioni settoriali': '' }), // new, elsewhere → refused
      coopRow(1, { PEC: 'ancora@pec.it' }), // existing under Bologna, its sector unchanged → fine
    ]);
    const r = await run(path, 'commit', staffBologna);
    assert.deepEqual(r.errors.map((e) => [e.row, e.column, e.code]), [
      [2, 'Associazioni settoriali', 'import.association.out-of-scope'],
      [4, 'Associazione territoriale', 'import.association.out-of-scope'],
    ]);
    assert.deepEqual([r.inserted, r.updated], [1, 1]);
    // An existing co-op of another association, without naming one.
    const other = file('coops-other.csv', [coopRow(30, { 'Associazione territoriale': 'Legacoop Estense', 'Associazioni settoriali': '' })]);
    await run(other, 'commit');
    const sneaky = file('coops-sneaky.csv', [coopRow(30, { 'Associazione territoriale': '', 'Associazioni settoriali': '', PEC: 'presa@pec.it' })]);
    const r2 = await run(sneaky, 'commit', staffBologna);
    assert.deepEqual(r2.errors.map((e) => e.code), ['import.cooperative.out-of-scope']);
    assert.equal(await count(fresh.database, `SELECT 1 FROM cooperatives WHERE pec = 'presa@pec.it'`), 0);
    // National staff reach both territorial and sectoral associations.
    const national: ImportActor = { accountId: null, platformAdmin: false, staffRoots: [fed.nationalId] };
    const r3 = await run(file('coops-national.csv', [coopRow(20)]), 'commit', national);
    assert.deepEqual([r3.inserted, r3.rejectedRows], [1, 0]);
  });
});
