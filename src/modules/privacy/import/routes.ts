// Portability routes: upload a bundle from another Cooperando instance (multipart, field `file`), list what was
// imported, remove an import. Thin: schemas, then the service.
import './messages.ts';
import Type from 'typebox';
import multipart from '@fastify/multipart';
import type { App } from '../../../core/http.ts';
import { problemSchema, publicLimit, requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { ProblemError } from '../../../core/errors.ts';
import { LIMITS } from './bundle.ts';
import * as svc from './service.ts';

const tags = ['privacy'];
const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

const ImportSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    sourceUrl: Type.String(),
    sourceSoftware: Type.String(),
    sourceVersion: Type.String(),
    sourceGeneratedAt: DateTime,
    importedAt: DateTime,
    manifestSha256: Type.String(),
    profileFilled: Type.Array(Type.String()),
    conflicts: Type.Array(
      Type.Object(
        { field: Type.String(), reason: Type.Union([Type.Literal('different-value'), Type.Literal('in-register')]), current: Nullable(Type.String()), imported: Nullable(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    counts: Type.Object(
      {
        memberships: Type.Integer(),
        credentials: Type.Integer(),
        records: Type.Integer(),
        sections: Type.Record(Type.String(), Type.Integer()),
        skipped: Type.Array(Type.Object({ section: Type.String(), rows: Type.Integer(), reason: Type.String() }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    memberships: Type.Array(
      Type.Object(
        {
          id: Type.String({ format: 'uuid' }),
          originUrl: Type.String(),
          cooperativeName: Nullable(Type.String()),
          cooperativeCodiceFiscale: Nullable(Type.String()),
          registerNumber: Nullable(Type.Integer()),
          memberTypes: Type.Array(Type.String()),
          admittedOn: Nullable(Type.String({ format: 'date' })),
          exitOn: Nullable(Type.String({ format: 'date' })),
          sharesCount: Nullable(Type.Integer()),
          subscribedCents: Nullable(Type.Integer()),
          paidCents: Nullable(Type.Integer()),
          hasCredential: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const ResultSchema = Type.Object({ alreadyImported: Type.Boolean(), import: ImportSchema }, { additionalProperties: false });

export function registerImportRoutes(app: App, database: Database, config: Config): void {
  const db = database.db;

  app.get(
    '/api/v1/me/imported',
    {
      schema: {
        tags,
        summary: 'What I imported from other Cooperando instances: source, date, external memberships, counts and conflicts',
        security: [{ session: [] }],
        response: { 200: Type.Object({ items: Type.Array(ImportSchema) }, { additionalProperties: false }), ...problems(401) },
      },
    },
    async (req) => svc.listImports(db, requirePrincipal(req)),
  );

  app.delete(
    '/api/v1/me/imported/:id',
    {
      schema: {
        tags,
        summary: 'Remove an import (its external memberships and history records; profile fields it filled stay)',
        security: [{ session: [], csrf: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.deleteImport(db, { principal: requirePrincipal(req), requestId: req.id }, req.params.id);
      return reply.code(204).send(null);
    },
  );

  // Multipart only in this scope (as the registry's and the ledger's imports): other routes keep refusing it.
  void app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: Math.min(LIMITS.zipBytes, config.maxUploadBytes), files: 1, fields: 2, fieldSize: 100, parts: 3 } });
    scope.post(
      '/api/v1/me/data-import',
      {
        schema: {
          tags,
          summary: 'Import my data copy (the ZIP of GET /api/v1/me/data-export) from another Cooperando instance',
          description:
            'multipart/form-data with the ZIP in `file`. The bundle is checked whole before anything is written: format and version, each file’s SHA-256 ' +
            'against the manifest, each data file against its JSON Schema, size and file-count caps. 201 with what was imported; 200 with ' +
            '`alreadyImported` when the same bundle (same manifest) was imported before. Empty profile fields are filled; different ones are kept and reported.',
          security: [{ session: [], csrf: [] }],
          consumes: ['multipart/form-data'],
          response: { 200: ResultSchema, 201: ResultSchema, ...problems(400, 401, 403, 409, 413, 415, 422, 429) },
        },
        config: publicLimit(10),
      },
      async (req, reply) => {
        const principal = requirePrincipal(req);
        if (!req.isMultipart()) throw new ProblemError(415, 'unsupported-media-type', { fields: [{ field: 'file', code: 'privacy.import.multipart' }] });
        let zip: Buffer | null = null;
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' || zip) {
            part.file.resume();
            continue;
          }
          try {
            zip = await part.toBuffer();
          } catch (err) {
            if ((err as { statusCode?: number }).statusCode === 413) {
              throw new ProblemError(413, 'payload-too-large', { detailKey: 'privacy.import.too-large', detailParams: { limit: LIMITS.zipBytes }, fields: [{ field: 'file', code: 'privacy.import.too-large', params: { limit: LIMITS.zipBytes } }] });
            }
            throw err;
          }
        }
        if (!zip) throw new ProblemError(400, 'validation', { fields: [{ field: 'file', code: 'privacy.import.file-required' }] });
        const result = await svc.importBundle(database, { principal, requestId: req.id }, new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), config.publicUrl);
        return reply.code(result.created ? 201 : 200).send({ alreadyImported: !result.created, import: result.import });
      },
    );
  });
}
