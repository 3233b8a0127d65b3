// The relying party (RP ID and origin come from PUBLIC_URL) and the server side of a WebAuthn ceremony: a challenge
// stored with what it is for, handed back by id and consumed exactly once.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { ProblemError } from '../../../core/errors.ts';
import { webauthnChallenges, type ChallengePurpose } from './schema.ts';

export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface RelyingParty {
  name: string;
  /** The registrable domain the passkeys are bound to: PUBLIC_URL's host name. */
  id: string;
  /** Where ceremonies must come from: PUBLIC_URL's origin. */
  origin: string;
}

export function relyingParty(config: Pick<Config, 'publicUrl'>): RelyingParty {
  const url = new URL(config.publicUrl);
  return { name: 'Cooperando', id: url.hostname, origin: url.origin };
}

export async function storeChallenge(
  db: Db,
  challenge: string,
  purpose: ChallengePurpose,
  owner: { accountId?: string | null; sessionIdHash?: string | null },
  now = new Date(),
): Promise<string> {
  // Old ceremonies nobody finished are dropped now and then.
  if (Math.random() < 0.05) await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
  const [row] = await db
    .insert(webauthnChallenges)
    .values({ challenge, purpose, accountId: owner.accountId ?? null, sessionIdHash: owner.sessionIdHash ?? null, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) })
    .returning({ id: webauthnChallenges.id });
  return row!.id;
}

/** The challenge of flow `id` (deleted in the same statement), or 400 `passkey-ceremony` when unknown, used or expired. */
export async function takeChallenge(db: Db, id: string, purpose: ChallengePurpose, owner: { accountId?: string | null; sessionIdHash?: string | null }, now = new Date()): Promise<string> {
  const conds = [eq(webauthnChallenges.id, id), eq(webauthnChallenges.purpose, purpose), gt(webauthnChallenges.expiresAt, now)];
  conds.push(owner.accountId ? eq(webauthnChallenges.accountId, owner.accountId) : isNull(webauthnChallenges.accountId));
  if (owner.sessionIdHash) conds.push(eq(webauthnChallenges.sessionIdHash, owner.sessionIdHash));
  const [row] = await db.delete(webauthnChallenges).where(and(...conds)).returning({ challenge: webauthnChallenges.challenge });
  if (!row) throw new ProblemError(400, 'passkey-ceremony', { fields: [{ field: 'body/flowId', code: 'identity.passkey.ceremony' }] });
  return row.challenge;
}

/** base64url of the account id's 16 bytes: the WebAuthn user handle. */
export function userHandle(accountId: string): string {
  return Buffer.from(accountId.replace(/-/g, ''), 'hex').toString('base64url');
}

export const passkeyDefaultName = (now: Date, locale: 'it' | 'en'): string =>
  `${locale === 'it' ? 'Passkey del' : 'Passkey of'} ${now.toLocaleDateString(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome' })}`;
