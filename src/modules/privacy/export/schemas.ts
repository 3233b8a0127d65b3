// JSON Schemas (draft 2020-12) of the export's files, derived from the catalogue and the database's own column
// types (information_schema), so a column's schema cannot drift from what the database stores.
import type { SqlRunner } from '../../../core/db.ts';
import type { ExportedTable } from '../catalogue.ts';
import { EXPORTED } from '../catalogue.ts';

export const FORMAT = 'cooperando-personal-data';
export const FORMAT_VERSION = 1;
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export interface ColumnType {
  dataType: string;
  udtName: string;
  nullable: boolean;
}
export type TableTypes = Map<string, Map<string, ColumnType>>;

export async function loadColumnTypes(q: Pick<SqlRunner, 'query'>): Promise<TableTypes> {
  const { rows } = await q.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1::text[])`,
    [EXPORTED.map((e) => e.table)],
  );
  const out: TableTypes = new Map();
  for (const r of rows) {
    const t = out.get(r.table_name) ?? new Map<string, ColumnType>();
    t.set(r.column_name, { dataType: r.data_type, udtName: r.udt_name, nullable: r.is_nullable === 'YES' });
    out.set(r.table_name, t);
  }
  return out;
}

type JsonSchema = Record<string, unknown>;

function scalarSchema(udt: string): JsonSchema {
  switch (udt) {
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'int2':
    case 'int4':
    case 'int8':
      return { type: 'integer' };
    case 'numeric':
      return { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
    case 'float4':
    case 'float8':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'timestamptz':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'json':
    case 'jsonb':
      return {};
    case 'bytea':
      return { type: 'string', contentEncoding: 'base64' };
    default:
      return { type: 'string' };
  }
}

function nullable(s: JsonSchema, isNullable: boolean): JsonSchema {
  if (!isNullable) return s;
  if (typeof s.type === 'string') return { ...s, type: [s.type, 'null'] };
  if (Object.keys(s).length === 0) return s; // any JSON value, null included
  return { anyOf: [s, { type: 'null' }] };
}

export function columnSchema(t: ColumnType): JsonSchema {
  const s = t.dataType === 'ARRAY' ? { type: 'array', items: scalarSchema(t.udtName.replace(/^_/, '')) } : scalarSchema(t.udtName);
  return nullable(s, t.nullable);
}

/** The names of a section's columns in the files, in order: exported columns, then computed ones. */
export function exportedColumns(e: ExportedTable): string[] {
  return [...Object.entries(e.columns).filter(([, r]) => r.export).map(([n]) => n), ...Object.keys(e.extra ?? {})];
}

export function sectionSchema(e: ExportedTable, types: TableTypes, baseUrl: string): JsonSchema {
  const cols = types.get(e.table);
  const properties: Record<string, JsonSchema> = {};
  for (const [name, rule] of Object.entries(e.columns)) {
    if (!rule.export) continue;
    const type = cols?.get(name);
    if (!type) throw new Error(`privacy catalogue: ${e.table}.${name} is not in the database`);
    properties[name] = { ...columnSchema(type), description: `${rule.description.it} / ${rule.description.en}` };
  }
  for (const [name, x] of Object.entries(e.extra ?? {})) {
    const base: JsonSchema = { type: x.schema.nullable ? [x.schema.type, 'null'] : x.schema.type, ...(x.schema.format ? { format: x.schema.format } : {}) };
    properties[name] = { ...base, description: `${x.description.it} / ${x.description.en}` };
  }
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${baseUrl}/api/v1/privacy/schemas/${e.section}.schema.json`,
    title: `${e.title.it} / ${e.title.en}`,
    description: `${e.description.it} / ${e.description.en}`,
    type: 'object',
    additionalProperties: false,
    required: ['format', 'formatVersion', 'section', 'table', 'items'],
    properties: {
      format: { const: FORMAT },
      formatVersion: { const: FORMAT_VERSION },
      section: { const: e.section },
      table: { const: e.table },
      items: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: Object.keys(properties), properties },
      },
    },
  };
}

export function manifestSchema(baseUrl: string): JsonSchema {
  const file = {
    type: 'object',
    additionalProperties: false,
    required: ['path', 'mediaType', 'bytes', 'sha256'],
    properties: {
      path: { type: 'string' },
      mediaType: { type: 'string' },
      bytes: { type: 'integer', minimum: 0 },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      section: { type: 'string' },
      schema: { type: 'string' },
    },
  };
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${baseUrl}/api/v1/privacy/schemas/manifest.schema.json`,
    title: 'Manifest of a Cooperando personal-data export',
    type: 'object',
    additionalProperties: false,
    required: ['format', 'formatVersion', 'generatedAt', 'instance', 'subject', 'sections', 'notExported', 'files'],
    properties: {
      format: { const: FORMAT },
      formatVersion: { const: FORMAT_VERSION },
      generatedAt: { type: 'string', format: 'date-time' },
      instance: {
        type: 'object',
        additionalProperties: false,
        required: ['software', 'version', 'url'],
        properties: { software: { const: 'Cooperando' }, version: { type: 'string' }, url: { type: 'string', format: 'uri' } },
      },
      subject: {
        type: 'object',
        additionalProperties: false,
        required: ['accountId', 'personIds'],
        properties: { accountId: { type: 'string', format: 'uuid' }, personIds: { type: 'array', items: { type: 'string', format: 'uuid' } } },
      },
      sections: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['section', 'table', 'module', 'title', 'rows', 'json', 'csv', 'schema'],
          properties: {
            section: { type: 'string' },
            table: { type: 'string' },
            module: { type: 'string' },
            title: { type: 'object', required: ['it', 'en'], properties: { it: { type: 'string' }, en: { type: 'string' } } },
            rows: { type: 'integer', minimum: 0 },
            json: { type: 'string' },
            csv: { type: 'string' },
            schema: { type: 'string' },
          },
        },
      },
      notExported: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['table', 'module', 'category', 'reason'],
          properties: {
            table: { type: 'string' },
            module: { type: 'string' },
            category: { type: 'string' },
            reason: { type: 'object', required: ['it', 'en'], properties: { it: { type: 'string' }, en: { type: 'string' } } },
          },
        },
      },
      files: { type: 'array', items: file },
    },
  };
}
