// HTTP layer of account security: the security summary, step-up with the password, recovery codes (status, a new
// set, signing in with one) and the member's own security events.
import Type from 'typebox';
import { eq, sql } from 'drizzle-orm';
import type { App } from '../../../core/http.ts';
import { problemSchema } from '../../../core/http.ts';
import type { Db } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { unauthenticated } from '../../../core/errors.ts';
import { accounts } from '../schema.ts';
import { passkeys } from '../passkeys/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { SessionResponse } from '../routes.ts';
import { setSessionCookie } from '../hook.ts';
import { actorOf, withRetryAfter } from '../http-util.ts';
import { MAX_PASSWORD_LENGTH } from '../password.ts';
import { authenticatedAt, STEP_UP_MS } from './step-up.ts';
import { stepUpWithPassword } from './step-up-password.ts';
import { generateRecoveryCodes, recoveryCodesStatus, signInWithRecoveryCode } from './recovery-codes.ts';
import { listSecurityEvents } from './events.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['security'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export function registerSecurityRoutes(app: App, deps: { db: Db; config: Config; mailer: Mailer }): void {
  const { db, config } = deps;

  app.get(
    '/api/v1/me/security',
    {
      schema: {
        tags: TAGS,
        summary: 'My account’s security at a glance',
        description: '`stepUpUntil`: until when sensitive actions need no new confirmation (null: a step-up is needed now).',
        security: SESSION,
        response: {
          200: Type.Object(
            {
              emailVerified: Type.Boolean(),
              hasPassword: Type.Boolean(),
              passkeys: Type.Integer(),
              recoveryCodes: Type.Object({ total: Type.Integer(), remaining: Type.Integer(), createdAt: Nullable(DateTime) }, { additionalProperties: false }),
              authenticatedAt: Nullable(DateTime),
              stepUpUntil: Nullable(DateTime),
            },
            { additionalProperties: false },
          ),
          ...problems(401),
        },
      },
    },
    async (req) => {
      const p = req.principal;
      if (!p) throw unauthenticated();
      const [a] = await db.select({ verified: accounts.emailVerifiedAt, hash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, p.accountId));
      const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(passkeys).where(eq(passkeys.accountId, p.accountId));
      const at = await authenticatedAt(db, p);
      const until = at ? new Date(Date.parse(at) + STEP_UP_MS) : null;
      return {
        emailVerified: Boolean(a?.verified),
        hasPassword: Boolean(a?.hash),
        passkeys: n?.n ?? 0,
        recoveryCodes: await recoveryCodesStatus(db, p),
        authenticatedAt: at,
        stepUpUntil: until && until > new Date() ? until.toISOString() : null,
      };
    },
  );

  app.post(
    '/api/v1/me/step-up',
    {
      schema: {
        tags: TAGS,
        summary: 'Confirm it is me with my password (step-up for sensitive actions)',
        description: 'Throttled like sign-in: a wrong password counts towards the lock.',
        security: SESSION_CSRF,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => stepUpWithPassword(db, req.principal, req.body.password, actorOf(req)));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/recovery-codes',
    {
      schema: {
        tags: TAGS,
        summary: 'How many of my recovery codes are left (the codes themselves are never shown again)',
        security: SESSION,
        response: { 200: Type.Object({ total: Type.Integer(), remaining: Type.Integer(), createdAt: Nullable(DateTime) }, { additionalProperties: false }), ...problems(401) },
      },
    },
    async (req) => recoveryCodesStatus(db, req.principal),
  );
  app.post(
    '/api/v1/me/recovery-codes',
    {
      schema: {
        tags: TAGS,
        summary: 'A new set of ten recovery codes (needs a recent step-up); the old set stops working',
        description: 'The codes are in this answer only: keep them somewhere safe.',
        security: SESSION_CSRF,
        response: { 201: Type.Object({ codes: Type.Array(Type.String()) }, { additionalProperties: false }), ...problems(401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send({ codes: await generateRecoveryCodes({ db, mailer: deps.mailer, config }, req.principal, actorOf(req)) }),
  );
  app.post(
    '/api/v1/auth/recovery-code',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in with a recovery code',
        description: 'Each code works once. Throttled and locked like a password (401 `recovery-code-invalid`, 429).',
        body: Type.Object(
          { email: Type.String({ format: 'email', maxLength: 254 }), code: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionResponse, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const r = await withRetryAfter(reply, () => signInWithRecoveryCode({ db, mailer: deps.mailer, config }, req.body, actorOf(req), req.principal));
      setSessionCookie(reply, config, r.token);
      return { account: r.account, csrfToken: r.csrfToken };
    },
  );

  app.get(
    '/api/v1/me/security-events',
    {
      schema: {
        tags: TAGS,
        summary: 'My security events: sign-ins, failures, locks, password, passkeys, recovery codes, credentials, applications',
        security: SESSION,
        querystring: Type.Object(
          {
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              items: Type.Array(Type.Object({ id: Type.Integer(), at: DateTime, action: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false })),
              page: Type.Integer(),
              pageSize: Type.Integer(),
              hasMore: Type.Boolean(),
            },
            { additionalProperties: false },
          ),
          ...problems(400, 401),
        },
      },
    },
    async (req) => listSecurityEvents(db, req.principal, req.query),
  );
}
