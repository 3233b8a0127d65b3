// Signing keys kept in the database, by purpose: 'oidc' (ID tokens) and 'credentials' (SD-JWT VCs, status lists).
// The newest un-retired key signs. Rotation retires it but keeps it published (JWKS) for a grace period, so what it
// signed still verifies while the new key takes over; every process picks a rotation up within CACHE_MS.
import { sql } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { queryRows, type Database } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import { createSealer, type Sealer } from './sealed.ts';

export type KeyPurpose = 'oidc' | 'credentials';
export type SigningAlg = 'ES256' | 'RS256';
/**
 * Algorithms kept per purpose. OpenID Connect says an ID token is RS256 unless the client registered otherwise, so
 * the provider holds an RSA key beside the EC one; credentials and status lists are ES256 (SD-JWT VC practice).
 */
export const PURPOSE_ALGS: Record<KeyPurpose, SigningAlg[]> = { oidc: ['RS256', 'ES256'], credentials: ['ES256'] };
/** How long a retired key stays published: longer than anything it signed is checked against it right away. */
export const RETIRED_KEY_GRACE_MS: Record<KeyPurpose, number> = {
  oidc: 7 * 24 * 3_600_000,
  // Credentials live a year; a verifier needs the key as long as the credential is valid.
  credentials: 400 * 24 * 3_600_000,
};
const CACHE_MS = 30_000;

export interface SigningKey {
  kid: string;
  alg: string;
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: string;
}

export interface PublishedKey {
  kid: string;
  alg: string;
  jwk: JWK;
  createdAt: string;
  retiredAt: string | null;
  unpublishAt: string | null;
  active: boolean;
}

interface KeyRow {
  kid: string;
  alg: string;
  public_jwk: JWK | string;
  private_jwk_enc: string;
  created_at: string | Date;
  retired_at: string | Date | null;
  unpublish_at: string | Date | null;
}

const iso = (d: string | Date | null): string | null => (d === null ? null : new Date(d).toISOString());
const json = (v: JWK | string): JWK => (typeof v === 'string' ? (JSON.parse(v) as JWK) : v);

export async function newKeyPair(alg: SigningAlg): Promise<{ kid: string; alg: SigningAlg; publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, alg, publicJwk: { ...publicJwk, kid, alg, use: 'sig' }, privateJwk: { ...privateJwk, kid, alg, use: 'sig' } };
}

export class KeyStore {
  private readonly database: Database;
  private readonly sealer: Sealer;
  private readonly cache = new Map<KeyPurpose, { at: number; keys: SigningKey[]; version: string }>();
  private readonly publishedCache = new Map<KeyPurpose, { at: number; version: string; keys: PublishedKey[] }>();

  constructor(database: Database, sessionSecret: string) {
    this.database = database;
    this.sealer = createSealer(sessionSecret, 'signing-keys');
  }

  /** Keys that can sign (decryptable, published), the active ones first; creates missing active keys. */
  async signingKeys(purpose: KeyPurpose): Promise<SigningKey[]> {
    const hit = this.cache.get(purpose);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.keys;
    let keys = await this.load(purpose);
    if (!keys.complete) {
      await this.ensureActive(purpose);
      keys = await this.load(purpose);
    }
    const version = keys.list.map((k) => k.kid).join(',');
    this.cache.set(purpose, { at: Date.now(), keys: keys.list, version });
    return keys.list;
  }

  async active(purpose: KeyPurpose, alg: SigningAlg = 'ES256'): Promise<SigningKey> {
    const k = (await this.signingKeys(purpose)).find((x) => x.alg === alg);
    if (!k) throw new Error(`no ${purpose} ${alg} signing key`);
    return k;
  }

  /** A string that changes when the set of signing keys changes (the OIDC provider is rebuilt then). */
  async version(purpose: KeyPurpose): Promise<string> {
    await this.signingKeys(purpose);
    return this.cache.get(purpose)?.version ?? '';
  }

  /** Every key still published (public halves), newest first: what JWKS and issuer metadata show. */
  async published(purpose: KeyPurpose): Promise<PublishedKey[]> {
    // Never older than the keys this process signs with: a key it signs with is always among those it publishes.
    const version = await this.version(purpose);
    const hit = this.publishedCache.get(purpose);
    if (hit && hit.version === version && Date.now() - hit.at < CACHE_MS) return hit.keys;
    const rows = await queryRows<KeyRow>(this.database.db, sql`
      SELECT kid, alg, public_jwk, private_jwk_enc, created_at, retired_at, unpublish_at FROM signing_keys
       WHERE purpose = ${purpose} AND (unpublish_at IS NULL OR unpublish_at > now())
       ORDER BY retired_at IS NOT NULL, created_at DESC`);
    const keys = rows.map((r) => ({
      kid: r.kid,
      alg: r.alg,
      jwk: json(r.public_jwk),
      createdAt: iso(r.created_at)!,
      retiredAt: iso(r.retired_at),
      unpublishAt: iso(r.unpublish_at),
      active: r.retired_at === null,
    }));
    this.publishedCache.set(purpose, { at: Date.now(), version, keys });
    return keys;
  }

  /** Retires the active keys (kept published for the grace period) and makes new ones active. */
  async rotate(purpose: KeyPurpose, actorAccountId: string | null, requestId: string | null = null): Promise<{ kids: string[]; retired: string[] }> {
    const pairs = await Promise.all(PURPOSE_ALGS[purpose].map((alg) => newKeyPair(alg)));
    const out = await this.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'signing-keys:' + purpose}))`);
      const retired = await queryRows<{ kid: string }>(tx, sql`
        UPDATE signing_keys SET retired_at = now(), unpublish_at = now() + make_interval(secs => ${RETIRED_KEY_GRACE_MS[purpose] / 1000})
         WHERE purpose = ${purpose} AND retired_at IS NULL RETURNING kid`);
      for (const pair of pairs) await this.insertKey(tx, purpose, pair);
      await audit(tx, { actorAccountId, action: 'signing-key.rotate', subjectType: 'signing-key', subjectId: pairs[0]!.kid, requestId, details: { purpose, kids: pairs.map((p) => p.kid), retired: retired.map((r) => r.kid) } });
      return { kids: pairs.map((p) => p.kid), retired: retired.map((r) => r.kid) };
    });
    this.cache.delete(purpose);
    this.publishedCache.delete(purpose);
    return out;
  }

  /** Forgets the cached keys (tests, and after a rotation made by this process). */
  invalidate(): void {
    this.cache.clear();
    this.publishedCache.clear();
  }

  private async insertKey(tx: Pick<Database['db'], 'execute'>, purpose: KeyPurpose, pair: { kid: string; alg: SigningAlg; publicJwk: JWK; privateJwk: JWK }): Promise<void> {
    await tx.execute(sql`INSERT INTO signing_keys (kid, purpose, alg, public_jwk, private_jwk_enc)
      VALUES (${pair.kid}, ${purpose}, ${pair.alg}, ${JSON.stringify(pair.publicJwk)}::jsonb, ${this.sealer.seal(JSON.stringify(pair.privateJwk))})`);
  }

  /** Usable keys, and whether every algorithm of the purpose has an active one among them. */
  private async load(purpose: KeyPurpose): Promise<{ list: SigningKey[]; complete: boolean }> {
    const rows = await queryRows<KeyRow>(this.database.db, sql`
      SELECT kid, alg, public_jwk, private_jwk_enc, created_at, retired_at, unpublish_at FROM signing_keys
       WHERE purpose = ${purpose} AND (unpublish_at IS NULL OR unpublish_at > now())
       ORDER BY retired_at IS NOT NULL, created_at DESC`);
    const list: SigningKey[] = [];
    const activeAlgs = new Set<string>();
    for (const r of rows) {
      // Sealed under another SESSION_SECRET, it cannot sign here (it stays published until it is unpublished).
      const plain = this.sealer.open(r.private_jwk_enc);
      if (plain === null) continue;
      if (r.retired_at === null) activeAlgs.add(r.alg);
      list.push({ kid: r.kid, alg: r.alg, publicJwk: json(r.public_jwk), privateJwk: JSON.parse(plain) as JWK, createdAt: iso(r.created_at)! });
    }
    return { list, complete: PURPOSE_ALGS[purpose].every((a) => activeAlgs.has(a)) };
  }

  /**
   * Gives every algorithm of the purpose an active key, unless another process just did (advisory lock). An active key
   * this process cannot decrypt (SESSION_SECRET changed) is retired and replaced.
   */
  private async ensureActive(purpose: KeyPurpose): Promise<void> {
    const pairs = await Promise.all(PURPOSE_ALGS[purpose].map((alg) => newKeyPair(alg)));
    await this.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'signing-keys:' + purpose}))`);
      const current = await queryRows<{ kid: string; alg: string; private_jwk_enc: string }>(tx, sql`
        SELECT kid, alg, private_jwk_enc FROM signing_keys WHERE purpose = ${purpose} AND retired_at IS NULL`);
      for (const pair of pairs) {
        const mine = current.filter((c) => c.alg === pair.alg);
        if (mine.some((c) => this.sealer.open(c.private_jwk_enc) !== null)) continue;
        for (const c of mine) {
          await tx.execute(sql`UPDATE signing_keys SET retired_at = now(), unpublish_at = now() + make_interval(secs => ${RETIRED_KEY_GRACE_MS[purpose] / 1000})
            WHERE kid = ${c.kid}`);
        }
        await this.insertKey(tx, purpose, pair);
        await audit(tx, { actorAccountId: null, action: 'signing-key.create', subjectType: 'signing-key', subjectId: pair.kid, details: { purpose, alg: pair.alg } });
      }
    });
  }
}

/** A CryptoKey for signing from a stored private JWK (cached by kid: importing costs more than signing). */
const imported = new Map<string, Promise<CryptoKey>>();
export function privateKeyOf(key: SigningKey): Promise<CryptoKey> {
  let k = imported.get(key.kid);
  if (!k) {
    k = importJWK(key.privateJwk, key.alg) as Promise<CryptoKey>;
    imported.set(key.kid, k);
  }
  return k;
}

/** A platform secret that survives restarts and SESSION_SECRET changes (created on first use). */
export async function platformSecret(database: Database, name: string, make: () => string): Promise<string> {
  const [row] = await queryRows<{ value: string }>(database.db, sql`SELECT value FROM platform_secrets WHERE name = ${name}`);
  if (row) return row.value;
  await database.db.execute(sql`INSERT INTO platform_secrets (name, value) VALUES (${name}, ${make()}) ON CONFLICT (name) DO NOTHING`);
  const [again] = await queryRows<{ value: string }>(database.db, sql`SELECT value FROM platform_secrets WHERE name = ${name}`);
  return again!.value;
}
