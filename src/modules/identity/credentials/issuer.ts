// Issuing SD-JWT VCs. The issuer is the platform (PUBLIC_URL), which signs what each co-op's register says; the co-op
// is a claim like the others. A key per co-op would name the co-op in every presentation (through `iss` and the key
// id) and defeat "member of a co-op in sector X in province Y" without saying which; one platform issuer lets every
// claim, the co-op included, be withheld. Verifiers trust one issuer, found at /.well-known/jwt-vc-issuer.
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import type { DisclosureFrame } from '@sd-jwt/types';
import type { JWK } from 'jose';
import type { SigningKey } from '../keys/signing-keys.ts';
import { privateKeyOf } from '../keys/signing-keys.ts';
import { DISCLOSABLE, type MembershipClaims } from './claims.ts';

/** A credential is valid for a year; revocation (status list) covers a membership that ends sooner. */
export const CREDENTIAL_LIFETIME_S = 365 * 24 * 3600;

export const issuerId = (publicUrl: string): string => publicUrl.replace(/\/+$/, '');
/** The credential type: a URL whose type metadata the platform serves. */
export const membershipVct = (publicUrl: string): string => `${issuerId(publicUrl)}/api/v1/credentials/types/membership`;

export interface IssueInput {
  claims: MembershipClaims;
  statusUri: string;
  statusIdx: number;
  /** The holder's public key (OpenID4VCI key proof): presentations must then carry a key-binding JWT. */
  holderJwk?: JWK | undefined;
  now?: Date | undefined;
}

/** Signs with a stored key (the signer is cached per key: importing the key costs more than signing). */
const signers = new Map<string, Promise<(data: string) => Promise<string>>>();
function signerFor(key: SigningKey): Promise<(data: string) => Promise<string>> {
  let s = signers.get(key.kid);
  if (!s) {
    // ES256 over the JWS signing input; WebCrypto's ECDSA output is already the raw r‖s form JWS wants.
    s = privateKeyOf(key).then((pk) => async (data: string) => {
      const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pk, new TextEncoder().encode(data));
      return Buffer.from(sig).toString('base64url');
    });
    signers.set(key.kid, s);
  }
  return s;
}

const instances = new Map<string, SDJwtVcInstance>();
async function instanceFor(key: SigningKey): Promise<SDJwtVcInstance> {
  let i = instances.get(key.kid);
  if (!i) {
    i = new SDJwtVcInstance({ signer: await signerFor(key), signAlg: key.alg, hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt });
    instances.set(key.kid, i);
  }
  return i;
}

export interface Issued {
  sdJwt: string;
  kid: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Signs with `key` (fetched by the caller before any transaction: on PGlite a nested query would wait forever). */
export async function issueMembershipCredential(key: SigningKey, publicUrl: string, input: IssueInput): Promise<Issued> {
  const now = input.now ?? new Date();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + CREDENTIAL_LIFETIME_S;
  // Claims without a value (a co-op without a province) are left out rather than disclosed as null.
  const present = Object.fromEntries(Object.entries(input.claims).filter(([, v]) => v !== null && v !== undefined));
  const payload: SdJwtVcPayload = {
    iss: issuerId(publicUrl),
    iat,
    exp,
    vct: membershipVct(publicUrl),
    status: { status_list: { idx: input.statusIdx, uri: input.statusUri } },
    ...(input.holderJwk ? { cnf: { jwk: input.holderJwk } } : {}),
    ...present,
  };
  const frame = { _sd: DISCLOSABLE.filter((k) => k in present) } as unknown as DisclosureFrame<SdJwtVcPayload>;
  const sdJwt = await (await instanceFor(key)).issue(payload, frame, { header: { kid: key.kid } });
  return { sdJwt, kid: key.kid, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
}
