// Export routes: the register of a co-op (same filters as the listing) and the co-op list (scoped to what the
// user may see), as CSV or XLSX streamed straight from paged queries into the response.
import { PassThrough } from 'node:stream';
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { requirePrincipal, problemSchema } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import { queryRows } from '../../../core/db.ts';
import { sql } from 'drizzle-orm';
import { assertCanReadRegister } from '../service.ts';
import { audit } from '../../../core/audit.ts';
import { attachment, CONTENT_TYPES, exportCooperatives, exportMembers, type ExportFormat } from './exporter.ts';

const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const Lang = Type.Union([Type.Literal('it'), Type.Literal('en')]);
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const fileResponse = { 200: { description: 'CSV (UTF-8 with BOM, ";") or XLSX file', type: 'string', format: 'binary' } };

const MemberExportQuery = Type.Object(
  {
    format: Type.Optional(Format),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    memberType: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('exited'), Type.Literal('all')])),
    asOf: Type.Optional(Type.String({ format: 'date' })),
    lang: Type.Optional(Lang),
  },
  { additionalProperties: false },
);

const CooperativeExportQuery = Type.Object(
  {
    format: Type.Optional(Format),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    province: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    category: Type.Optional(Type.String({ maxLength: 80 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('liquidation'), Type.Literal('struck_off')])),
    organisationId: Type.Optional(Type.String({ format: 'uuid' })),
    lang: Type.Optional(Lang),
  },
  { additionalProperties: false },
);

const today = () => new Date().toISOString().slice(0, 10);

export function registerExportRoutes(app: App, database: Database): void {
  const tags = ['registry'];

  app.get(
    '/api/v1/cooperatives/:id/members/export',
    { schema: { tags, summary: 'Export a co-op’s register (libro soci)', params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), querystring: MemberExportQuery, response: { ...fileResponse, ...errors } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { id } = req.params as { id: string };
      await assertCanReadRegister(database.db, p, id);
      const [coop] = await queryRows<{ cf: string }>(database.db, sql`SELECT codice_fiscale AS cf FROM cooperatives WHERE organisation_id = ${id}`);
      const q = req.query as { format?: ExportFormat; q?: string; memberType?: string; status?: 'active' | 'exited' | 'all'; asOf?: string };
      const format = q.format ?? 'csv';
      // A register export is personal data leaving the platform: record who took it (ids and filters, no names).
      await audit(database.db, {
        actorAccountId: p.accountId,
        action: 'registry.export.members',
        subjectType: 'organisation',
        subjectId: id,
        organisationId: id,
        requestId: req.id,
        details: { format, status: q.status ?? 'active', memberType: q.memberType ?? null, asOf: q.asOf ?? null, search: Boolean(q.q) },
      });
      const out = new PassThrough();
      exportMembers(database, id, { q: q.q, memberType: q.memberType, status: q.status, asOf: q.asOf }, format, out).catch((err: unknown) => {
        req.log.error({ err }, 'member export failed');
        out.destroy(err as Error);
      });
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', attachment(`libro-soci-${coop?.cf ?? id}-${today()}.${format}`))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.get(
    '/api/v1/cooperatives/export',
    { schema: { tags, summary: 'Export the co-ops you may see', querystring: CooperativeExportQuery, response: { ...fileResponse, ...errors } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const q = req.query as { format?: ExportFormat; q?: string; province?: string; category?: string; status?: 'active' | 'liquidation' | 'struck_off'; organisationId?: string };
      const format = q.format ?? 'csv';
      await audit(database.db, {
        actorAccountId: p.accountId,
        action: 'registry.export.cooperatives',
        subjectType: 'organisation',
        subjectId: q.organisationId ?? null,
        organisationId: q.organisationId ?? null,
        requestId: req.id,
        details: { format, province: q.province ?? null, category: q.category ?? null, status: q.status ?? null, search: Boolean(q.q) },
      });
      const out = new PassThrough();
      exportCooperatives(database, p, { q: q.q, province: q.province, category: q.category, status: q.status, organisationId: q.organisationId }, format, out).catch((err: unknown) => {
        req.log.error({ err }, 'cooperative export failed');
        out.destroy(err as Error);
      });
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', attachment(`cooperative-${today()}.${format}`))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
}
