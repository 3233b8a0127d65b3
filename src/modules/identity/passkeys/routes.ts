// HTTP layer of passkeys: registration and management under /me, sign-in under /auth, step-up under /me/step-up.
// WebAuthn options and responses are JSON as @simplewebauthn/browser produces them; each ceremony has a flow id.
import Type from 'typebox';
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { App } from '../../../core/http.ts';
import { problemSchema, publicLimit } from '../../../core/http.ts';
import { Uuid } from '../../../core/schemas.ts';
import { setSessionCookie } from '../hook.ts';
import { actorOf, withRetryAfter } from '../http-util.ts';
import { SessionResponse } from '../routes.ts';
import {
  listPasskeys,
  registerPasskey,
  registrationOptions,
  removePasskey,
  renamePasskey,
  signInOptions,
  signInWithPasskey,
  stepUpOptions,
  stepUpWithPasskey,
  type PasskeyDeps,
} from './service.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['passkeys'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];
// The WebAuthn options object as @simplewebauthn generates it (passed through to the browser unchanged).
const Options = Type.Object({ flowId: Uuid, options: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false });
// The authenticator's answer, checked by @simplewebauthn (a loose object here; its fields are verified there).
const WebAuthnResponse = Type.Object(
  { id: Type.String({ maxLength: 1024 }), rawId: Type.String({ maxLength: 1024 }), type: Type.Literal('public-key'), response: Type.Record(Type.String(), Type.Unknown()) },
  { additionalProperties: true },
);
const PasskeyView = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    backedUp: Type.Boolean(),
    deviceType: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
const PasskeyName = Type.String({ minLength: 1, maxLength: 100 });

export function registerPasskeyRoutes(app: App, deps: PasskeyDeps): void {
  const { db, config } = deps;

  app.get(
    '/api/v1/me/passkeys',
    { schema: { tags: TAGS, summary: 'My passkeys', security: SESSION, response: { 200: Type.Object({ items: Type.Array(PasskeyView) }, { additionalProperties: false }), ...problems(401) } } },
    async (req) => ({ items: await listPasskeys(db, req.principal) }),
  );
  app.post(
    '/api/v1/me/passkeys/registration/options',
    {
      schema: {
        tags: TAGS,
        summary: 'Start adding a passkey (needs a recent step-up)',
        description: 'Returns the WebAuthn creation options (discoverable credential, user verification required) and a flow id.',
        security: SESSION_CSRF,
        response: { 200: Options, ...problems(401, 403) },
      },
    },
    async (req) => registrationOptions(deps, req.principal),
  );
  app.post(
    '/api/v1/me/passkeys',
    {
      schema: {
        tags: TAGS,
        summary: 'Finish adding a passkey',
        security: SESSION_CSRF,
        body: Type.Object({ flowId: Uuid, response: WebAuthnResponse, name: Type.Optional(PasskeyName) }, { additionalProperties: false }),
        response: { 201: PasskeyView, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const body = req.body as unknown as { flowId: string; response: RegistrationResponseJSON; name?: string };
      return reply.code(201).send(await registerPasskey(deps, req.principal, body, actorOf(req)));
    },
  );
  app.patch(
    '/api/v1/me/passkeys/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Rename a passkey',
        security: SESSION_CSRF,
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object({ name: PasskeyName }, { additionalProperties: false }),
        response: { 200: PasskeyView, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => renamePasskey(db, req.principal, req.params.id, req.body.name, actorOf(req)),
  );
  app.delete(
    '/api/v1/me/passkeys/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a passkey (needs a recent step-up)',
        security: SESSION_CSRF,
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await removePasskey(deps, req.principal, req.params.id, actorOf(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/passkey/options',
    { config: publicLimit(60), schema: { tags: TAGS, summary: 'Start signing in with a passkey (no e-mail needed)', response: { 200: Options, ...problems(429) } } },
    async (req, reply) => withRetryAfter(reply, () => signInOptions(deps, actorOf(req))),
  );
  app.post(
    '/api/v1/auth/passkey',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in with a passkey',
        description: 'Opens a session like password sign-in. A failed assertion is 401 `passkey-invalid` and counts against the client address.',
        body: Type.Object({ flowId: Uuid, response: WebAuthnResponse }, { additionalProperties: false }),
        response: { 200: SessionResponse, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const body = req.body as unknown as { flowId: string; response: AuthenticationResponseJSON };
      const r = await withRetryAfter(reply, () => signInWithPasskey(deps, body, actorOf(req), req.principal));
      setSessionCookie(reply, config, r.token);
      return { account: r.account, csrfToken: r.csrfToken };
    },
  );
  app.post(
    '/api/v1/me/step-up/passkey/options',
    { schema: { tags: TAGS, summary: 'Start confirming it is me with a passkey', security: SESSION_CSRF, response: { 200: Options, ...problems(401, 403, 409) } } },
    async (req) => stepUpOptions(deps, req.principal),
  );
  app.post(
    '/api/v1/me/step-up/passkey',
    {
      schema: {
        tags: TAGS,
        summary: 'Confirm it is me with a passkey (step-up for sensitive actions)',
        security: SESSION_CSRF,
        body: Type.Object({ flowId: Uuid, response: WebAuthnResponse }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const body = req.body as unknown as { flowId: string; response: AuthenticationResponseJSON };
      await withRetryAfter(reply, () => stepUpWithPasskey(deps, req.principal, body, actorOf(req)));
      return reply.code(204).send(null);
    },
  );
}
