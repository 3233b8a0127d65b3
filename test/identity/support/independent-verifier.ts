// An independent verifier of membership credentials, built only from the public libraries (@sd-jwt/sd-jwt-vc,
// @sd-jwt/crypto-nodejs, jose) and what the platform publishes over HTTP: the issuer metadata with its keys at
// /.well-known/jwt-vc-issuer and the status list the credential points to. It imports nothing from the platform.
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import { importJWK, jwtVerify, type JWK } from 'jose';

export interface Verified {
  payload: Record<string, unknown>;
  /** The claims the holder disclosed (registered JWT claims removed). */
  disclosed: Record<string, unknown>;
  keyBound: boolean;
}

const REGISTERED = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'status', 'cnf', '_sd_alg']);

/** The SD-JWT spec requires every presented disclosure to be one the issuer committed to; the library leaves it to us. */
function checkDisclosuresReferenced(presentation: string, payload: Record<string, unknown>): void {
  const parts = presentation.split('~');
  const disclosures = parts.slice(1).filter((d) => d && !d.includes('.'));
  const committed = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '_sd' && Array.isArray(x)) x.forEach((d) => committed.add(String(d)));
        else if (k === '...') committed.add(String(x));
        else walk(x);
      }
    }
  };
  walk(payload);
  for (const d of disclosures) {
    const h = Buffer.from(digest(d, 'sha-256')).toString('base64url');
    if (!committed.has(h)) throw new Error('a disclosure is not covered by the issuer’s signature');
  }
}

export async function independentVerify(
  presentation: string,
  opts: { issuer: string; now?: Date; keyBinding?: { nonce: string; audience: string } },
): Promise<Verified> {
  const metaUrl = new URL('/.well-known/jwt-vc-issuer', opts.issuer);
  const meta = (await (await fetch(metaUrl)).json()) as { issuer: string; jwks: { keys: JWK[] } };
  if (meta.issuer !== opts.issuer) throw new Error('issuer metadata is for another issuer');
  const keys = meta.jwks.keys;
  const verifier = async (data: string, signature: string): Promise<boolean> => {
    const header = JSON.parse(Buffer.from(data.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string; alg?: string };
    const jwk = keys.find((k) => k.kid === header.kid);
    if (!jwk || header.alg !== 'ES256') return false;
    return (await ES256.getVerifier(jwk))(data, signature);
  };
  // The key-binding JWT is signed by the holder key the credential names (cnf.jwk).
  const kbVerifier = async (data: string, signature: string, payload: { cnf?: { jwk?: JWK } }): Promise<boolean> => {
    const jwk = payload.cnf?.jwk;
    if (!jwk) return false;
    return (await ES256.getVerifier(jwk))(data, signature);
  };
  // kbVerifier's declared payload type is the library's JwtPayload; ours reads only `cnf`.
  const sdjwt = new SDJwtVcInstance({ verifier, kbVerifier: kbVerifier as never, statusVerifier: verifier, hasher: digest, hashAlg: 'sha-256' });
  const currentDate = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  // A minute of clock skew, as any verifier allows (and ours does): the status list is fetched and signed during the
  // verification, a second or more after `currentDate` on a loaded machine, and its iat must not count as future.
  const result = await sdjwt.verify(presentation, { currentDate, skewSeconds: 60, ...(opts.keyBinding ? { keyBindingNonce: opts.keyBinding.nonce } : {}) });
  const payload = result.payload as Record<string, unknown>;
  if (payload.iss !== opts.issuer) throw new Error('issued by someone else');
  checkDisclosuresReferenced(presentation, decodeJwtPayload(presentation));
  if (payload.cnf && !opts.keyBinding) throw new Error('holder-bound credential presented without key binding');
  if (opts.keyBinding) {
    const kb = presentation.split('~').pop()!;
    const cnf = (payload.cnf as { jwk: JWK }).jwk;
    const { payload: kbPayload } = await jwtVerify(kb, await importJWK(cnf, 'ES256'), { typ: 'kb+jwt', audience: opts.keyBinding.audience });
    if (kbPayload.nonce !== opts.keyBinding.nonce) throw new Error('key binding nonce');
  }
  const disclosed = Object.fromEntries(Object.entries(payload).filter(([k]) => !REGISTERED.has(k)));
  return { payload, disclosed, keyBound: Boolean(payload.cnf) };
}

function decodeJwtPayload(presentation: string): Record<string, unknown> {
  const jwt = presentation.split('~')[0]!;
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A holder's presentation: the credential with only the chosen disclosures (string work, as a wallet would do). */
export async function present(sdJwt: string, keep: string[], kb?: { privateKey: CryptoKey; nonce: string; audience: string }): Promise<string> {
  const holder = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    ...(kb
      ? {
          kbSigner: async (data: string) =>
            Buffer.from(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, kb.privateKey, new TextEncoder().encode(data))).toString('base64url'),
          kbSignAlg: 'ES256',
        }
      : {}),
  });
  const frame = Object.fromEntries(keep.map((k) => [k, true]));
  return holder.present(sdJwt, frame, kb ? { kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: kb.audience, nonce: kb.nonce } } } : undefined);
}
