// Relying parties (OIDC clients), registered by platform administrators. Confidential clients get a secret (shown
// once, stored sealed); public clients (apps without a back end) have none and rely on PKCE. Every client gets
// pairwise subject identifiers: its sector is the host of its redirect URIs (or its sector_identifier_uri), so two
// services on different hosts see different `sub` values for the same member.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AdapterPayload } from 'oidc-provider';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { invalid, notFound, type FieldError } from '../../../core/errors.ts';
import type { Sealer } from '../keys/sealed.ts';
import { requirePlatformAdmin, type Actor } from '../service.ts';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface OidcClientView {
  clientId: string;
  name: string;
  authMethod: ClientAuthMethod;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  sectorIdentifierUri: string | null;
  allowRefresh: boolean;
  createdAt: string;
  updatedAt: string;
  disabled: boolean;
}

export interface OidcClientInput {
  name: string;
  authMethod: ClientAuthMethod;
  redirectUris: string[];
  postLogoutRedirectUris?: string[] | undefined;
  sectorIdentifierUri?: string | null | undefined;
  allowRefresh?: boolean | undefined;
}

interface ClientRow {
  client_id: string;
  name: string;
  secret_enc: string | null;
  token_endpoint_auth_method: ClientAuthMethod;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  sector_identifier_uri: string | null;
  allow_refresh: boolean;
  created_at: string | Date;
  updated_at: string | Date;
  disabled_at: string | Date | null;
}

const view = (r: ClientRow): OidcClientView => ({
  clientId: r.client_id,
  name: r.name,
  authMethod: r.token_endpoint_auth_method,
  redirectUris: r.redirect_uris,
  postLogoutRedirectUris: r.post_logout_redirect_uris,
  sectorIdentifierUri: r.sector_identifier_uri,
  allowRefresh: r.allow_refresh,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  disabled: r.disabled_at !== null,
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A redirect URI: absolute, no fragment, https — or http on a loopback address (development, native apps). */
export function redirectUriProblem(uri: string): string | null {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return 'identity.oidc.uri-invalid';
  }
  if (u.hash || uri.includes('#')) return 'identity.oidc.uri-fragment';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return null;
  return 'identity.oidc.uri-https';
}

function checkInput(input: OidcClientInput): void {
  const fields: FieldError[] = [];
  input.redirectUris.forEach((u, i) => {
    const code = redirectUriProblem(u);
    if (code) fields.push({ field: `body/redirectUris/${i}`, code });
  });
  (input.postLogoutRedirectUris ?? []).forEach((u, i) => {
    const code = redirectUriProblem(u);
    if (code) fields.push({ field: `body/postLogoutRedirectUris/${i}`, code });
  });
  if (input.sectorIdentifierUri) {
    if (!input.sectorIdentifierUri.startsWith('https://') || redirectUriProblem(input.sectorIdentifierUri)) {
      fields.push({ field: 'body/sectorIdentifierUri', code: 'identity.oidc.sector-https' });
    }
  } else if (fields.length === 0) {
    // Without a sector identifier document the sector is the redirect URIs' host, which must then be one.
    const hosts = new Set(input.redirectUris.map((u) => new URL(u).hostname));
    if (hosts.size > 1) fields.push({ field: 'body/redirectUris', code: 'identity.oidc.one-host' });
  }
  if (fields.length > 0) throw invalid(fields);
}

/** A text[] parameter (drizzle's `sql` would spread a JS array into a list), order kept. */
const textArray = (values: string[]) =>
  sql`ARRAY(SELECT e FROM jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) WITH ORDINALITY AS t(e, i) ORDER BY i)::text[]`;

export const newClientSecret = (): string => randomBytes(32).toString('base64url');

export interface ClientDeps {
  db: Db;
  sealer: Sealer;
}

export async function listClients(deps: ClientDeps, p: Principal | null): Promise<OidcClientView[]> {
  requirePlatformAdmin(p);
  const list = await queryRows<ClientRow>(deps.db, sql`SELECT * FROM oidc_clients ORDER BY disabled_at IS NOT NULL, name, client_id`);
  return list.map(view);
}

export async function getClient(deps: ClientDeps, p: Principal | null, clientId: string): Promise<OidcClientView> {
  requirePlatformAdmin(p);
  const [row] = await queryRows<ClientRow>(deps.db, sql`SELECT * FROM oidc_clients WHERE client_id = ${clientId}`);
  if (!row) throw notFound('identity.oidc.client-not-found');
  return view(row);
}

export async function createClient(deps: ClientDeps, p: Principal | null, input: OidcClientInput, actor: Actor): Promise<{ client: OidcClientView; clientSecret: string | null }> {
  const admin = requirePlatformAdmin(p);
  checkInput(input);
  const clientId = `coop-${randomBytes(12).toString('base64url')}`;
  const secret = input.authMethod === 'none' ? null : newClientSecret();
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await queryRows<ClientRow>(tx, sql`
      INSERT INTO oidc_clients (client_id, name, secret_enc, token_endpoint_auth_method, redirect_uris, post_logout_redirect_uris,
                                sector_identifier_uri, allow_refresh, created_by)
      VALUES (${clientId}, ${input.name.trim()}, ${secret ? deps.sealer.seal(secret) : null}, ${input.authMethod},
              ${textArray(input.redirectUris)}, ${textArray(input.postLogoutRedirectUris ?? [])}, ${input.sectorIdentifierUri ?? null},
              ${input.allowRefresh ?? true}, ${admin.accountId})
      RETURNING *`);
    await audit(tx, { actorAccountId: admin.accountId, action: 'oidc-client.create', subjectType: 'oidc-client', subjectId: clientId, requestId: actor.requestId ?? null });
    return r!;
  });
  return { client: view(row), clientSecret: secret };
}

export async function updateClient(
  deps: ClientDeps,
  p: Principal | null,
  clientId: string,
  patch: Partial<Omit<OidcClientInput, 'authMethod'>> & { disabled?: boolean | undefined },
  actor: Actor,
): Promise<OidcClientView> {
  const admin = requirePlatformAdmin(p);
  const current = await getClient(deps, p, clientId);
  const merged: OidcClientInput = {
    name: patch.name ?? current.name,
    authMethod: current.authMethod,
    redirectUris: patch.redirectUris ?? current.redirectUris,
    postLogoutRedirectUris: patch.postLogoutRedirectUris ?? current.postLogoutRedirectUris,
    sectorIdentifierUri: patch.sectorIdentifierUri === undefined ? current.sectorIdentifierUri : patch.sectorIdentifierUri,
    allowRefresh: patch.allowRefresh ?? current.allowRefresh,
  };
  checkInput(merged);
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await queryRows<ClientRow>(tx, sql`
      UPDATE oidc_clients SET name = ${merged.name.trim()}, redirect_uris = ${textArray(merged.redirectUris)},
             post_logout_redirect_uris = ${textArray(merged.postLogoutRedirectUris ?? [])}, sector_identifier_uri = ${merged.sectorIdentifierUri ?? null},
             allow_refresh = ${merged.allowRefresh ?? true}, updated_at = now(),
             disabled_at = ${patch.disabled === undefined ? sql`disabled_at` : patch.disabled ? sql`coalesce(disabled_at, now())` : sql`NULL`}
       WHERE client_id = ${clientId} RETURNING *`);
    await audit(tx, { actorAccountId: admin.accountId, action: 'oidc-client.update', subjectType: 'oidc-client', subjectId: clientId, requestId: actor.requestId ?? null, details: { fields: Object.keys(patch) } });
    return r!;
  });
  return view(row);
}

/** A new secret for a confidential client (the old one stops working at once); shown only in this answer. */
export async function rotateClientSecret(deps: ClientDeps, p: Principal | null, clientId: string, actor: Actor): Promise<string> {
  const admin = requirePlatformAdmin(p);
  const current = await getClient(deps, p, clientId);
  if (current.authMethod === 'none') throw invalid([{ field: 'params/clientId', code: 'identity.oidc.public-client' }]);
  const secret = newClientSecret();
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE oidc_clients SET secret_enc = ${deps.sealer.seal(secret)}, updated_at = now() WHERE client_id = ${clientId}`);
    await audit(tx, { actorAccountId: admin.accountId, action: 'oidc-client.rotate-secret', subjectType: 'oidc-client', subjectId: clientId, requestId: actor.requestId ?? null });
  });
  return secret;
}

/** Removes a client and everything the provider holds for it (grants, tokens, codes). */
export async function deleteClient(deps: ClientDeps, p: Principal | null, clientId: string, actor: Actor): Promise<void> {
  const admin = requirePlatformAdmin(p);
  await getClient(deps, p, clientId);
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM oidc_models WHERE payload->>'clientId' = ${clientId}`);
    await tx.execute(sql`DELETE FROM oidc_clients WHERE client_id = ${clientId}`);
    await audit(tx, { actorAccountId: admin.accountId, action: 'oidc-client.delete', subjectType: 'oidc-client', subjectId: clientId, requestId: actor.requestId ?? null });
  });
}

/** The provider's view of a client (or undefined when unknown or disabled): what the adapter's Client.find returns. */
export async function clientMetadata(deps: ClientDeps, clientId: string): Promise<AdapterPayload | undefined> {
  const [r] = await queryRows<ClientRow>(deps.db, sql`SELECT * FROM oidc_clients WHERE client_id = ${clientId} AND disabled_at IS NULL`);
  if (!r) return undefined;
  const secret = r.secret_enc ? deps.sealer.open(r.secret_enc) : null;
  // A secret sealed under another SESSION_SECRET cannot be checked: the client must get a new one.
  if (r.token_endpoint_auth_method !== 'none' && secret === null) return undefined;
  return {
    client_id: r.client_id,
    client_name: r.name,
    ...(secret ? { client_secret: secret } : {}),
    token_endpoint_auth_method: r.token_endpoint_auth_method,
    redirect_uris: r.redirect_uris,
    post_logout_redirect_uris: r.post_logout_redirect_uris,
    ...(r.sector_identifier_uri ? { sector_identifier_uri: r.sector_identifier_uri } : {}),
    grant_types: r.allow_refresh ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    response_types: ['code'],
    subject_type: 'pairwise',
  };
}
