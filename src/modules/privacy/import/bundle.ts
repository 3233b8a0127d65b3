// Reading and validating an uploaded bundle (the ZIP of GET /api/v1/me/data-export) before anything is written:
// zip-bomb caps checked on the central directory before any entry is inflated, the manifest against this instance's
// own manifest schema (format and version), every file's size and SHA-256 against the manifest, each data file
// against the JSON Schema the bundle carries for it — and, for the sections this instance interprets (profile,
// memberships, credentials, earlier imports), against this instance's own schema too, since the bundle's schemas
// are as untrusted as its data. Any problem is a ProblemError naming the file (and the field within it).
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ProblemError, type FieldError } from '../../../core/errors.ts';
import { FORMAT, FORMAT_VERSION, manifestSchema } from '../export/schemas.ts';

// ajv-formats is CommonJS; under nodenext its callable lives on `.default` (as in core/http.ts).
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** Caps against zip bombs and oversized uploads. A member's copy is ~100 KB; these leave room for decades of history. */
export const LIMITS = {
  /** The uploaded ZIP itself. */
  zipBytes: 32 * 1024 * 1024,
  /** Entries in the archive. */
  files: 2000,
  /** One entry, uncompressed (declared in the central directory; inflation never writes past it). */
  entryBytes: 32 * 1024 * 1024,
  /** All entries together, uncompressed. */
  totalBytes: 128 * 1024 * 1024,
};

export interface Manifest {
  format: string;
  formatVersion: number;
  generatedAt: string;
  instance: { software: string; version: string; url: string };
  subject: { accountId: string; personIds: string[] };
  sections: { section: string; table: string; module: string; rows: number; json: string; csv: string; schema: string }[];
  files: { path: string; mediaType: string; bytes: number; sha256: string; section?: string; schema?: string }[];
}

export type Item = Record<string, unknown>;

export interface Bundle {
  manifest: Manifest;
  /** SHA-256 of manifest.json's bytes: it covers every file's hash, so it names the whole bundle. */
  manifestSha256: string;
  /** section → rows, for every section listed in the manifest. */
  sections: Map<string, { table: string; items: Item[] }>;
}

export const SECTION = /^[a-z][a-z0-9-]{0,62}$/;

const problem = (status: number, code: string, field: string, params?: Record<string, string | number>): ProblemError =>
  new ProblemError(status, status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : 'invalid-bundle', { detailKey: code, detailParams: params ?? {}, fields: [{ field, code, ...(params ? { params } : {}) }] });

/** Ajv's errors as fields: `file/<path>` followed by the JSON pointer of the offending value. */
function schemaFields(path: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).slice(0, 5).map((e) => ({
    field: `file/${path}${e.instancePath}${e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : ''}${e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ''}`,
    code: 'privacy.import.schema',
    params: { path, rule: e.keyword, message: e.message ?? '' },
  }));
}

function parseJson(path: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw problem(422, 'privacy.import.json', `file/${path}`, { path });
  }
}

/** A schema without its `$id`, so two instances' schemas of one section can be compiled by the same Ajv. */
function withoutId(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new TypeError('schema is not an object');
  const { $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/** Entry names must be plain relative paths (no traversal, no absolute paths, no directories). */
const safeName = (name: string): boolean => name.length <= 200 && /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name) && !name.split('/').some((s) => s === '..' || s === '.');

/** Unzips with the caps enforced on the declared sizes before any entry is inflated. */
export function unzipBundle(zip: Uint8Array): Record<string, Uint8Array> {
  if (zip.byteLength < 22 || zip[0] !== 0x50 || zip[1] !== 0x4b || zip[2] !== 0x03 || zip[3] !== 0x04) throw problem(415, 'privacy.import.not-zip', 'file');
  if (zip.byteLength > LIMITS.zipBytes) throw problem(413, 'privacy.import.too-large', 'file', { limit: LIMITS.zipBytes });
  let count = 0;
  let total = 0;
  let refusal: ProblemError | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (refusal) return false;
        count += 1;
        total += f.originalSize;
        if (count > LIMITS.files) refusal = problem(413, 'privacy.import.too-many-files', 'file', { limit: LIMITS.files });
        else if (f.originalSize > LIMITS.entryBytes) refusal = problem(413, 'privacy.import.entry-too-large', `file/${f.name}`, { path: f.name, limit: LIMITS.entryBytes });
        else if (total > LIMITS.totalBytes) refusal = problem(413, 'privacy.import.total-too-large', 'file', { limit: LIMITS.totalBytes });
        else if (!safeName(f.name)) refusal = problem(422, 'privacy.import.bad-name', 'file', { path: f.name.slice(0, 200) });
        return refusal === null;
      },
    });
  } catch {
    // fflate throws on a truncated or corrupt archive; none of it is trusted.
    throw problem(422, 'privacy.import.corrupt', 'file');
  }
  if (refusal) throw refusal;
  return files;
}

/** Validates the bundle. `ownSchemas` gives this instance's schema of a section it interprets (null: none). */
export function validateBundle(zip: Uint8Array, ownSchemas: (section: string) => Record<string, unknown> | null, publicUrl: string): Bundle {
  const files = unzipBundle(zip);
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw problem(422, 'privacy.import.missing-file', 'file/manifest.json', { path: 'manifest.json' });
  const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
  const manifestJson = parseJson('manifest.json', manifestBytes);
  // Format and version first, so an unknown format is named as such rather than as a list of schema errors.
  const head = manifestJson as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== FORMAT) throw problem(422, 'privacy.import.format', 'file/manifest.json/format', { expected: FORMAT });
  if (head.formatVersion !== FORMAT_VERSION) throw problem(422, 'privacy.import.version', 'file/manifest.json/formatVersion', { expected: FORMAT_VERSION });

  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  const validateManifest = ajv.compile(manifestSchema(publicUrl.replace(/\/$/, '')));
  if (!validateManifest(manifestJson)) throw new ProblemError(422, 'invalid-bundle', { detailKey: 'privacy.import.schema-failed', detailParams: { path: 'manifest.json' }, fields: schemaFields('manifest.json', validateManifest.errors) });
  const manifest = manifestJson as Manifest;

  // Every file listed exists with its size and hash; every file present is listed (nothing smuggled in).
  const listed = new Set<string>();
  for (const [i, f] of manifest.files.entries()) {
    listed.add(f.path);
    const bytes = files[f.path];
    if (!bytes) throw problem(422, 'privacy.import.missing-file', `file/${f.path}`, { path: f.path });
    if (bytes.byteLength !== f.bytes) throw problem(422, 'privacy.import.size-mismatch', `file/manifest.json/files/${i}/bytes`, { path: f.path });
    if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) throw problem(422, 'privacy.import.hash-mismatch', `file/${f.path}`, { path: f.path });
  }
  for (const name of Object.keys(files)) {
    if (name !== 'manifest.json' && !listed.has(name)) throw problem(422, 'privacy.import.unlisted-file', `file/${name}`, { path: name });
  }

  const sections = new Map<string, { table: string; items: Item[] }>();
  for (const [i, s] of manifest.sections.entries()) {
    const at = `file/manifest.json/sections/${i}`;
    if (!SECTION.test(s.section) || sections.has(s.section)) throw problem(422, 'privacy.import.section-name', `${at}/section`, { path: 'manifest.json' });
    if (s.json !== `data/${s.section}.json` || s.schema !== `schemas/${s.section}.schema.json`) throw problem(422, 'privacy.import.section-files', `${at}/json`, { path: 'manifest.json' });
    const dataBytes = files[s.json];
    const schemaBytes = files[s.schema];
    if (!dataBytes || !listed.has(s.json)) throw problem(422, 'privacy.import.missing-file', `file/${s.json}`, { path: s.json });
    if (!schemaBytes || !listed.has(s.schema)) throw problem(422, 'privacy.import.missing-file', `file/${s.schema}`, { path: s.schema });
    const data = parseJson(s.json, dataBytes);
    const schema = parseJson(s.schema, schemaBytes);
    // The schemas are the bundle's own: their $id (another instance's URL) must not clash between compilations.
    let validate;
    try {
      validate = ajv.compile(withoutId(schema));
    } catch {
      throw problem(422, 'privacy.import.bad-schema', `file/${s.schema}`, { path: s.schema });
    }
    if (!validate(data)) throw new ProblemError(422, 'invalid-bundle', { detailKey: 'privacy.import.schema-failed', detailParams: { path: s.json }, fields: schemaFields(s.json, validate.errors) });
    const own = ownSchemas(s.section);
    if (own) {
      const validateOwn = ajv.compile(withoutId(own));
      if (!validateOwn(data)) throw new ProblemError(422, 'invalid-bundle', { detailKey: 'privacy.import.schema-failed', detailParams: { path: s.json }, fields: schemaFields(s.json, validateOwn.errors) });
    }
    const doc = data as { section?: unknown; table?: unknown; items?: unknown };
    if (typeof doc !== 'object' || doc === null || doc.section !== s.section || doc.table !== s.table || !Array.isArray(doc.items)) {
      throw problem(422, 'privacy.import.section-mismatch', `file/${s.json}/section`, { path: s.json });
    }
    if (doc.items.length !== s.rows) throw problem(422, 'privacy.import.row-count', `${at}/rows`, { path: s.json });
    if (!doc.items.every((r): r is Item => typeof r === 'object' && r !== null && !Array.isArray(r))) throw problem(422, 'privacy.import.section-mismatch', `file/${s.json}/items`, { path: s.json });
    sections.set(s.section, { table: s.table, items: doc.items });
  }
  return { manifest, manifestSha256, sections };
}
