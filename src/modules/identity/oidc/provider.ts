// The OpenID Connect provider (the certified oidc-provider library) configured for Cooperando: authorization code
// with PKCE (S256) only, pairwise subjects, ID tokens signed with keys from the database, storage in PostgreSQL, and
// interactions (sign-in, consent) handled by the platform's own pages. The provider is rebuilt when the signing keys
// change (a rotation), which costs nothing since all its state lives in the database.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { audit } from '../../../core/audit.ts';
import type { KeyStore } from '../keys/signing-keys.ts';
import { platformSecret } from '../keys/signing-keys.ts';
import type { Sealer } from '../keys/sealed.ts';
import { SESSION_COOKIE, resolveSession, sha256 } from '../service.ts';
import { pgAdapter } from './adapter.ts';
import { accountClaims, membershipClaims, OIDC_CLAIMS, OIDC_SCOPES } from './claims.ts';
import { clientMetadata } from './clients.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts';

export const OIDC_PREFIX = '/oidc';
export const OIDC_COOKIES = {
  session: 'coop_oidc_session',
  interaction: 'coop_oidc_interaction',
  resume: 'coop_oidc_resume',
  state: 'coop_oidc_state',
};

export interface OidcDeps {
  database: Database;
  config: Pick<Config, 'publicUrl' | 'sessionSecret' | 'sessionTtlHours'>;
  keys: KeyStore;
  /** Seals client secrets at rest. */
  sealer: Sealer;
  /** Called for a token-endpoint failure that suggests guessing (bad client secret, bad or replayed code). */
  onCredentialFailure: (ip: string) => void;
  log: (err: unknown, msg: string) => void;
  trustProxy: boolean;
}

export const issuerOf = (config: Pick<Config, 'publicUrl'>): string => `${config.publicUrl.replace(/\/+$/, '')}${OIDC_PREFIX}`;

/** RFC 8176 authentication method references for how the platform session was opened. */
export function amrOf(method: string | null): string[] {
  switch (method) {
    case 'passkey':
      return ['hwk', 'user', 'mfa'];
    case 'recovery-code':
      return ['otp'];
    default:
      return ['pwd'];
  }
}

function buildProvider(deps: OidcDeps, jwks: object[], pairwiseSalt: string): Provider {
  const db = deps.database.db;
  const cookieKey = Buffer.from(hkdfSync('sha256', deps.config.sessionSecret, 'cooperando-oidc', 'cookies', 32)).toString('base64url');

  const policy = interactionPolicy.base();
  // The provider's session follows the platform's: once the member signs out of Cooperando (or another account signs
  // in), relying parties asking again get the sign-in page instead of a silent answer for the previous person.
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('platform_session', 'the Cooperando session ended or changed', async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return interactionPolicy.Check.REQUEST_PROMPT;
      const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
      const p = token ? await resolveSession(db, token, deps.config.sessionTtlHours) : null;
      return p?.accountId === accountId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );

  const configuration: Configuration = {
    adapter: pgAdapter(deps.database, (id) => clientMetadata({ db, sealer: deps.sealer }, id)),
    async findAccount(_ctx, sub) {
      const base = await accountClaims(db, sub);
      if (!base) return undefined;
      return {
        accountId: sub,
        async claims(_use, scope) {
          const { personId, ...claims } = base;
          const granted = new Set((scope ?? '').split(' '));
          return granted.has('memberships') ? { ...claims, memberships: await membershipClaims(db, personId) } : claims;
        },
      };
    },
    claims: OIDC_CLAIMS,
    scopes: [...OIDC_SCOPES],
    // Private JWKs from our key store; the provider's JWK type is stricter than jose's (same shape).
    jwks: { keys: jwks as never },
    cookies: {
      keys: [cookieKey],
      names: OIDC_COOKIES,
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      introspection: { enabled: false },
    },
    // Authorization code with PKCE (S256) for every client, confidential or not; no implicit or hybrid flows.
    pkce: { required: () => true },
    responseTypes: ['code'],
    subjectTypes: ['pairwise'],
    async pairwiseIdentifier(_ctx, accountId, client) {
      return createHmac('sha256', pairwiseSalt).update(`${client.sectorIdentifier ?? client.clientId}|${accountId}`).digest('base64url');
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      subject_type: 'pairwise',
      id_token_signed_response_alg: 'RS256',
    },
    async issueRefreshToken(_ctx, client, code) {
      return client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access');
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      RefreshToken: 30 * 24 * 3600,
      Session: 14 * 24 * 3600,
      Grant: 365 * 24 * 3600,
    },
    renderError,
    // Clients registered by administrators only.
    allowOmittingSingleRegisteredRedirectUri: false,
  };
  const provider = new Provider(issuerOf(deps.config), configuration);
  provider.proxy = deps.trustProxy;

  // Security headers on everything the provider answers (its responses bypass Fastify's helmet).
  provider.use(async (ctx, next) => {
    await next();
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    if (!ctx.response.get('content-security-policy')) ctx.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (deps.config.publicUrl.startsWith('https:')) ctx.set('strict-transport-security', 'max-age=15552000; includeSubDomains');
  });

  provider.on('grant.error', (ctx: KoaContextWithOIDC, err: Error & { error?: string }) => {
    // The address as Fastify resolved it (TRUST_PROXY aware), stashed on the request by the mount.
    const ip = (ctx.req as { coopIp?: string }).coopIp ?? ctx.ip;
    if (err.error === 'invalid_client' || err.error === 'invalid_grant') deps.onCredentialFailure(ip);
  });
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    if (!accountId || !clientId) return;
    audit(db, { actorAccountId: accountId, action: 'oidc.authorize', subjectType: 'account', subjectId: accountId, details: { clientId, clientName: ctx.oidc.client?.clientName ?? null } }).catch(
      (e: unknown) => deps.log(e, 'audit of an OIDC authorization failed'),
    );
  });
  // Signing out of Cooperando from an application ("yes, sign me out") ends the platform session too.
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    if (!ctx.oidc.params?.logout) return;
    const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
    if (!token) return;
    ctx.cookies.set(SESSION_COOKIE, null, { path: '/', httpOnly: true, sameSite: 'lax', signed: false });
    deps.database.db
      .execute(sql`DELETE FROM sessions WHERE id_hash = ${sha256(token)}`)
      .catch((e: unknown) => deps.log(e, 'ending the platform session at OIDC sign-out failed'));
  });
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => deps.log(err, 'OIDC provider error'));
  return provider;
}

/** Holds the provider, rebuilding it when the OIDC signing keys change (checked at most every 30 s per process). */
export class OidcService {
  private readonly deps: OidcDeps;
  private current: { version: string; provider: Provider; callback: ReturnType<Provider['callback']> } | null = null;
  private building: Promise<NonNullable<OidcService['current']>> | null = null;

  constructor(deps: OidcDeps) {
    this.deps = deps;
  }

  async provider(): Promise<Provider> {
    return (await this.ensure()).provider;
  }

  async callback(): Promise<ReturnType<Provider['callback']>> {
    return (await this.ensure()).callback;
  }

  private async ensure(): Promise<NonNullable<OidcService['current']>> {
    const version = await this.deps.keys.version('oidc');
    if (this.current?.version === version) return this.current;
    this.building ??= (async () => {
      try {
        const keys = await this.deps.keys.signingKeys('oidc');
        const salt = await platformSecret(this.deps.database, 'oidc-pairwise-salt', () => randomBytes(32).toString('base64url'));
        const provider = buildProvider(this.deps, keys.map((k) => k.privateJwk), salt);
        this.current = { version: keys.map((k) => k.kid).join(','), provider, callback: provider.callback() };
        return this.current;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }
}
