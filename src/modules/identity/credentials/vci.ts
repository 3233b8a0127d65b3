// OpenID for Verifiable Credential Issuance (OpenID4VCI 1.0), pre-authorised code flow. The member creates an offer in
// the web app (after a step-up); the wallet scans it, gets an access token at the token endpoint with the
// pre-authorised code and the PIN shown beside the QR code (tx_code), fetches a c_nonce, proves possession of its key
// (a JWT proof over the nonce) and receives the SD-JWT VC bound to that key. Codes, PINs, tokens and nonces are kept
// hashed, single use and short lived; a wrong PIN counts, and five of them burn the offer.
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { EmbeddedJWK, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { conflict, notFound, unauthenticated } from '../../../core/errors.ts';
import { requireStepUp } from '../security/step-up.ts';
import { MAX_IP_FAILURES, SIGN_IN_WINDOW_MS, attemptsSince, ipKey, sha256, type Actor } from '../service.ts';
import { signInAttempts } from '../schema.ts';
import { CREDENTIAL_CONFIGURATION_ID, membershipSubject } from './claims.ts';
import { issueCredential, type CredentialDeps } from './service.ts';
import { issuerId, membershipVct } from './issuer.ts';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const OFFER_TTL_MS = 10 * 60_000;
const TOKEN_TTL_S = 5 * 60;
const NONCE_TTL_MS = 5 * 60_000;
const MAX_PIN_FAILURES = 5;
const PROOF_MAX_AGE_S = 5 * 60;

/** An OAuth-style error (RFC 6749 §5.2 / OpenID4VCI §8.3.1), answered as `{ error, error_description }`. */
export class OAuthError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, description: string) {
    super(description);
    this.status = status;
    this.code = code;
  }
}

export const vciEndpoints = (publicUrl: string) => {
  const base = issuerId(publicUrl);
  return { token: `${base}/api/v1/oid4vci/token`, nonce: `${base}/api/v1/oid4vci/nonce`, credential: `${base}/api/v1/oid4vci/credential` };
};

/** `/.well-known/openid-credential-issuer`. */
export function credentialIssuerMetadata(publicUrl: string) {
  const e = vciEndpoints(publicUrl);
  return {
    credential_issuer: issuerId(publicUrl),
    credential_endpoint: e.credential,
    nonce_endpoint: e.nonce,
    display: [
      { name: 'Cooperando', locale: 'it' },
      { name: 'Cooperando', locale: 'en' },
    ],
    credential_configurations_supported: {
      [CREDENTIAL_CONFIGURATION_ID]: {
        format: 'dc+sd-jwt',
        vct: membershipVct(publicUrl),
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
        credential_metadata: {
          display: [
            { name: 'Socio di cooperativa', locale: 'it', background_color: '#0b5c36', text_color: '#ffffff' },
            { name: 'Co-operative membership', locale: 'en', background_color: '#0b5c36', text_color: '#ffffff' },
          ],
          claims: [
            ['cooperative', 'Cooperativa', 'Co-operative'],
            ['cooperative_tax_code', 'Codice fiscale della cooperativa', 'Co-operative tax code'],
            ['member_type', 'Tipo di socio', 'Member type'],
            ['member_since', 'Socio dal', 'Member since'],
            ['sector', 'Settore', 'Sector'],
            ['province', 'Provincia', 'Province'],
            ['region', 'Regione', 'Region'],
            ['given_name', 'Nome', 'Given name'],
            ['family_name', 'Cognome', 'Family name'],
            ['legal_name', 'Denominazione', 'Legal name'],
          ].map(([path, it, en]) => ({ path: [path], display: [{ name: it, locale: 'it' }, { name: en, locale: 'en' }] })),
        },
      },
    },
  };
}

/** `/.well-known/oauth-authorization-server`: the credential issuer is its own authorisation server for wallets. */
export function authorizationServerMetadata(publicUrl: string) {
  return {
    issuer: issuerId(publicUrl),
    token_endpoint: vciEndpoints(publicUrl).token,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}

export interface CredentialOffer {
  offerUri: string;
  offer: Record<string, unknown>;
  txCode: string;
  expiresAt: string;
}

/** Creates an offer for one of the member's active memberships (after a step-up). */
export async function createOffer(deps: CredentialDeps, p: Principal | null, membershipId: string, actor: Actor): Promise<CredentialOffer> {
  if (!p) throw unauthenticated();
  await requireStepUp(deps.db, p);
  const subject = await membershipSubject(deps.db, membershipId);
  if (!subject || !p.personId || subject.personId !== p.personId) throw notFound('identity.credential.membership-not-found');
  if (!subject.active) throw conflict('identity.credential.membership-ended');
  const code = randomBytes(32).toString('base64url');
  const txCode = String(randomInt(1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + OFFER_TTL_MS);
  await deps.db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO vci_offers (code_hash, tx_code_hash, account_id, membership_id, expires_at)
          VALUES (${sha256(code)}, ${sha256(`${code}:${txCode}`)}, ${p.accountId}, ${membershipId}, ${expiresAt}) RETURNING id`,
    );
    await audit(tx, { actorAccountId: p.accountId, action: 'credential.offer', subjectType: 'account', subjectId: p.accountId, organisationId: subject.cooperativeId, requestId: actor.requestId ?? null, details: { offerId: row!.id, membershipId } });
  });
  const offer = {
    credential_issuer: issuerId(deps.publicUrl),
    credential_configuration_ids: [CREDENTIAL_CONFIGURATION_ID],
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        'pre-authorized_code': code,
        tx_code: { input_mode: 'numeric', length: 6, description: p.locale === 'it' ? 'Il PIN mostrato accanto al codice QR' : 'The PIN shown next to the QR code' },
      },
    },
  };
  return { offer, offerUri: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`, txCode, expiresAt: expiresAt.toISOString() };
}

/** Token endpoint: pre-authorised code + PIN → a short-lived, single-use access token. */
export async function exchangePreAuthorizedCode(db: Db, params: Record<string, string | undefined>, ip?: string): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
  // Guessed codes and PINs cost the client address like wrong passwords.
  if (ip) {
    const r = await attemptsSince(db, ipKey(ip), new Date(Date.now() - SIGN_IN_WINDOW_MS));
    if (r.n >= MAX_IP_FAILURES) throw new OAuthError(429, 'temporarily_unavailable', 'too many failed attempts from this address');
  }
  try {
    return await exchange(db, params);
  } catch (err) {
    if (ip && err instanceof OAuthError && err.code === 'invalid_grant') await db.insert(signInAttempts).values({ key: ipKey(ip) });
    throw err;
  }
}

async function exchange(db: Db, params: Record<string, string | undefined>): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
  if (params.grant_type !== PRE_AUTHORIZED_GRANT) throw new OAuthError(400, 'unsupported_grant_type', 'only the pre-authorized code grant is supported');
  const code = params['pre-authorized_code'];
  if (!code) throw new OAuthError(400, 'invalid_request', 'pre-authorized_code is required');
  const [offer] = await queryRows<{ id: string; tx_code_hash: string; failed: number; used: boolean; expired: boolean }>(
    db,
    sql`SELECT id, tx_code_hash, failed_attempts AS failed, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM vci_offers WHERE code_hash = ${sha256(code)}`,
  );
  if (!offer || offer.used || offer.expired || offer.failed >= MAX_PIN_FAILURES) throw new OAuthError(400, 'invalid_grant', 'the pre-authorized code is invalid, used or expired');
  if (!params.tx_code) throw new OAuthError(400, 'invalid_request', 'tx_code is required');
  if (sha256(`${code}:${params.tx_code}`) !== offer.tx_code_hash) {
    await db.execute(sql`UPDATE vci_offers SET failed_attempts = failed_attempts + 1 WHERE id = ${offer.id}`);
    throw new OAuthError(400, 'invalid_grant', 'wrong tx_code');
  }
  const token = randomBytes(32).toString('base64url');
  const claimed = await db.transaction(async (tx) => {
    const done = await queryRows<{ id: string }>(tx, sql`UPDATE vci_offers SET used_at = now() WHERE id = ${offer.id} AND used_at IS NULL RETURNING id`);
    if (!done[0]) return false;
    await tx.execute(sql`INSERT INTO vci_access_tokens (token_hash, offer_id, expires_at) VALUES (${sha256(token)}, ${offer.id}, now() + make_interval(secs => ${TOKEN_TTL_S}))`);
    return true;
  });
  if (!claimed) throw new OAuthError(400, 'invalid_grant', 'the pre-authorized code is invalid, used or expired');
  return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_S };
}

/** Nonce endpoint: a fresh c_nonce the wallet signs its key proof over. */
export async function newNonce(db: Db): Promise<{ c_nonce: string }> {
  const nonce = randomBytes(24).toString('base64url');
  if (Math.random() < 0.05) await db.execute(sql`DELETE FROM vci_nonces WHERE expires_at < now()`);
  await db.execute(sql`INSERT INTO vci_nonces (nonce_hash, expires_at) VALUES (${sha256(nonce)}, ${new Date(Date.now() + NONCE_TTL_MS)})`);
  return { c_nonce: nonce };
}

/** Credential endpoint: checks the access token and the key proof, then issues the credential bound to the proof's key. */
export async function credentialRequest(deps: CredentialDeps, authorization: string | undefined, body: unknown): Promise<{ credentials: { credential: string }[] }> {
  const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')?.[1];
  if (!token) throw new OAuthError(401, 'invalid_token', 'a Bearer access token is required');
  const req = (body && typeof body === 'object' ? body : {}) as { credential_configuration_id?: unknown; proof?: { proof_type?: unknown; jwt?: unknown }; proofs?: { jwt?: unknown } };
  if (req.credential_configuration_id !== CREDENTIAL_CONFIGURATION_ID) throw new OAuthError(400, 'unknown_credential_configuration', `credential_configuration_id must be ${CREDENTIAL_CONFIGURATION_ID}`);
  const proofJwt = Array.isArray(req.proofs?.jwt) ? req.proofs.jwt[0] : req.proof?.proof_type === 'jwt' ? req.proof.jwt : undefined;
  if (typeof proofJwt !== 'string') throw new OAuthError(400, 'invalid_proof', 'a jwt key proof is required');

  const [grant] = await queryRows<{ offer_id: string; account_id: string; membership_id: string; person_id: string | null }>(
    deps.db,
    sql`SELECT t.offer_id, o.account_id, o.membership_id, a.person_id
          FROM vci_access_tokens t JOIN vci_offers o ON o.id = t.offer_id JOIN accounts a ON a.id = o.account_id
         WHERE t.token_hash = ${sha256(token)} AND t.used_at IS NULL AND t.expires_at > now() AND a.disabled_at IS NULL`,
  );
  if (!grant) throw new OAuthError(401, 'invalid_token', 'the access token is invalid, used or expired');

  // The key proof: signed by the key in its header, for this issuer, over a nonce we handed out and not used yet.
  let holderJwk: JWK;
  try {
    const header = decodeProtectedHeader(proofJwt);
    if (!header.jwk || header.kid || header.x5c) throw new Error('key');
    const { payload } = await jwtVerify(proofJwt, EmbeddedJWK, { typ: 'openid4vci-proof+jwt', audience: issuerId(deps.publicUrl), algorithms: ['ES256'], maxTokenAge: PROOF_MAX_AGE_S });
    if (typeof payload.nonce !== 'string') throw new Error('nonce');
    const spent = await queryRows<{ ok: number }>(deps.db, sql`UPDATE vci_nonces SET used_at = now() WHERE nonce_hash = ${sha256(payload.nonce)} AND used_at IS NULL AND expires_at > now() RETURNING 1 AS ok`);
    if (!spent[0]) throw new OAuthError(400, 'invalid_nonce', 'the c_nonce is unknown, used or expired: get a new one');
    const { d: _d, ...pub } = header.jwk as JWK;
    holderJwk = pub;
  } catch (err) {
    if (err instanceof OAuthError) throw err;
    throw new OAuthError(400, 'invalid_proof', 'the key proof is not valid');
  }
  const used = await queryRows<{ ok: number }>(deps.db, sql`UPDATE vci_access_tokens SET used_at = now() WHERE token_hash = ${sha256(token)} AND used_at IS NULL RETURNING 1 AS ok`);
  if (!used[0]) throw new OAuthError(401, 'invalid_token', 'the access token is invalid, used or expired');
  try {
    const issued = await issueCredential(deps, grant.account_id, grant.person_id, grant.membership_id, { accountId: grant.account_id }, { via: 'openid4vci', holderJwk });
    return { credentials: [{ credential: issued.sdJwt }] };
  } catch {
    throw new OAuthError(400, 'credential_request_denied', 'the membership can no longer be attested');
  }
}
