// Privacy HTTP routes: thin — schemas (validation + OpenAPI) and a call into the service or the exporter.
import Type from 'typebox';
import type { App } from '../../core/http.ts';
import { problemSchema, publicLimit, requirePrincipal } from '../../core/http.ts';
import type { Database } from '../../core/db.ts';
import type { Config } from '../../core/config.ts';
import { notFound } from '../../core/errors.ts';
import * as svc from './service.ts';
import { buildExport, publishedSchema, subjectOf } from './export/exporter.ts';

const tags = ['privacy'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];
const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Lang = Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')]));
const LangQuery = Type.Object({ lang: Lang }, { additionalProperties: false });

const DocumentSchema = Type.Object(
  { id: Type.String({ format: 'uuid' }), kind: Type.Union([Type.Literal('privacy_notice'), Type.Literal('terms')]), version: Type.Integer(), title: Type.String(), body: Type.String(), publishedAt: DateTime },
  { additionalProperties: false },
);
const ConsentSchema = Type.Object(
  {
    purpose: Type.String(),
    label: Type.String(),
    description: Type.String(),
    given: Type.Boolean(),
    givenAt: Nullable(DateTime),
    withdrawnAt: Nullable(DateTime),
    history: Type.Array(Type.Object({ givenAt: DateTime, withdrawnAt: Nullable(DateTime), noticeVersion: Nullable(Type.Integer()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const Role = Type.Object({ role: Type.String(), organisationId: Nullable(Type.String()), organisationName: Nullable(Type.String()) }, { additionalProperties: false });
const AccessLogSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          at: DateTime,
          action: Type.String(),
          subjectType: Type.String(),
          subjectId: Nullable(Type.String()),
          organisationId: Nullable(Type.String()),
          organisationName: Nullable(Type.String()),
          actor: Nullable(Type.Object({ accountId: Type.String(), displayName: Type.String(), self: Type.Boolean(), roles: Type.Array(Role) }, { additionalProperties: false })),
          details: Type.Record(Type.String(), Type.Unknown()),
        },
        { additionalProperties: false },
      ),
    ),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    hasMore: Type.Boolean(),
  },
  { additionalProperties: false },
);

// Declared apart (widened types): the handlers send a Buffer and a serialised schema, not a typed object.
const zipResponse = { 200: { description: 'ZIP archive', type: 'string', format: 'binary' }, ...problems(400, 401, 429) };
const schemaResponse = { 200: { description: 'JSON Schema (draft 2020-12)', type: 'object', additionalProperties: true }, ...problems(400, 404) };

/** `attachment; filename=…` (ASCII only here). */
const attachment = (filename: string) => `attachment; filename="${filename}"`;

export function registerPrivacyRoutes(app: App, database: Database, config: Config): void {
  const db = database.db;
  const actor = (req: Parameters<typeof requirePrincipal>[0]): svc.Actor => ({ principal: requirePrincipal(req), requestId: req.id });

  app.get(
    '/api/v1/me/data-export',
    {
      schema: {
        tags,
        summary: 'Download my data: a ZIP with every catalogue section as JSON (with its JSON Schema) and CSV, a README, the profile as vCard, assemblies as iCalendar, a manifest',
        security: SESSION,
        querystring: LangQuery,
        response: zipResponse,
      },
      config: publicLimit(20),
    },
    async (req, reply) => {
      const a = actor(req);
      const started = performance.now();
      const bundle = await buildExport(database, await subjectOf(database, a.principal.accountId), { publicUrl: config.publicUrl, locale: req.locale });
      const ms = Math.round(performance.now() - started);
      await svc.auditExport(db, a, { files: bundle.files.length, rows: bundle.rows, bytes: bundle.zip.byteLength, ms });
      return reply
        .type('application/zip')
        .header('content-disposition', attachment(`cooperando-dati-${bundle.generatedAt.slice(0, 10)}.zip`))
        .header('cache-control', 'no-store')
        .header('server-timing', `export;dur=${ms}`)
        .send(Buffer.from(bundle.zip.buffer, bundle.zip.byteOffset, bundle.zip.byteLength));
    },
  );

  app.get(
    '/api/v1/privacy/schemas/:name',
    {
      schema: {
        tags,
        summary: 'The published JSON Schema of an export file (`manifest` or a section name)',
        params: Type.Object({ name: Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}\\.schema\\.json$' }) }, { additionalProperties: false }),
        response: schemaResponse,
      },
    },
    async (req, reply) => {
      const s = await publishedSchema(database, req.params.name.replace(/\.schema\.json$/, ''), config.publicUrl);
      if (!s) throw notFound('privacy.schema-not-found');
      return reply.type('application/schema+json').send(JSON.stringify(s));
    },
  );

  app.get(
    '/api/v1/privacy/documents/:kind',
    {
      schema: {
        tags,
        summary: 'The current version of the privacy notice or the terms',
        params: Type.Object({ kind: Type.Union([Type.Literal('privacy_notice'), Type.Literal('terms')]) }, { additionalProperties: false }),
        querystring: LangQuery,
        response: { 200: DocumentSchema, ...problems(400, 404) },
      },
    },
    async (req) => svc.currentDocument(db, req.params.kind, req.locale),
  );

  app.post(
    '/api/v1/admin/privacy/documents',
    {
      schema: {
        tags,
        summary: 'Publish a new version of the privacy notice or the terms (platform administrators)',
        security: SESSION_CSRF,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('privacy_notice'), Type.Literal('terms')]),
            titleIt: Type.String({ minLength: 1, maxLength: 200 }),
            titleEn: Type.String({ minLength: 1, maxLength: 200 }),
            bodyIt: Type.String({ minLength: 1, maxLength: 100000 }),
            bodyEn: Type.String({ minLength: 1, maxLength: 100000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: DocumentSchema, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const doc = await svc.publishDocument(db, actor(req), req.body, req.locale);
      return reply.code(201).send(doc);
    },
  );

  app.get(
    '/api/v1/me/consents',
    {
      schema: {
        tags,
        summary: 'My consents, one per purpose, with the dates each was given and withdrawn, and the privacy notice in force',
        security: SESSION,
        querystring: LangQuery,
        response: { 200: Type.Object({ notice: Nullable(DocumentSchema), items: Type.Array(ConsentSchema) }, { additionalProperties: false }), ...problems(400, 401) },
      },
    },
    async (req) => svc.listConsents(db, req.principal, req.locale),
  );

  app.post(
    '/api/v1/me/consents/:purpose',
    {
      schema: {
        tags,
        summary: 'Give (`given: true`) or withdraw (`given: false`) one purpose’s consent',
        security: SESSION_CSRF,
        params: Type.Object({ purpose: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }) }, { additionalProperties: false }),
        querystring: LangQuery,
        body: Type.Object({ given: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ConsentSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => svc.setConsent(db, actor(req), req.params.purpose, req.body.given, req.locale),
  );

  app.get(
    '/api/v1/me/access-log',
    {
      schema: {
        tags,
        summary: 'Who looked at or changed my data (account, person, memberships): when, what, and who with their roles',
        security: SESSION,
        querystring: Type.Object(
          {
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            others: Type.Optional(Type.Boolean()),
            lang: Lang,
          },
          { additionalProperties: false },
        ),
        response: { 200: AccessLogSchema, ...problems(400, 401) },
      },
    },
    async (req) => svc.listAccessLog(db, req.principal, req.query),
  );
}
