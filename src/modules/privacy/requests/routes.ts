// HTTP layer of the requests tracker and erasure: the member's requests and erasure request, the public erasure
// receipt, and the officer's list, extension, answer, refusal and execution. Thin: schemas and a service call.
import Type from 'typebox';
import './messages.ts';
import type { App } from '../../../core/http.ts';
import { problemSchema, publicLimit, requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import * as svc from './service.ts';

const tags = ['privacy'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];
const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Bi = Type.Object({ it: Type.String(), en: Type.String() }, { additionalProperties: false });
const Status = Type.Union([Type.Literal('received'), Type.Literal('in_progress'), Type.Literal('answered'), Type.Literal('refused')]);
const Kind = Type.Union([Type.Literal('access'), Type.Literal('export'), Type.Literal('rectification'), Type.Literal('erasure')]);

const Report = Type.Object(
  {
    executedAt: DateTime,
    tables: Type.Array(
      Type.Object(
        {
          table: Type.String(), section: Nullable(Type.String()), title: Nullable(Bi),
          outcome: Type.Union([Type.Literal('deleted'), Type.Literal('kept'), Type.Literal('updated')]),
          rows: Type.Integer(), erased: Type.Array(Type.String()), pseudonymised: Type.Array(Type.String()), kept: Type.Array(Type.String()), basis: Nullable(Bi),
        },
        { additionalProperties: false },
      ),
    ),
    clients: Type.Array(Type.Object({ clientId: Type.String(), clientName: Type.String(), subject: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const requestFields = {
  id: Uuid, kind: Kind, status: Status, cooperativeIds: Type.Array(Uuid), message: Nullable(Type.String()),
  receivedAt: DateTime, dueAt: DateTime, extendedDueAt: Nullable(DateTime), extensionReason: Nullable(Type.String()), extendedAt: Nullable(DateTime),
  answer: Nullable(Type.String()), refusalReason: Nullable(Type.String()), closedAt: Nullable(DateTime), overdue: Type.Boolean(), daysLeft: Type.Integer(),
  result: Nullable(Report),
};
const RequestSchema = Type.Object(requestFields, { additionalProperties: false });
const OfficerRequestSchema = Type.Object({ ...requestFields, subjectName: Nullable(Type.String()), accountId: Nullable(Uuid) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export function registerRequestRoutes(app: App, database: Database, config: Config): void {
  const actor = (req: Parameters<typeof requirePrincipal>[0]): svc.Actor => ({ principal: requirePrincipal(req), requestId: req.id });

  app.post(
    '/api/v1/me/erasure-request',
    {
      schema: {
        tags, security: SESSION_CSRF,
        summary: 'Ask for the erasure of my data (confirm by typing my sign-in e-mail); an officer executes it. The receipt token, given once, reads the outcome after the account is gone',
        body: Type.Object({ confirmEmail: Type.String({ minLength: 3, maxLength: 320 }), message: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ request: RequestSchema, receiptToken: Type.String() }, { additionalProperties: false }), ...problems(400, 401, 403, 409) },
      },
      config: publicLimit(10),
    },
    async (req, reply) => reply.code(201).send(await svc.requestErasure(database, actor(req), req.body, new Date())),
  );

  app.post(
    '/api/v1/me/privacy-requests',
    {
      schema: {
        tags, security: SESSION_CSRF,
        summary: 'Make an access, export or rectification request to my co-ops (or one of them)',
        body: Type.Object(
          { kind: Type.Union([Type.Literal('access'), Type.Literal('export'), Type.Literal('rectification')]), message: Type.Optional(Type.String({ maxLength: 4000 })), cooperativeId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 201: RequestSchema, ...problems(400, 401, 403) },
      },
      config: publicLimit(20),
    },
    async (req, reply) => reply.code(201).send(await svc.createRequest(database, actor(req), req.body, new Date())),
  );

  app.get(
    '/api/v1/me/privacy-requests',
    { schema: { tags, security: SESSION, summary: 'My requests with their deadlines, status and outcome', response: { 200: Type.Object({ items: Type.Array(RequestSchema) }, { additionalProperties: false }), ...problems(401) } } },
    async (req) => ({ items: await svc.listMyRequests(database, req.principal, new Date()) }),
  );

  app.get(
    '/api/v1/privacy/erasure-receipts/:token',
    {
      schema: {
        tags, summary: 'The outcome of an erasure request, read with its receipt token (no session: the account may be gone)',
        params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) }, { additionalProperties: false }),
        response: { 200: RequestSchema, ...problems(400, 404, 429) },
      },
      config: publicLimit(30),
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await svc.receiptByToken(database, req.params.token, new Date())),
  );

  app.get(
    '/api/v1/privacy/requests',
    {
      schema: {
        tags, security: SESSION,
        summary: 'The privacy officer’s requests: one co-op’s (its administrators) or all (platform administrators), open first by deadline; `overdue=true` keeps the late ones',
        querystring: Type.Object({ cooperativeId: Type.Optional(Uuid), overdue: Type.Optional(Type.Boolean()), status: Type.Optional(Status) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(OfficerRequestSchema), overdueCount: Type.Integer() }, { additionalProperties: false }), ...problems(400, 401, 403) },
      },
    },
    async (req) => svc.listOfficerRequests(database, req.principal, req.query, new Date()),
  );

  const officerPost = (path: string, summary: string, body: ReturnType<typeof Type.Object> | null, run: (a: svc.Actor, id: string, body: Record<string, unknown>) => Promise<svc.RequestView>) =>
    app.post(
      path,
      {
        schema: { tags, security: SESSION_CSRF, summary, params: IdParams, ...(body ? { body } : {}), response: { 200: RequestSchema, ...problems(400, 401, 403, 404, 409) } },
      },
      async (req) => run(actor(req), (req.params as { id: string }).id, (req.body ?? {}) as Record<string, unknown>),
    );

  officerPost('/api/v1/privacy/requests/:id/start', 'Mark a request as in progress', null, (a, id) => svc.startRequest(database, a, id, new Date()));
  officerPost(
    '/api/v1/privacy/requests/:id/extend',
    'Extend the deadline once by one or two further months (GDPR art. 12(3)), with the reason the member sees',
    Type.Object({ reason: Text(2000), months: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })) }, { additionalProperties: false }),
    (a, id, b) => svc.extendRequest(database, a, id, b as { reason: string; months?: number }, new Date()),
  );
  officerPost(
    '/api/v1/privacy/requests/:id/answer',
    'Close a request as answered (not for erasure: execute it)',
    Type.Object({ answer: Text(4000) }, { additionalProperties: false }),
    (a, id, b) => svc.closeRequest(database, a, id, { outcome: 'answered', text: String(b.answer) }, new Date()),
  );
  officerPost(
    '/api/v1/privacy/requests/:id/refuse',
    'Refuse a request with the reason (GDPR art. 12(4))',
    Type.Object({ reason: Text(4000) }, { additionalProperties: false }),
    (a, id, b) => svc.closeRequest(database, a, id, { outcome: 'refused', text: String(b.reason) }, new Date()),
  );
  officerPost(
    '/api/v1/privacy/requests/:id/execute',
    'Execute an erasure request: one transaction; the register keeps its legal fields, the rest is deleted or pseudonymised; sessions, passkeys and tokens end; credentials are revoked; connected applications get a notice',
    null,
    (a, id) => svc.executeErasureRequest(database, a, id, config.privacyPseudonymKey, new Date()),
  );
}
