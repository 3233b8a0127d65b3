// Import routes: POST /api/v1/imports (multipart: kind, mode, cooperativeId, file) streams the upload to a
// temporary file, runs the import and answers with its report; POST /api/v1/import-jobs does the same in the
// background (poll GET /api/v1/import-jobs/:id); GET /api/v1/imports/template gives the templates.
// Everything the client can get wrong is a 4xx naming the field, never a 5xx.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App, Principal } from '../../../core/http.ts';
import { requirePrincipal, problemSchema } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { ProblemError, forbidden, invalidField, notFound, problemBody } from '../../../core/errors.ts';
import { problemOf, type Job, type JobRunner } from '../../../core/jobs.ts';
import type { Locale } from '../../../core/i18n.ts';
import { canManageRegister, isPlatformAdmin } from '../scope.ts';
import { importFile, findCooperative, type ImportActor, type ImportMode, type ImportReport } from './importer.ts';
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

interface ReceivedUpload {
  kind: ImportKind;
  mode: ImportMode;
  cooperativeId: string | null;
  path: string;
  /** The file's name as uploaded (shown beside the job), if the client gave one. */
  fileName: string | null;
  /** Removes the stored upload. */
  discard(): Promise<void>;
}

/**
 * Reads a multipart import request: checks who may import what before the file is stored (fields first) and
 * after (file first), streams the file to DATA_DIR/uploads — rather than /tmp, often a small in-memory
 * filesystem; uploads may be 1 GB — and refuses anything incomplete with a 4xx naming the field.
 */
async function receiveUpload(req: FastifyRequest, p: Principal, database: Database, config: Config): Promise<ReceivedUpload> {
  // A member (no management grant) may not import anything: refuse before reading the upload.
  if (!isPlatformAdmin(p) && !p.grants.some((g) => g.role === 'coop_admin' || g.role === 'association_staff')) throw forbidden();
  if (!req.isMultipart()) throw new ProblemError(415, 'unsupported-media-type', { fields: [{ field: 'file', code: 'import.file.multipart' }] });
  const fields: Record<string, string> = {};
  const base = join(config.dataDir, 'uploads');
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'import-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    let stored: string | null = null;
    let fileName: string | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || stored) {
          part.file.resume();
          continue;
        }
        checkFields(p, fields, false);
        const path = join(dir, 'upload');
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new ProblemError(413, 'payload-too-large', { fields: [{ field: 'file', code: 'field.length' }] });
        stored = path;
        fileName = part.filename ? part.filename.slice(0, 200) : null;
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
    return { ...checked, path: stored, fileName, discard };
  } catch (err) {
    await discard();
    throw err;
  }
}

const JobSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled'), Type.Literal('interrupted')]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  params: Type.Object({
    kind: Type.Optional(Type.String()),
    mode: Type.Optional(Type.String()),
    cooperativeId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    fileName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  progress: Type.Object({
    done: Type.Optional(Type.Integer()),
    total: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    unit: Type.Optional(Type.String()),
  }),
  /** The import report once the job succeeded. */
  report: Type.Union([ImportReportSchema, Type.Null()]),
  /** Why the job failed, as an RFC 9457 problem in the reader's language. */
  problem: Type.Union([problemSchema, Type.Null()]),
});

const JobParams = Type.Object({ id: Type.String({ pattern: UUID.source }) }, { additionalProperties: false });

export function registerImportRoutes(app: App, database: Database, config: Config, jobs: JobRunner): void {
  const tags = ['registry'];

  const jobView = (job: Job<ImportReport>, locale: Locale) => ({
    id: job.id,
    kind: job.kind,
    status: job.status,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    params: job.params as { kind?: string; mode?: string; cooperativeId?: string | null; fileName?: string | null },
    progress: job.progress,
    report: job.status === 'succeeded' ? job.result : null,
    problem: job.error ? problemBody(problemOf(job.error), locale) : null,
  });

  /** Only the account that started a job (or a platform administrator) sees it; others get a 404. */
  const ownJob = async (p: Principal, id: string): Promise<Job<ImportReport>> => {
    const job = await jobs.get<ImportReport>(id);
    if (!job || job.kind !== 'registry.import' || (job.accountId !== p.accountId && !isPlatformAdmin(p))) throw notFound('import.job.unknown');
    return job;
  };

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
          summary: 'Import co-ops or a co-op’s members from a CSV or XLSX file, answering with the report (small files)',
          description:
            'multipart/form-data with the fields `kind` (members | cooperatives), `mode` (dry-run | commit, default dry-run), `cooperativeId` (members) and the file in `file`. ' +
            'The import runs within the request; for large files use `POST /api/v1/import-jobs`, which runs in the background.',
          consumes: ['multipart/form-data'],
          response: { 200: ImportReportSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 413: problemSchema, 415: problemSchema },
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const upload = await receiveUpload(req, p, database, config);
        try {
          // A client that goes away stops the import after the batch in flight (each batch commits whole).
          const abort = new AbortController();
          reply.raw.once('close', () => {
            if (!reply.raw.writableFinished) abort.abort(new Error('client closed the connection'));
          });
          return await importFile(database, {
            signal: abort.signal,
            kind: upload.kind,
            mode: upload.mode,
            path: upload.path,
            ...(upload.cooperativeId ? { cooperativeId: upload.cooperativeId } : {}),
            actor: actorOf(p, req.id),
            locale: req.locale,
          });
        } finally {
          await upload.discard();
        }
      },
    );

    scope.post(
      '/api/v1/import-jobs',
      {
        schema: {
          tags,
          summary: 'Start an import in the background (any size); poll the job for progress and the report',
          description: 'The same multipart fields as `POST /api/v1/imports`. Answers 202 with the job as soon as the file is stored.',
          consumes: ['multipart/form-data'],
          response: { 202: JobSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 413: problemSchema, 415: problemSchema },
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const upload = await receiveUpload(req, p, database, config);
        const locale = req.locale;
        const actor = actorOf(p, req.id);
        const job = await jobs.start<ImportReport>(
          {
            kind: 'registry.import',
            accountId: p.accountId,
            organisationId: upload.cooperativeId,
            params: { kind: upload.kind, mode: upload.mode, cooperativeId: upload.cooperativeId, fileName: upload.fileName },
          },
          (ctx) =>
            importFile(database, {
              signal: ctx.signal,
              kind: upload.kind,
              mode: upload.mode,
              path: upload.path,
              ...(upload.cooperativeId ? { cooperativeId: upload.cooperativeId } : {}),
              actor,
              locale,
              onProgress: (rows, bytes) => ctx.progress({ done: bytes.read, total: bytes.total, unit: 'bytes' }),
            }),
          upload.discard,
        );
        return reply.code(202).send(jobView(job, locale));
      },
    );
  });

  app.get(
    '/api/v1/import-jobs/:id',
    {
      schema: {
        tags,
        summary: 'An import job: status, progress (bytes of the file read) and, when done, the report or the problem',
        params: JobParams,
        response: { 200: JobSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return jobView(await ownJob(p, (req.params as { id: string }).id), req.locale);
    },
  );

  app.post(
    '/api/v1/import-jobs/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Stop a running import after the batch in flight (committed batches stay; running it again is safe)',
        params: JobParams,
        response: { 202: JobSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { id } = req.params as { id: string };
      await ownJob(p, id);
      await jobs.cancel(id);
      return reply.code(202).send(jobView(await ownJob(p, id), req.locale));
    },
  );

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
