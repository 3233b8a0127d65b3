// The mail outbox for platform administrators: what the platform sent or holds (without SMTP every mail stays here).
import Type from 'typebox';
import { sql } from 'drizzle-orm';
import type { App } from '../../../core/http.ts';
import { problemSchema } from '../../../core/http.ts';
import { Uuid } from '../../../core/schemas.ts';
import { queryRows, type Db } from '../../../core/db.ts';
import { notFound } from '../../../core/errors.ts';
import { requirePlatformAdmin } from '../service.ts';
import type { Mailer } from './mailer.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['mail'];
const Status = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('outbox')]);
const Summary = Type.Object(
  {
    id: Uuid,
    to: Type.String(),
    subject: Type.String(),
    template: Type.String(),
    locale: Type.String(),
    status: Status,
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    sentAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

interface Row {
  id: string;
  to_address: string;
  subject: string;
  template: string;
  locale: string;
  status: 'pending' | 'sent' | 'failed' | 'outbox';
  attempts: number;
  last_error: string | null;
  created_at: string | Date;
  sent_at: string | Date | null;
  text_body?: string | null;
  html_body?: string | null;
}
const summary = (r: Row) => ({
  id: r.id,
  to: r.to_address,
  subject: r.subject,
  template: r.template,
  locale: r.locale,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: new Date(r.created_at).toISOString(),
  sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
});

export function registerMailRoutes(app: App, deps: { db: Db; mailer: Mailer }): void {
  const { db } = deps;
  app.get(
    '/api/v1/admin/mail',
    {
      schema: {
        tags: TAGS,
        summary: 'Outgoing mail, newest first (platform admins)',
        description: '`mode` is `smtp` when SMTP_URL is set, else `outbox` (mails are not sent and can be read here).',
        security: [{ session: [] }],
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            to: Type.Optional(Type.String({ maxLength: 254 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { mode: Type.Union([Type.Literal('smtp'), Type.Literal('outbox')]), items: Type.Array(Summary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() },
            { additionalProperties: false },
          ),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      requirePlatformAdmin(req.principal);
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 25;
      const conds = [sql`TRUE`];
      if (req.query.status) conds.push(sql`status = ${req.query.status}`);
      if (req.query.to) conds.push(sql`to_address ILIKE ${'%' + req.query.to.replace(/[\\%_]/g, '\\$&') + '%'}`);
      const where = sql.join(conds, sql` AND `);
      const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM mail_outbox WHERE ${where}`);
      const list = await queryRows<Row>(
        db,
        sql`SELECT id, to_address, subject, template, locale, status, attempts, last_error, created_at, sent_at FROM mail_outbox
             WHERE ${where} ORDER BY created_at DESC, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      );
      return { mode: deps.mailer.mode, items: list.map(summary), total: count?.n ?? 0, page, pageSize };
    },
  );
  app.get(
    '/api/v1/admin/mail/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One mail with its text (platform admins); the body of a delivered mail is not kept',
        security: [{ session: [] }],
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...Summary.properties, text: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requirePlatformAdmin(req.principal);
      const [r] = await queryRows<Row>(db, sql`SELECT * FROM mail_outbox WHERE id = ${req.params.id}`);
      if (!r) throw notFound();
      return { ...summary(r), text: r.text_body ?? null };
    },
  );
}
