// The platform's verifier, behind the public verification page and API: checks a presented SD-JWT VC step by step
// and says which check failed. Signature (against the published issuer keys, retired ones included), that every
// disclosure is one the issuer signed for, validity dates, the status list, and — for a holder-bound credential —
// the key-binding JWT. Only what the holder disclosed is reported back.
import { createHash } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import type { Db } from '../../../core/db.ts';
import type { KeyStore } from '../keys/signing-keys.ts';
import { issuerId, membershipVct } from './issuer.ts';
import { slotStatus, statusListUri } from './status-list.ts';

export type CheckResult = 'pass' | 'fail' | 'not-applicable';

export interface VerificationReport {
  valid: boolean;
  /** The first failed check's code (e.g. `signature`, `expired`, `revoked`), or null when valid. */
  problem: string | null;
  checks: { format: CheckResult; issuer: CheckResult; signature: CheckResult; disclosures: CheckResult; validity: CheckResult; status: CheckResult; holderBinding: CheckResult };
  issuer: string | null;
  type: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  /** The claims the holder chose to disclose. */
  disclosed: Record<string, unknown>;
  /** Claims the issuer signed that stayed hidden (their number only: names are hidden too). */
  undisclosedCount: number;
  keyBinding: { audience: string | null; nonce: string | null; issuedAt: string | null } | null;
}

const SKEW_S = 60;
const KB_MAX_AGE_S = 10 * 60;
const b64sha256 = (s: string): string => createHash('sha256').update(s, 'ascii').digest('base64url');

function emptyReport(): VerificationReport {
  return {
    valid: false,
    problem: null,
    checks: { format: 'fail', issuer: 'not-applicable', signature: 'not-applicable', disclosures: 'not-applicable', validity: 'not-applicable', status: 'not-applicable', holderBinding: 'not-applicable' },
    issuer: null,
    type: null,
    issuedAt: null,
    expiresAt: null,
    disclosed: {},
    undisclosedCount: 0,
    keyBinding: null,
  };
}

/** Every digest the payload commits to (`_sd` arrays and `{"...": d}` array elements), recursively. */
function collectDigests(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) {
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)['...'] === 'string') {
        out.push((v as Record<string, string>)['...']!);
      } else collectDigests(v, out);
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '_sd' && Array.isArray(v)) out.push(...v.filter((d): d is string => typeof d === 'string'));
      else collectDigests(v, out);
    }
  }
}

/** Replaces digests by the disclosed claims (object properties only: membership credentials have no array disclosures). */
function unpack(value: unknown, byDigest: Map<string, [string, unknown]>): unknown {
  if (Array.isArray(value)) return value.map((v) => unpack(v, byDigest));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '_sd' && Array.isArray(v)) {
      for (const d of v) {
        const found = typeof d === 'string' ? byDigest.get(d) : undefined;
        if (found) out[found[0]] = unpack(found[1], byDigest);
      }
    } else if (k !== '_sd_alg') out[k] = unpack(v, byDigest);
  }
  return out;
}

const REGISTERED = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'status', 'cnf', 'sub', 'vct#integrity']);

/**
 * What the verifier asked the holder to sign over: its own identifier (`aud`) and a fresh nonce. Given, the key-binding
 * JWT must carry exactly these — otherwise a presentation shown to one service could be replayed to another, or later
 * — and a credential that is not bound to a holder's key cannot satisfy them at all.
 */
export interface ExpectedBinding {
  audience?: string | undefined;
  nonce?: string | undefined;
}

export async function verifyPresentation(db: Db, keys: KeyStore, publicUrl: string, presentation: string, now = new Date(), expected: ExpectedBinding = {}): Promise<VerificationReport> {
  const report = emptyReport();
  const fail = (check: keyof VerificationReport['checks'], problem: string): VerificationReport => {
    report.checks[check] = 'fail';
    report.problem ??= problem;
    report.valid = false;
    return report;
  };
  const parts = presentation.trim().split('~');
  const jwt = parts[0] ?? '';
  const last = parts.length > 1 ? parts[parts.length - 1]! : '';
  const kbJwt = last.includes('.') ? last : null;
  const disclosures = parts.slice(1, kbJwt ? -1 : undefined).filter((d) => d !== '');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Record<string, unknown>;
  try {
    if (parts.length < 2) throw new Error('not an SD-JWT');
    header = decodeProtectedHeader(jwt);
    payload = decodeJwt(jwt) as Record<string, unknown>;
    if (header.typ !== 'dc+sd-jwt' && header.typ !== 'vc+sd-jwt') throw new Error('typ');
  } catch {
    return fail('format', 'format');
  }
  report.checks.format = 'pass';
  report.issuer = typeof payload.iss === 'string' ? payload.iss : null;
  report.type = typeof payload.vct === 'string' ? payload.vct : null;
  report.issuedAt = typeof payload.iat === 'number' ? new Date(payload.iat * 1000).toISOString() : null;
  report.expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : null;

  // Issuer and signature.
  if (payload.iss !== issuerId(publicUrl) || payload.vct !== membershipVct(publicUrl)) return fail('issuer', 'issuer');
  report.checks.issuer = 'pass';
  const published = await keys.published('credentials');
  const key = published.find((k) => k.kid === header.kid);
  try {
    if (!key) throw new Error('unknown key');
    await compactVerify(jwt, await importJWK(key.jwk, key.alg), { algorithms: [key.alg] });
  } catch {
    return fail('signature', 'signature');
  }
  report.checks.signature = 'pass';

  // Disclosures: each must be one the issuer committed to, once; then the disclosed claims.
  const committed: string[] = [];
  collectDigests(payload, committed);
  const byDigest = new Map<string, [string, unknown]>();
  for (const d of disclosures) {
    const digest = b64sha256(d);
    if (!committed.includes(digest) || byDigest.has(digest)) return fail('disclosures', 'disclosure-not-signed');
    try {
      const arr = JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[];
      if (!Array.isArray(arr) || arr.length !== 3 || typeof arr[1] !== 'string') throw new Error('shape');
      byDigest.set(digest, [arr[1], arr[2]]);
    } catch {
      return fail('disclosures', 'disclosure-malformed');
    }
  }
  report.checks.disclosures = 'pass';
  const claims = unpack(payload, byDigest) as Record<string, unknown>;
  report.disclosed = Object.fromEntries(Object.entries(claims).filter(([k]) => !REGISTERED.has(k)));
  report.undisclosedCount = committed.length - byDigest.size;

  // Validity dates.
  const t = Math.floor(now.getTime() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp + SKEW_S < t) return fail('validity', 'expired');
  if ((typeof payload.nbf === 'number' && payload.nbf - SKEW_S > t) || (typeof payload.iat === 'number' && payload.iat - SKEW_S > t)) return fail('validity', 'not-yet-valid');
  report.checks.validity = 'pass';

  // Status list (ours: read locally, exactly what the published list says).
  const status = (payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  const prefix = statusListUri(publicUrl, 0).replace(/0$/, '');
  const listId = typeof status?.uri === 'string' && status.uri.startsWith(prefix) ? Number(status.uri.slice(prefix.length)) : NaN;
  if (!Number.isInteger(listId) || typeof status?.idx !== 'number') return fail('status', 'status-unknown');
  if ((await slotStatus(db, listId, status.idx)) !== 0) return fail('status', 'revoked');
  report.checks.status = 'pass';

  // Holder binding.
  const cnf = (payload.cnf as { jwk?: JWK } | undefined)?.jwk;
  const bindingAsked = expected.audience !== undefined || expected.nonce !== undefined;
  if (!cnf && bindingAsked) return fail('holderBinding', 'key-binding-missing');
  if (cnf) {
    if (!kbJwt) return fail('holderBinding', 'key-binding-missing');
    try {
      const { payload: kb } = await jwtVerify(kbJwt, await importJWK(cnf, typeof cnf.alg === 'string' ? cnf.alg : 'ES256'), { typ: 'kb+jwt', currentDate: now });
      const sdHash = b64sha256(parts.slice(0, -1).join('~') + '~');
      if (kb.sd_hash !== sdHash) throw new Error('sd_hash');
      if (typeof kb.iat !== 'number' || Math.abs(t - kb.iat) > KB_MAX_AGE_S) throw new Error('stale');
      report.keyBinding = {
        audience: typeof kb.aud === 'string' ? kb.aud : null,
        nonce: typeof kb.nonce === 'string' ? kb.nonce : null,
        issuedAt: new Date(kb.iat * 1000).toISOString(),
      };
    } catch {
      return fail('holderBinding', 'key-binding-invalid');
    }
    if (expected.audience !== undefined && report.keyBinding.audience !== expected.audience) return fail('holderBinding', 'key-binding-audience');
    if (expected.nonce !== undefined && report.keyBinding.nonce !== expected.nonce) return fail('holderBinding', 'key-binding-nonce');
    report.checks.holderBinding = 'pass';
  }
  report.valid = true;
  return report;
}
