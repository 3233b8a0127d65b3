// The personal-data catalogue covers the whole database: every table of a freshly migrated database is either
// exported (each column exported or withheld with a reason) or excluded with a reason and its columns listed; and
// nothing in the catalogue names a table or column that does not exist. A module that adds a table or a column
// fails here until it says what the member's copy does with it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { CATALOGUE, EXPORTED } from '../../src/modules/privacy/catalogue.ts';
import { sectionQuery } from '../../src/modules/privacy/export/exporter.ts';

let fresh: TestDatabase;
let schema: Map<string, string[]>;
before(async () => {
  fresh = await freshDatabase();
  const { rows } = await fresh.database.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  schema = new Map();
  for (const r of rows) schema.set(r.table_name, [...(schema.get(r.table_name) ?? []), r.column_name]);
});
after(async () => {
  await fresh?.close();
});

const columnsOf = (e: (typeof CATALOGUE)[number]): string[] => (e.kind === 'export' ? Object.keys(e.columns) : e.columns);

test('every table of the database is in the personal-data catalogue', () => {
  const declared = new Set(CATALOGUE.map((e) => e.table));
  const missing = [...schema.keys()].filter((t) => !declared.has(t));
  assert.deepEqual(missing, [], `tables missing from src/modules/privacy/catalogue.ts (declare how each is exported, or why not): ${missing.join(', ')}`);
});

test('every column of every table is declared: exported, or withheld with a reason', () => {
  const missing: string[] = [];
  for (const [table, columns] of schema) {
    const entry = CATALOGUE.find((e) => e.table === table);
    if (!entry) continue;
    const declared = new Set(columnsOf(entry));
    for (const col of columns) if (!declared.has(col)) missing.push(`${table}.${col}`);
  }
  assert.deepEqual(missing, [], `columns missing from the catalogue: ${missing.join(', ')}`);
});

test('the catalogue names no table or column that does not exist', () => {
  const stale: string[] = [];
  for (const e of CATALOGUE) {
    const cols = schema.get(e.table);
    if (!cols) {
      stale.push(e.table);
      continue;
    }
    for (const col of columnsOf(e)) if (!cols.includes(col)) stale.push(`${e.table}.${col}`);
  }
  assert.deepEqual(stale, [], `the catalogue names what the database does not have: ${stale.join(', ')}`);
});

test('each table is declared once, sections are unique file names, texts are in both languages', () => {
  const tables = CATALOGUE.map((e) => e.table);
  assert.equal(new Set(tables).size, tables.length, 'a table declared twice');
  const sections = EXPORTED.map((e) => e.section);
  assert.equal(new Set(sections).size, sections.length, 'a section name used twice');
  for (const s of sections) assert.match(s, /^[a-z][a-z0-9-]*$/, `section ${s}: a lower-case file name`);
  for (const e of CATALOGUE) {
    const texts = e.kind === 'export'
      ? [e.title, e.description, ...Object.values(e.columns).map((c) => (c.export ? c.description : c.reason)), ...Object.values(e.extra ?? {}).map((x) => x.description)]
      : [e.reason];
    for (const t of texts) assert.ok(t.it.trim() && t.en.trim(), `${e.table}: a text without Italian or English`);
    if (e.kind === 'export') {
      assert.ok(Object.values(e.columns).some((c) => c.export), `${e.table}: an exported table exports at least one column`);
      for (const name of Object.keys(e.extra ?? {})) assert.ok(!(name in e.columns), `${e.table}.${name}: a computed column shadows a real one`);
    }
  }
});

test('every export predicate and column list runs on the migrated database', async () => {
  for (const e of EXPORTED) {
    await fresh.database.query(sectionQuery(e), [
      ['00000000-0000-4000-8000-000000000000'],
      '00000000-0000-4000-8000-000000000001',
    ]).catch((err: Error) => assert.fail(`${e.table}: ${err.message}`));
  }
});
