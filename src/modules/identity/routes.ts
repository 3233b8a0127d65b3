// HTTP layer of the identity module: schemas (validation + OpenAPI) and a call into the service.
import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/http.ts';
import { problemSchema } from '../../core/http.ts';
import type { Config } from '../../core/config.ts';
import type { Database } from '../../core/db.ts';
import { ProblemError, unauthenticated } from '../../core/errors.ts';
import { setSessionCookie, clearSessionCookie } from './hook.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.ts';
import * as svc from './service.ts';
import { signInAttempts } from './schema.ts';
import type { Mailer } from './mail/mailer.ts';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
// A pattern rather than ajv's `uuid` format, which also admits a `urn:uuid:` prefix that PostgreSQL refuses
// (and both together would report one mistake twice).
const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'A UUID.' });
const NullableUuid = Type.Union([Uuid, Type.Null()]);
const Email = Type.String({ format: 'email', maxLength: 254 });
const LocaleSchema = Type.Union([Type.Literal('it'), Type.Literal('en')]);
const Role = Type.Union([Type.Literal('coop_admin'), Type.Literal('association_staff'), Type.Literal('platform_admin')]);
// No control characters (PostgreSQL text cannot hold NUL, and names end up in documents).
const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001F\\u007F]*$' });
const AnyPassword = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const NewPassword = Type.String({ maxLength: MAX_PASSWORD_LENGTH, description: `At least ${MIN_PASSWORD_LENGTH} characters.` });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

const GrantView = Type.Object(
  { role: Role, organisationId: NullableUuid, organisationName: NullableString, organisationKind: NullableString },
  { additionalProperties: false },
);
export const AccountView = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    locale: LocaleSchema,
    personId: NullableUuid,
    grants: Type.Array(GrantView),
  },
  { additionalProperties: false },
);
const AdminGrantView = Type.Object(
  { id: Uuid, role: Role, organisationId: NullableUuid, organisationName: NullableString, organisationKind: NullableString },
  { additionalProperties: false },
);
const AdminAccountView = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    locale: LocaleSchema,
    personId: NullableUuid,
    grants: Type.Array(AdminGrantView),
    createdAt: DateTime,
    lastSignInAt: Type.Union([DateTime, Type.Null()]),
    lockedUntil: Type.Union([DateTime, Type.Null()]),
    disabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const SessionResponse = Type.Object({ account: AccountView, csrfToken: Type.String() }, { additionalProperties: false });
const NoContent = Type.Null({ description: 'No content' });

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['identity'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];

function actorOf(req: FastifyRequest): svc.Actor {
  const ua = req.headers['user-agent'];
  return { accountId: req.principal?.accountId ?? null, requestId: req.id, ip: req.ip, userAgent: typeof ua === 'string' ? ua : null };
}

/** 429 problems carry the wait in `detailParams.seconds`; it also goes out as Retry-After. */
async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProblemError && err.status === 429) reply.header('retry-after', String(err.detailParams.seconds ?? 60));
    throw err;
  }
}

/** Invitation tokens cannot be guessed, but a wrong one still costs the client address like a wrong password. */
async function acceptThrottled(
  db: Database['db'],
  config: Config,
  body: Parameters<typeof svc.acceptInvitation>[2],
  actor: svc.Actor,
  previous: Parameters<typeof svc.acceptInvitation>[4],
): ReturnType<typeof svc.acceptInvitation> {
  if (actor.ip) {
    const r = await svc.attemptsSince(db, svc.ipKey(actor.ip), new Date(Date.now() - svc.SIGN_IN_WINDOW_MS));
    if (r.n >= svc.MAX_IP_FAILURES) throw svc.tooMany('rate-limited', (r.first?.getTime() ?? Date.now()) + svc.SIGN_IN_WINDOW_MS - Date.now());
  }
  try {
    return await svc.acceptInvitation(db, config, body, actor, previous);
  } catch (err) {
    if (actor.ip && err instanceof ProblemError && err.slug === 'invitation-invalid') await db.insert(signInAttempts).values({ key: svc.ipKey(actor.ip) });
    throw err;
  }
}

export function registerIdentityRoutes(app: App, database: Database, config: Config, mailer: Mailer): void {
  const db = database.db;

  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in with e-mail and password',
        description:
          'Opens a session: sets the `coop_session` cookie and returns the CSRF token to send as `x-csrf-token` on unsafe ' +
          'requests. Unknown e-mail and wrong password give the same 401. After 5 failures in 15 minutes the e-mail is ' +
          'locked for 15 minutes (429 `account-locked`); more than 30 failures from one address give 429 `rate-limited`.',
        body: Type.Object({ email: Email, password: AnyPassword }, { additionalProperties: false }),
        response: { 200: SessionResponse, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const r = await withRetryAfter(reply, () => svc.signIn(db, config, req.body, actorOf(req), req.principal));
      setSessionCookie(reply, config, r.token);
      return { account: r.account, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign out (ends the current session)',
        security: SESSION_CSRF,
        response: { 204: NoContent, ...problems(403) },
      },
    },
    async (req, reply) => {
      await svc.signOut(db, req.principal, actorOf(req));
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: TAGS,
        summary: 'The current session: account and CSRF token',
        security: SESSION,
        response: { 200: SessionResponse, ...problems(401) },
      },
    },
    async (req) => {
      const p = req.principal;
      if (!p) throw unauthenticated();
      return { account: await svc.getAccountView(db, p.accountId), csrfToken: p.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/invitations/accept',
    {
      schema: {
        tags: TAGS,
        summary: 'Accept an invitation',
        description:
          'Creates the account with this password (or, when an account with the invited e-mail exists, checks its ' +
          'password, unless the request is signed in as that account), links the person, adds the role and opens a session ' +
          'like sign-in. 404 `invitation-invalid`, 410 `invitation-expired` / `invitation-used`.',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 128 }), password: Type.Optional(NewPassword), displayName: Type.Optional(DisplayName) },
          { additionalProperties: false },
        ),
        response: { 200: SessionResponse, ...problems(400, 401, 403, 404, 409, 410, 429) },
      },
    },
    async (req, reply) => {
      const r = await withRetryAfter(reply, () => acceptThrottled(db, config, req.body, actorOf(req), req.principal));
      setSessionCookie(reply, config, r.token);
      return { account: r.account, csrfToken: r.csrfToken };
    },
  );

  app.patch(
    '/api/v1/me/account',
    {
      schema: {
        tags: TAGS,
        summary: 'Change my display name or language',
        security: SESSION_CSRF,
        body: Type.Object({ displayName: Type.Optional(DisplayName), locale: Type.Optional(LocaleSchema) }, { additionalProperties: false }),
        response: { 200: AccountView, ...problems(400, 401, 403) },
      },
    },
    async (req) => svc.updateMyAccount(db, req.principal, req.body, actorOf(req)),
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: TAGS,
        summary: 'Change my password',
        description:
          'Checks the current password (throttled like sign-in) — or, without `currentPassword`, needs a recent step-up (403 ' +
          '`step-up-required`) — and ends every other session of the account. The owner is told by mail.',
        security: SESSION_CSRF,
        body: Type.Object({ currentPassword: Type.Optional(AnyPassword), newPassword: NewPassword }, { additionalProperties: false }),
        response: { 204: NoContent, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => svc.changePassword(db, req.principal, req.body, actorOf(req), { mailer, publicUrl: config.publicUrl }));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags: TAGS,
        summary: 'My open sessions',
        security: SESSION,
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  {
                    id: Type.String(),
                    createdAt: DateTime,
                    lastSeenAt: DateTime,
                    current: Type.Boolean(),
                    userAgent: NullableString,
                    authMethod: Type.Union([Type.Literal('password'), Type.Literal('passkey'), Type.Literal('recovery-code'), Type.Literal('invitation'), Type.Null()]),
                  },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          ...problems(401),
        },
      },
    },
    async (req) => ({ items: await svc.listSessions(db, req.principal) }),
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'End one of my sessions',
        security: SESSION_CSRF,
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) }, { additionalProperties: false }),
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const wasCurrent = await svc.revokeSession(db, req.principal, req.params.id, actorOf(req));
      if (wasCurrent) clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations',
    {
      schema: {
        tags: TAGS,
        summary: 'Invite someone to the platform',
        description:
          'A platform admin may invite anyone with any role. Association staff may invite association staff for an ' +
          'organisation in their scope, or the admin of a co-op in their scope. A co-op admin may invite admins of ' +
          'their co-op and its members (`personId`, no role). Give a role, a person, or both. The invitation lasts 14 ' +
          'days and is sent by e-mail (in `locale`, else the invitee’s account language, else the inviter’s); `acceptUrl` carries ' +
          'its token and is shown only here.',
        security: SESSION_CSRF,
        body: Type.Object(
          {
            email: Email,
            displayName: Type.Optional(DisplayName),
            personId: Type.Optional(Uuid),
            role: Type.Optional(Role),
            organisationId: Type.Optional(Uuid),
            locale: Type.Optional(LocaleSchema),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object(
            { id: Uuid, email: Type.String(), expiresAt: DateTime, acceptUrl: Type.String() },
            { additionalProperties: false },
          ),
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (req, reply) => {
      const r = await svc.createInvitation(db, config, req.principal, req.body, actorOf(req), mailer);
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/api/v1/admin/accounts',
    {
      schema: {
        tags: TAGS,
        summary: 'List accounts (platform admins)',
        security: SESSION,
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
            lang: Type.Optional(LocaleSchema),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { items: Type.Array(AdminAccountView), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() },
            { additionalProperties: false },
          ),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => svc.adminListAccounts(db, req.principal, req.query),
  );

  app.post(
    '/api/v1/admin/accounts',
    {
      schema: {
        tags: TAGS,
        summary: 'Create an account (platform admins)',
        security: SESSION_CSRF,
        body: Type.Object(
          {
            email: Email,
            displayName: DisplayName,
            password: NewPassword,
            locale: Type.Optional(LocaleSchema),
            personId: Type.Optional(Uuid),
            grants: Type.Optional(
              Type.Array(Type.Object({ role: Role, organisationId: Type.Optional(NullableUuid) }, { additionalProperties: false }), {
                maxItems: 50,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: AdminAccountView, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const view = await svc.adminCreateAccount(
        db,
        req.principal,
        { ...body, grants: body.grants?.map((g) => ({ role: g.role, organisationId: g.organisationId ?? null })) },
        actorOf(req),
      );
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/api/v1/admin/accounts/:id/grants',
    {
      schema: {
        tags: TAGS,
        summary: 'Grant a role (platform admins)',
        description: '201 with the new grant, or 200 with the existing one when the account already has it.',
        security: SESSION_CSRF,
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object({ role: Role, organisationId: Type.Optional(NullableUuid) }, { additionalProperties: false }),
        response: { 200: AdminGrantView, 201: AdminGrantView, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const r = await svc.adminGrant(db, req.principal, req.params.id, req.body, actorOf(req));
      return reply.code(r.created ? 201 : 200).send(r.grant);
    },
  );

  app.delete(
    '/api/v1/admin/accounts/:id/grants/:grantId',
    {
      schema: {
        tags: TAGS,
        summary: 'Revoke a role grant (platform admins)',
        security: SESSION_CSRF,
        params: Type.Object({ id: Uuid, grantId: Uuid }, { additionalProperties: false }),
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await svc.adminRevokeGrant(db, req.principal, req.params.id, req.params.grantId, actorOf(req));
      return reply.code(204).send(null);
    },
  );
}
