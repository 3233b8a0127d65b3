// HTTP layer of the OpenID Connect provider: the provider itself under /oidc, the interaction endpoints its pages
// use, the member's connected applications, and the administrators' client registry and key rotation.
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { problemSchema } from '../../../core/http.ts';
import type { Db } from '../../../core/db.ts';
import { requirePlatformAdmin } from '../service.ts';
import type { KeyStore } from '../keys/signing-keys.ts';
import type { Sealer } from '../keys/sealed.ts';
import { actorOf } from '../http-util.ts';
import { mountProvider } from './mount.ts';
import type { OidcService } from './provider.ts';
import { issuerOf } from './provider.ts';
import { abortInteraction, completeConsent, completeLogin, interactionView, myApplications, revokeApplication } from './interactions.ts';
import { createClient, deleteClient, getClient, listClients, rotateClientSecret, updateClient } from './clients.ts';
import type { Config } from '../../../core/config.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['openid-connect'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];
const Uid = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$' }) }, { additionalProperties: false });
const Redirect = Type.Object({ redirectTo: Type.String() }, { additionalProperties: false });
const AuthMethod = Type.Union([Type.Literal('client_secret_basic'), Type.Literal('client_secret_post'), Type.Literal('none')]);
const UriList = Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 20 });
const ClientView = Type.Object(
  {
    clientId: Type.String(),
    name: Type.String(),
    authMethod: AuthMethod,
    redirectUris: Type.Array(Type.String()),
    postLogoutRedirectUris: Type.Array(Type.String()),
    sectorIdentifierUri: Type.Union([Type.String(), Type.Null()]),
    allowRefresh: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    disabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
const ClientId = Type.Object({ clientId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) }, { additionalProperties: false });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001F\\u007F]*$' });
const MembershipClaim = Type.Object(
  { cooperative: Type.String(), cooperative_tax_code: Type.String(), member_type: Type.Array(Type.String()), member_since: Type.String(), active: Type.Boolean() },
  { additionalProperties: false },
);

export interface OidcRouteDeps {
  db: Db;
  config: Config;
  oidc: OidcService;
  keys: KeyStore;
  sealer: Sealer;
}

export function registerOidcRoutes(app: App, deps: OidcRouteDeps): void {
  const { db, oidc } = deps;
  const clientDeps = { db, sealer: deps.sealer };
  mountProvider(app, db, oidc);

  // ------------------------------------------------------------------------------------------- interactions
  app.get(
    '/oidc/interaction/:uid',
    { schema: { tags: TAGS, summary: 'Interaction entry point: forwards the browser to the sign-in / consent page', params: Uid, response: { 303: Type.Null() } } },
    async (req, reply) => reply.redirect(`/autorizza/${req.params.uid}`, 303),
  );
  app.get(
    '/oidc/interaction/:uid/details',
    {
      schema: {
        tags: TAGS,
        summary: 'What an application asks for (the sign-in / consent page shows it)',
        params: Uid,
        response: {
          200: Type.Object(
            {
              uid: Type.String(),
              prompt: Type.Union([Type.Literal('login'), Type.Literal('consent')]),
              client: Type.Object({ clientId: Type.String(), name: Type.String(), redirectHost: Type.String() }, { additionalProperties: false }),
              scopes: Type.Array(Type.String()),
              memberships: Type.Union([Type.Array(MembershipClaim), Type.Null()]),
              signedIn: Type.Boolean(),
              sameAccount: Type.Boolean(),
            },
            { additionalProperties: false },
          ),
          ...problems(410),
        },
      },
    },
    async (req, reply) => interactionView(db, oidc, req, reply, req.params.uid),
  );
  app.post(
    '/oidc/interaction/:uid/login',
    { schema: { tags: TAGS, summary: 'Sign in to the application as the signed-in member', security: SESSION_CSRF, params: Uid, response: { 200: Redirect, ...problems(401, 403, 409, 410) } } },
    async (req, reply) => ({ redirectTo: await completeLogin(db, oidc, req, reply, req.params.uid) }),
  );
  app.post(
    '/oidc/interaction/:uid/consent',
    {
      schema: {
        tags: TAGS,
        summary: 'Allow the application what it asks for (the optional scopes listed; the others are declined)',
        security: SESSION_CSRF,
        params: Uid,
        body: Type.Object({ scopes: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }) }, { additionalProperties: false }),
        response: { 200: Redirect, ...problems(400, 401, 403, 409, 410) },
      },
    },
    async (req, reply) => ({ redirectTo: await completeConsent(db, oidc, req, reply, req.params.uid, req.body.scopes, req.id) }),
  );
  app.post(
    '/oidc/interaction/:uid/abort',
    { schema: { tags: TAGS, summary: 'Refuse: the application gets access_denied', params: Uid, response: { 200: Redirect, ...problems(403, 410) } } },
    async (req, reply) => ({ redirectTo: await abortInteraction(oidc, req, reply, req.params.uid) }),
  );

  // ------------------------------------------------------------------------------------------- the member's apps
  app.get(
    '/api/v1/me/applications',
    {
      schema: {
        tags: TAGS,
        summary: 'Applications I have let in with my Cooperando identity',
        security: SESSION,
        response: {
          200: Type.Object(
            { items: Type.Array(Type.Object({ grantId: Type.String(), clientId: Type.String(), name: Type.String(), scopes: Type.Array(Type.String()) }, { additionalProperties: false })) },
            { additionalProperties: false },
          ),
          ...problems(401),
        },
      },
    },
    async (req) => ({ items: await myApplications(db, req.principal) }),
  );
  app.delete(
    '/api/v1/me/applications/:grantId',
    {
      schema: {
        tags: TAGS,
        summary: 'Withdraw an application’s access (its tokens stop working)',
        security: SESSION_CSRF,
        params: Type.Object({ grantId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeApplication(db, oidc, req.principal, req.params.grantId, req.id);
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------------------------------------- administrators
  app.get(
    '/api/v1/admin/oidc/clients',
    { schema: { tags: TAGS, summary: 'Registered applications (platform admins)', security: SESSION, response: { 200: Type.Object({ items: Type.Array(ClientView), issuer: Type.String() }, { additionalProperties: false }), ...problems(401, 403) } } },
    async (req) => ({ items: await listClients(clientDeps, req.principal), issuer: issuerOf(deps.config) }),
  );
  app.post(
    '/api/v1/admin/oidc/clients',
    {
      schema: {
        tags: TAGS,
        summary: 'Register an application (platform admins)',
        description:
          'Confidential clients (`client_secret_basic` or `client_secret_post`) get a secret, shown only in this answer. Public clients ' +
          '(`none`) have none. Every client uses authorization code + PKCE (S256) and pairwise subject identifiers; without a ' +
          '`sectorIdentifierUri` all redirect URIs must share one host. Redirect URIs must be https (http only on loopback).',
        security: SESSION_CSRF,
        body: Type.Object(
          {
            name: Name,
            authMethod: AuthMethod,
            redirectUris: Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { minItems: 1, maxItems: 20 }),
            postLogoutRedirectUris: Type.Optional(UriList),
            sectorIdentifierUri: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            allowRefresh: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ client: ClientView, clientSecret: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createClient(clientDeps, req.principal, req.body, actorOf(req))),
  );
  app.get(
    '/api/v1/admin/oidc/clients/:clientId',
    { schema: { tags: TAGS, summary: 'One application (platform admins)', security: SESSION, params: ClientId, response: { 200: ClientView, ...problems(401, 403, 404) } } },
    async (req) => getClient(clientDeps, req.principal, req.params.clientId),
  );
  app.patch(
    '/api/v1/admin/oidc/clients/:clientId',
    {
      schema: {
        tags: TAGS,
        summary: 'Change an application (platform admins)',
        security: SESSION_CSRF,
        params: ClientId,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            redirectUris: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { minItems: 1, maxItems: 20 })),
            postLogoutRedirectUris: Type.Optional(UriList),
            sectorIdentifierUri: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            allowRefresh: Type.Optional(Type.Boolean()),
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: ClientView, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => updateClient(clientDeps, req.principal, req.params.clientId, req.body, actorOf(req)),
  );
  app.post(
    '/api/v1/admin/oidc/clients/:clientId/secret',
    {
      schema: {
        tags: TAGS,
        summary: 'Give a confidential application a new secret (platform admins); the old one stops working',
        security: SESSION_CSRF,
        params: ClientId,
        response: { 200: Type.Object({ clientSecret: Type.String() }, { additionalProperties: false }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => ({ clientSecret: await rotateClientSecret(clientDeps, req.principal, req.params.clientId, actorOf(req)) }),
  );
  app.delete(
    '/api/v1/admin/oidc/clients/:clientId',
    { schema: { tags: TAGS, summary: 'Remove an application and all its grants and tokens (platform admins)', security: SESSION_CSRF, params: ClientId, response: { 204: Type.Null(), ...problems(401, 403, 404) } } },
    async (req, reply) => {
      await deleteClient(clientDeps, req.principal, req.params.clientId, actorOf(req));
      return reply.code(204).send(null);
    },
  );

  const KeyView = Type.Object(
    { kid: Type.String(), alg: Type.String(), createdAt: Type.String(), retiredAt: Type.Union([Type.String(), Type.Null()]), unpublishAt: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean() },
    { additionalProperties: false },
  );
  const Purpose = Type.Object({ purpose: Type.Union([Type.Literal('oidc'), Type.Literal('credentials')]) }, { additionalProperties: false });
  app.get(
    '/api/v1/admin/keys/:purpose',
    { schema: { tags: TAGS, summary: 'Published signing keys (platform admins)', security: SESSION, params: Purpose, response: { 200: Type.Object({ items: Type.Array(KeyView) }, { additionalProperties: false }), ...problems(401, 403) } } },
    async (req) => {
      requirePlatformAdmin(req.principal);
      const list = await deps.keys.published(req.params.purpose);
      return { items: list.map(({ jwk: _jwk, ...k }) => k) };
    },
  );
  app.post(
    '/api/v1/admin/keys/:purpose/rotate',
    {
      schema: {
        tags: TAGS,
        summary: 'Rotate signing keys (platform admins)',
        description: 'New keys sign from now on; the old ones stay published (JWKS, issuer metadata) so what they signed keeps verifying.',
        security: SESSION_CSRF,
        params: Purpose,
        response: { 200: Type.Object({ kids: Type.Array(Type.String()), retired: Type.Array(Type.String()) }, { additionalProperties: false }), ...problems(401, 403) },
      },
    },
    async (req) => {
      const p = requirePlatformAdmin(req.principal);
      return deps.keys.rotate(req.params.purpose, p.accountId, req.id);
    },
  );
}
