// HTTP layer of membership credentials: the member's own (issue, list, fetch, revoke, OpenID4VCI offer), the public
// ones (issuer metadata with its keys, type metadata, status lists, verification) and the OpenID4VCI wallet endpoints.
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { problemSchema, publicLimit } from '../../../core/http.ts';
import { Uuid } from '../../../core/schemas.ts';
import type { KeyStore } from '../keys/signing-keys.ts';
import { actorOf } from '../http-util.ts';
import { issuerId, membershipVct } from './issuer.ts';
import { publishStatusList, STATUS_LIST_TTL_S } from './status-list.ts';
import { verifyPresentation } from './verify.ts';
import { getMyCredential, issueMyCredential, listMyCredentials, revokeMyCredential, type CredentialDeps } from './service.ts';
import { authorizationServerMetadata, createOffer, credentialIssuerMetadata, credentialRequest, exchangePreAuthorizedCode, newNonce, OAuthError } from './vci.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['credentials'];
const SESSION = [{ session: [] }];
const SESSION_CSRF = [{ session: [], csrf: [] }];
const DateTime = Type.String({ format: 'date-time' });
const CredentialView = Type.Object(
  {
    id: Uuid,
    membershipId: Type.Union([Uuid, Type.Null()]),
    cooperativeId: Uuid,
    cooperativeName: Type.Union([Type.String(), Type.Null()]),
    issuedAt: DateTime,
    expiresAt: DateTime,
    status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('expired')]),
    revokedAt: Type.Union([DateTime, Type.Null()]),
    revokedReason: Type.Union([Type.String(), Type.Null()]),
    via: Type.Union([Type.Literal('web'), Type.Literal('openid4vci')]),
    holderBound: Type.Boolean(),
  },
  { additionalProperties: false },
);
const WithJwt = Type.Object({ credential: CredentialView, sdJwt: Type.String() }, { additionalProperties: false });
const Check = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('not-applicable')]);
const Report = Type.Object(
  {
    valid: Type.Boolean(),
    problem: Type.Union([Type.String(), Type.Null()]),
    checks: Type.Object(
      { format: Check, issuer: Check, signature: Check, disclosures: Check, validity: Check, status: Check, holderBinding: Check },
      { additionalProperties: false },
    ),
    issuer: Type.Union([Type.String(), Type.Null()]),
    type: Type.Union([Type.String(), Type.Null()]),
    issuedAt: Type.Union([DateTime, Type.Null()]),
    expiresAt: Type.Union([DateTime, Type.Null()]),
    disclosed: Type.Record(Type.String(), Type.Unknown()),
    undisclosedCount: Type.Integer(),
    keyBinding: Type.Union([
      Type.Object({ audience: Type.Union([Type.String(), Type.Null()]), nonce: Type.Union([Type.String(), Type.Null()]), issuedAt: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

export function registerCredentialRoutes(app: App, deps: CredentialDeps & { keys: KeyStore }): void {
  const { db, keys, publicUrl } = deps;

  // ------------------------------------------------------------------------------------------- the member's
  app.get(
    '/api/v1/me/credentials',
    { schema: { tags: TAGS, summary: 'My membership credentials and their status', security: SESSION, response: { 200: Type.Object({ items: Type.Array(CredentialView) }, { additionalProperties: false }), ...problems(401) } } },
    async (req) => ({ items: await listMyCredentials(deps, req.principal) }),
  );
  app.post(
    '/api/v1/me/credentials',
    {
      schema: {
        tags: TAGS,
        summary: 'Get a membership credential (SD-JWT VC) for one of my active memberships',
        description: 'Needs a recent step-up (403 `step-up-required` otherwise). The answer carries the SD-JWT with every disclosure.',
        security: SESSION_CSRF,
        body: Type.Object({ membershipId: Uuid }, { additionalProperties: false }),
        response: { 201: WithJwt, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await issueMyCredential(deps, req.principal, req.body.membershipId, actorOf(req))),
  );
  app.get(
    '/api/v1/me/credentials/:id',
    { schema: { tags: TAGS, summary: 'One of my credentials, with its SD-JWT', security: SESSION, params: Type.Object({ id: Uuid }, { additionalProperties: false }), response: { 200: WithJwt, ...problems(400, 401, 404) } } },
    async (req) => getMyCredential(deps, req.principal, req.params.id),
  );
  app.delete(
    '/api/v1/me/credentials/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Revoke one of my credentials',
        security: SESSION_CSRF,
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: CredentialView, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => revokeMyCredential(deps, req.principal, req.params.id, actorOf(req)),
  );
  app.post(
    '/api/v1/me/credentials/offers',
    {
      schema: {
        tags: TAGS,
        summary: 'An OpenID4VCI credential offer for a wallet (pre-authorised code + PIN)',
        description: 'Needs a recent step-up. The offer lasts 10 minutes; the PIN (`txCode`) is shown to the member beside the QR code.',
        security: SESSION_CSRF,
        body: Type.Object({ membershipId: Uuid }, { additionalProperties: false }),
        response: {
          201: Type.Object({ offerUri: Type.String(), offer: Type.Record(Type.String(), Type.Unknown()), txCode: Type.String(), expiresAt: DateTime }, { additionalProperties: false }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await createOffer(deps, req.principal, req.body.membershipId, actorOf(req))),
  );

  // ------------------------------------------------------------------------------------------- public
  app.get('/.well-known/jwt-vc-issuer', { schema: { tags: TAGS, summary: 'SD-JWT VC issuer metadata with its public keys (JWKS)' } }, async (_req, reply) => {
    const published = await keys.published('credentials');
    return reply.header('cache-control', 'public, max-age=300').send({ issuer: issuerId(publicUrl), jwks: { keys: published.map((k) => k.jwk) } });
  });
  app.get('/api/v1/credentials/types/membership', { schema: { tags: TAGS, summary: 'Type metadata of the membership credential (vct)' } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').send({
      vct: membershipVct(publicUrl),
      name: 'Co-operative membership',
      description: 'Attests that the holder is a member of a co-operative, as its register (libro soci) says.',
      display: [
        { locale: 'it', name: 'Socio di cooperativa', description: 'Attesta che il titolare è socio di una cooperativa, secondo il suo libro soci.' },
        { locale: 'en', name: 'Co-operative membership', description: 'Attests that the holder is a member of a co-operative, as its register says.' },
      ],
      claims: credentialIssuerMetadata(publicUrl).credential_configurations_supported.CooperativeMembership.credential_metadata.claims.map((c) => ({ ...c, sd: 'always' })),
    }),
  );
  app.get(
    '/api/v1/credentials/status-lists/:id',
    {
      config: publicLimit(600),
      schema: {
        tags: TAGS,
        summary: 'A Token Status List (application/statuslist+jwt): bit 1 = revoked',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const jwt = await publishStatusList(db, keys, publicUrl, req.params.id);
      if (!jwt) return reply.callNotFound();
      return reply
        .type('application/statuslist+jwt')
        .header('cache-control', `public, max-age=${Math.min(60, STATUS_LIST_TTL_S)}`)
        .header('access-control-allow-origin', '*')
        .send(jwt);
    },
  );
  app.post(
    '/api/v1/credentials/verify',
    {
      config: publicLimit(300),
      schema: {
        tags: TAGS,
        summary: 'Verify a membership credential presentation (public)',
        description:
          'Checks signature, disclosures, validity dates, revocation and holder binding; reports what was disclosed. A service that asked the holder to present to it should send the `audience` and `nonce` it asked for: the key-binding JWT must then carry exactly these, which refuses a presentation replayed from elsewhere and a credential not bound to a key.',
        body: Type.Object(
          {
            presentation: Type.String({ minLength: 1, maxLength: 20_000 }),
            audience: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The verifier’s identifier the key-binding JWT must name (aud)' })),
            nonce: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nonce the verifier gave the holder (nonce)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Report, ...problems(400) },
      },
    },
    async (req) => verifyPresentation(db, keys, publicUrl, req.body.presentation, new Date(), { audience: req.body.audience, nonce: req.body.nonce }),
  );

  // ------------------------------------------------------------------------------------------- OpenID4VCI
  app.get('/.well-known/openid-credential-issuer', { schema: { tags: TAGS, summary: 'OpenID4VCI credential issuer metadata' } }, async () => credentialIssuerMetadata(publicUrl));
  app.get('/.well-known/oauth-authorization-server', { schema: { tags: TAGS, summary: 'Authorisation server metadata for wallets (pre-authorised code)' } }, async () =>
    authorizationServerMetadata(publicUrl),
  );
  const oauthError = (reply: { code(n: number): { header(k: string, v: string): { send(b: unknown): unknown } } }, err: unknown) => {
    if (!(err instanceof OAuthError)) throw err;
    return reply.code(err.status).header('cache-control', 'no-store').send({ error: err.code, error_description: err.message });
  };
  // The token endpoint takes form-encoded bodies (OAuth), parsed in this scope only.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(
      '/api/v1/oid4vci/token',
      { schema: { tags: TAGS, summary: 'OpenID4VCI token endpoint (pre-authorised code grant, form-encoded)', consumes: ['application/x-www-form-urlencoded'] } },
      async (req, reply) => {
        try {
          const body = (req.body ?? {}) as Record<string, string>;
          return reply.header('cache-control', 'no-store').send(await exchangePreAuthorizedCode(db, body, req.ip));
        } catch (err) {
          return oauthError(reply, err);
        }
      },
    );
  });
  app.post('/api/v1/oid4vci/nonce', { config: publicLimit(60), schema: { tags: TAGS, summary: 'OpenID4VCI nonce endpoint' } }, async (_req, reply) => reply.header('cache-control', 'no-store').send(await newNonce(db)));
  app.post(
    '/api/v1/oid4vci/credential',
    { schema: { tags: TAGS, summary: 'OpenID4VCI credential endpoint (Bearer access token, jwt key proof)', body: Type.Object({}, { additionalProperties: true }) } },
    async (req, reply) => {
      try {
        return reply.header('cache-control', 'no-store').send(await credentialRequest(deps, req.headers.authorization, req.body));
      } catch (err) {
        return oauthError(reply, err);
      }
    },
  );
}
