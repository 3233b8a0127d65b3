// "Download my data": every catalogue section's rows about the account and its person, read in one read-only
// snapshot, written as a ZIP — JSON per section with its JSON Schema, CSV per section with a README explaining every
// column (Italian and English), the profile as vCard, the assemblies as iCalendar, and a manifest.
import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import type { Database, SqlRunner } from '../../../core/db.ts';
import { CATALOGUE, EXPORTED, type ExcludedTable, type ExportedTable } from '../catalogue.ts';
import { FORMAT, FORMAT_VERSION, exportedColumns, loadColumnTypes, manifestSchema, sectionSchema, type TableTypes } from './schemas.ts';
import { toCsv, toICalendar, toVCard, type CalendarLabels, type Row } from './formats.ts';
import { buildReadme } from './readme.ts';

export const SOFTWARE_VERSION = '0.1.0';

export interface ExportSubject {
  accountId: string;
  personIds: string[];
}

/** The SQL that reads one section: the catalogue's columns and predicate, $1 = person ids, $2 = account id. */
export function sectionQuery(e: ExportedTable): string {
  const cols = Object.entries(e.columns).filter(([, r]) => r.export).map(([n]) => `t."${n}"`);
  const extra = Object.entries(e.extra ?? {}).map(([n, x]) => `${x.sql} AS "${n}"`);
  // The CTE types both parameters even for a predicate that uses one of them.
  return `WITH subject AS (SELECT $1::uuid[] AS person_ids, $2::uuid AS account_id)
    SELECT ${[...cols, ...extra].join(', ')} FROM "${e.table}" t WHERE ${e.rows} ORDER BY ${e.order}`;
}

/** Plain JSON values: timestamps as ISO 8601 in UTC, bytes as base64, numeric as its decimal text. */
export function normalise(v: unknown, udt?: string): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'bigint') return Number(v);
  if (udt === 'numeric') return String(v);
  if ((udt === 'timestamptz' || udt === 'timestamp') && typeof v === 'string') return new Date(v).toISOString();
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  return v;
}

export interface Section {
  entry: ExportedTable;
  rows: Row[];
}

export async function readSections(q: Pick<SqlRunner, 'query'>, subject: ExportSubject, types: TableTypes): Promise<Section[]> {
  const out: Section[] = [];
  for (const entry of EXPORTED) {
    const { rows } = await q.query<Row>(sectionQuery(entry), [subject.personIds, subject.accountId]);
    const cols = types.get(entry.table);
    out.push({
      entry,
      rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalise(v, cols?.get(k)?.udtName)]))),
    });
  }
  return out;
}

let typesCache: TableTypes | null = null;

export interface ExportBundle {
  zip: Uint8Array;
  files: { path: string; bytes: number }[];
  generatedAt: string;
  rows: number;
}

export async function subjectOf(database: Database, accountId: string): Promise<ExportSubject> {
  const { rows } = await database.query<{ person_id: string | null }>('SELECT person_id FROM accounts WHERE id = $1', [accountId]);
  return { accountId, personIds: rows.flatMap((r) => (r.person_id ? [r.person_id] : [])) };
}

const CAL_LABELS: Record<'it' | 'en', CalendarLabels> = {
  it: { secondCall: 'Seconda convocazione', kind: { ordinary: 'Assemblea ordinaria', extraordinary: 'Assemblea straordinaria' }, mode: { in_person: 'in presenza', hybrid: 'ibrida', remote: 'da remoto' } },
  en: { secondCall: 'Second call', kind: { ordinary: 'Ordinary general meeting', extraordinary: 'Extraordinary general meeting' }, mode: { in_person: 'in person', hybrid: 'hybrid', remote: 'remote' } },
};

/** Reads everything about the subject in one REPEATABLE READ, READ ONLY snapshot and writes the ZIP. */
export async function buildExport(database: Database, subject: ExportSubject, opts: { publicUrl: string; locale: 'it' | 'en'; now?: Date }): Promise<ExportBundle> {
  const generatedAt = (opts.now ?? new Date()).toISOString();
  const sections = await database.rawTransaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    typesCache ??= await loadColumnTypes(tx);
    return readSections(tx, subject, typesCache);
  });
  const types = typesCache as TableTypes;
  const baseUrl = opts.publicUrl.replace(/\/$/, '');
  const files: Record<string, Uint8Array> = {};
  const media: Record<string, string> = {};
  const sectionOf: Record<string, string> = {};
  const put = (path: string, content: string, mediaType: string, section?: string) => {
    files[path] = strToU8(content);
    media[path] = mediaType;
    if (section) sectionOf[path] = section;
  };
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

  for (const s of sections) {
    const e = s.entry;
    put(`data/${e.section}.json`, json({ format: FORMAT, formatVersion: FORMAT_VERSION, section: e.section, table: e.table, items: s.rows }), 'application/json', e.section);
    put(`schemas/${e.section}.schema.json`, json(sectionSchema(e, types, baseUrl)), 'application/schema+json', e.section);
    put(`csv/${e.section}.csv`, toCsv(exportedColumns(e), s.rows), 'text/csv; charset=utf-8', e.section);
  }

  const rowsOf = (section: string): Row[] => sections.find((s) => s.entry.section === section)?.rows ?? [];
  const account = rowsOf('account')[0];
  const person = rowsOf('profile')[0];
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  put(
    'profile.vcf',
    toVCard({
      personId: str(person?.id),
      kind: str(person?.kind),
      givenName: str(person?.given_name),
      familyName: str(person?.family_name),
      legalName: str(person?.legal_name),
      displayName: str(account?.display_name) ?? '',
      birthDate: str(person?.birth_date),
      gender: str(person?.gender),
      emails: [str(account?.email), str(person?.email)].filter((e): e is string => e !== null),
      phone: str(person?.phone),
      comune: str(person?.comune),
      province: str(person?.province),
      codiceFiscale: str(person?.codice_fiscale),
      updatedAt: str(person?.updated_at),
      cooperatives: [...new Set(rowsOf('memberships').filter((m) => m.exit_on === null).map((m) => str(m.cooperative_name)).filter((n): n is string => n !== null))],
    }),
    'text/vcard; charset=utf-8',
  );
  put(
    'assemblies.ics',
    toICalendar(
      rowsOf('assemblies').map((a) => ({
        id: String(a.id),
        title: String(a.title ?? ''),
        description: str(a.description),
        cooperativeName: str(a.cooperative_name),
        kind: String(a.kind ?? ''),
        mode: String(a.mode ?? ''),
        place: str(a.place),
        onlineUrl: str(a.online_url),
        firstCallAt: str(a.first_call_at),
        secondCallAt: str(a.second_call_at),
        status: String(a.status ?? ''),
        updatedAt: str(a.updated_at),
      })),
      { host: new URL(baseUrl).host, generatedAt, labels: CAL_LABELS[opts.locale] },
    ),
    'text/calendar; charset=utf-8',
  );
  const excluded = CATALOGUE.filter((e): e is ExcludedTable => e.kind === 'excluded');
  put('README.txt', buildReadme(sections.map((s) => ({ entry: s.entry, rows: s.rows.length })), excluded, generatedAt, baseUrl), 'text/plain; charset=utf-8');
  put('schemas/manifest.schema.json', json(manifestSchema(baseUrl)), 'application/schema+json');

  const manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    generatedAt,
    instance: { software: 'Cooperando', version: SOFTWARE_VERSION, url: baseUrl },
    subject: { accountId: subject.accountId, personIds: subject.personIds },
    sections: sections.map((s) => ({
      section: s.entry.section,
      table: s.entry.table,
      module: s.entry.module,
      title: s.entry.title,
      rows: s.rows.length,
      json: `data/${s.entry.section}.json`,
      csv: `csv/${s.entry.section}.csv`,
      schema: `schemas/${s.entry.section}.schema.json`,
    })),
    notExported: excluded.map((e) => ({ table: e.table, module: e.module, category: e.category, reason: e.reason })),
    files: Object.keys(files).sort().map((path) => ({
      path,
      mediaType: media[path] as string,
      bytes: (files[path] as Uint8Array).byteLength,
      sha256: createHash('sha256').update(files[path] as Uint8Array).digest('hex'),
      ...(sectionOf[path] ? { section: sectionOf[path] } : {}),
      ...(path.startsWith('data/') ? { schema: path.replace(/^data\/(.*)\.json$/, 'schemas/$1.schema.json') } : {}),
    })),
  };
  put('manifest.json', json(manifest), 'application/json');

  const mtime = new Date(generatedAt);
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, d]) => [p, [d, { mtime }]])), { level: 6 });
  return {
    zip,
    files: Object.entries(files).map(([path, d]) => ({ path, bytes: d.byteLength })),
    generatedAt,
    rows: sections.reduce((n, s) => n + s.rows.length, 0),
  };
}

/** Published schemas (`GET /api/v1/privacy/schemas/:name`). */
export async function publishedSchema(database: Database, name: string, publicUrl: string): Promise<Record<string, unknown> | null> {
  const baseUrl = publicUrl.replace(/\/$/, '');
  if (name === 'manifest') return manifestSchema(baseUrl);
  const entry = EXPORTED.find((e) => e.section === name);
  if (!entry) return null;
  typesCache ??= await loadColumnTypes(database);
  return sectionSchema(entry, typesCache, baseUrl);
}
