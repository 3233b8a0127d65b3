// Import routes: POST /api/v1/imports (multipart: kind, mode, cooperativeId, file) streams the upload to a
// temporary file, runs the import and answers with its report; GET /api/v1/imports/template gives the templates.
// Everything the client can get wrong is a 4xx naming the field, never a 5xx.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import Type from 'typebox';
import type { App, Principal } from '../../../core/http.ts';
import { requirePrincipal, problemSchema } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { ProblemError, forbidden, invalidField } from '../../../core/errors.ts';
import { canManageRegister, isPlatformAdmin } from '../scope.ts';
import { importFile, findCooperative, type ImportActor, type ImportMode } from './importer.ts';
import type { ImportKind } from './columns.ts';
import { templateCsv, templateXlsx } from './template.ts';
import { attachment, CONTENT_TYPES } from '../export/exporter.ts';

const Issue = Type.Object({
  row: Type.Union([Type.Integer(), Type.Null()]),
  column: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  reason: Type.String(),
});

/** The report the web app renders (also the CLI's JSON). */
export const ImportReportSchema = Type.Object({
  kind: Type.Union([Type.Literal('members'), Type.Literal('cooperatives')]),
  mode: Type.Union([Type.Literal('dry-run'), Type.Literal('commit')]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('utf-8-bom'), Type.Literal('latin1')]),
  delimiter: Type.Union([Type.String(), Type.Null()]),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  rejectedRows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  committed: Type.Boolean(),
  errors: Type.Array(Issue),
  truncated: Type.Boolean(),
  warnings: Type.Array(Issue),
  durationMs: Type.Integer(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function actorOf(p: Principal, requestId: string): ImportActor {
  return {
    accountId: p.accountId,
    platformAdmin: isPlatformAdmin(p),
    staffRoots: p.grants.filter((g) => g.role === 'association_staff' && g.organisationId).map((g) => g.organisationId as string),
    requestId,
  };
}

/** What the fields received so far allow; called before the file is stored (fields first) and after (file first). */
function checkFields(p: Principal, f: Record<string, string>, complete: boolean): { kind: ImportKind; mode: ImportMode; cooperativeId: string | null } | null {
  const kind = f.kind;
  if (kind === undefined) {
    if (complete) throw invalidField('kind', 'field.required');
    return null;
  }
  if (kind !== 'members' && kind !== 'cooperatives') throw invalidField('kind', 'import.kind.invalid');
  const mode = f.mode ?? 'dry-run';
  if (mode !== 'dry-run' && mode !== 'commit') throw invalidField('mode', 'import.mode.invalid');
  if (kind === 'cooperatives') {
    const actor = actorOf(p, '');
    if (!actor.platformAdmin && actor.staffRoots.length === 0) throw forbidden();
    return { kind, mode, cooperativeId: null };
  }
  const id = f.cooperativeId?.trim();
  if (!id) {
    if (complete) throw invalidField('cooperativeId', 'field.required');
    return null;
  }
  if (!UUID.test(id)) throw invalidField('cooperativeId', 'field.format', { format: 'uuid' });
  if (!canManageRegister(p, id)) throw forbidden();
  return { kind, mode, cooperativeId: id };
}

export function registerImportRoutes(app: App, database: Database, config: Config): void {
  const tags = ['registry'];

  // Multipart only in this scope: other routes keep refusing multipart bodies.
  void app.register(async (scope: App) => {
    await scope.register(multipart, {
      limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    });

    scope.post(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary: 'Import co-ops or a co-op’s members from a CSV or XLSX file (dry run or commit)',
          description:
            'multipart/form-data with the fields `kind` (members | cooperatives), `mode` (dry-run | commit, default dry-run), `cooperativeId` (members) and the file in `file`.',
          consumes: ['multipart/form-data'],
          response: { 200: ImportReportSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 413: problemSchema, 415: problemSchema },
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        // A member (no management grant) may not import anything: refuse before reading the upload.
        if (!isPlatformAdmin(p) && !p.grants.some((g) => g.role === 'coop_admin' || g.role === 'association_staff')) throw forbidden();
        if (!req.isMultipart()) throw new ProblemError(415, 'unsupported-media-type', { fields: [{ field: 'file', code: 'import.file.multipart' }] });

        const fields: Record<string, string> = {};
        // Under DATA_DIR rather than /tmp, which is often a small in-memory filesystem; uploads may be 1 GB.
        const base = join(config.dataDir, 'uploads');
        await mkdir(base, { recursive: true });
        const dir = await mkdtemp(join(base, 'import-'));
        let stored: string | null = null;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file' || stored) {
                part.file.resume();
                continue;
              }
              checkFields(p, fields, false); // refuse early when the fields that came first already say no
              const path = join(dir, 'upload');
              await pipeline(part.file, createWriteStream(path));
              if (part.file.truncated) throw new ProblemError(413, 'payload-too-large', { fields: [{ field: 'file', code: 'field.length' }] });
              stored = path;
            } else {
              fields[part.fieldname] = String(part.value ?? '');
            }
          }
          const checked = checkFields(p, fields, true);
          if (!checked) throw invalidField('kind', 'field.required');
          if (!stored) throw invalidField('file', 'import.file.required');
          if (checked.cooperativeId && !(await findCooperative(database, checked.cooperativeId))) {
            throw new ProblemError(404, 'not-found', { detailKey: 'import.cooperative.unknown', fields: [{ field: 'cooperativeId', code: 'import.cooperative.unknown' }] });
          }
          // A client that goes away stops the import after the batch in flight (each batch commits whole).
          const abort = new AbortController();
          reply.raw.once('close', () => {
            if (!reply.raw.writableFinished) abort.abort(new Error('client closed the connection'));
          });
          return await importFile(database, {
            signal: abort.signal,
            kind: checked.kind,
            mode: checked.mode,
            path: stored,
            ...(checked.cooperativeId ? { cooperativeId: checked.cooperativeId } : {}),
            actor: actorOf(p, req.id),
            locale: req.locale,
          });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });

  app.get(
    '/api/v1/imports/template',
    {
      schema: {
        tags,
        summary: 'The import template (Italian headers, one example row)',
        querystring: Type.Object(
          {
            kind: Type.Union([Type.Literal('members'), Type.Literal('cooperatives')]),
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
            lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: { description: 'CSV or XLSX file', type: 'string', format: 'binary' }, 400: problemSchema },
      },
    },
    async (req, reply) => {
      const { kind, format = 'csv' } = req.query as { kind: ImportKind; format?: 'csv' | 'xlsx' };
      const body = format === 'xlsx' ? await templateXlsx(kind) : Buffer.from(await templateCsv(kind), 'utf8');
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', attachment(`${kind === 'members' ? 'modello-libro-soci' : 'modello-cooperative'}.${format}`))
        .send(body as never);
    },
  );
}
