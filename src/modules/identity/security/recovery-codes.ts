// One-time recovery codes: ten codes of 16 characters (80 bits) from an unambiguous alphabet, shown once and stored
// only as SHA-256 hashes (80 bits leave no room for offline guessing). A code signs in like a password, under the
// same lockout, and is spent on use; a new set replaces the old one.
import { randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, unauthenticated } from '../../../core/errors.ts';
import { pgTable, uuid, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, sessions, signInAttempts } from '../schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { dummyVerify } from '../password.ts';
import { emailKey, findAccountByEmail, getAccountView, insertSession, normaliseEmail, recordFailure, sha256, throttle, type Actor, type SessionResult } from '../service.ts';
import { securityNotice } from './notify.ts';
import { requireStepUp } from './step-up.ts';

export const recoveryCodes = pgTable('recovery_codes', {
  accountId: uuid('account_id').notNull(),
  codeHash: text('code_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // 31 symbols, no look-alikes (0/o, 1/l/i)

/** A code as shown: four groups of four, e.g. `k7qm-3xtr-p9ad-w2hc` (16 × log2(31) ≈ 79 bits). */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What the member typed, reduced to the stored form: case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');
const hashCode = (code: string): string => sha256(`recovery:${normaliseRecoveryCode(code)}`);

export interface RecoveryCodesStatus {
  total: number;
  remaining: number;
  createdAt: string | null;
}

export async function recoveryCodesStatus(db: Db, p: Principal | null): Promise<RecoveryCodesStatus> {
  if (!p) throw unauthenticated();
  const [r] = await db
    .select({
      total: sql<number>`count(*)::int`,
      remaining: sql<number>`count(*) FILTER (WHERE ${recoveryCodes.usedAt} IS NULL)::int`,
      createdAt: sql<string | null>`max(${recoveryCodes.createdAt})`,
    })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.accountId, p.accountId));
  return { total: r?.total ?? 0, remaining: r?.remaining ?? 0, createdAt: r?.createdAt ? new Date(r.createdAt).toISOString() : null };
}

/** Replaces the account's codes with a fresh set (after a step-up) and returns them: the only time they are shown. */
export async function generateRecoveryCodes(
  deps: { db: Db; mailer: Mailer; config: Pick<Config, 'publicUrl'> },
  p: Principal | null,
  actor: Actor,
): Promise<string[]> {
  if (!p) throw unauthenticated();
  const now = new Date();
  await requireStepUp(deps.db, p, now);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await deps.db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, p.accountId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ accountId: p.accountId, codeHash: hashCode(c), createdAt: now })));
    await audit(tx, { actorAccountId: p.accountId, action: 'recovery-codes.generate', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null, details: { count: codes.length } });
    await securityNotice(tx, deps.mailer, deps.config.publicUrl, { id: p.accountId, email: p.email, displayName: p.displayName, locale: p.locale }, 'recovery-codes', now);
  });
  deps.mailer.kick();
  return codes;
}

/**
 * Signs in with the e-mail and a recovery code. Throttled and locked exactly like a password (a wrong code is a failed
 * sign-in); the code is spent with a conditional update, so it works once even under concurrent use.
 */
export async function signInWithRecoveryCode(
  deps: { db: Db; mailer: Mailer; config: Pick<Config, 'publicUrl' | 'sessionTtlHours'> },
  input: { email: string; code: string },
  actor: Actor,
  previous: Principal | null,
): Promise<SessionResult> {
  const db = deps.db;
  const now = new Date();
  const email = normaliseEmail(input.email);
  const account = await findAccountByEmail(db, email);
  await throttle(db, email, actor.ip, account, now);
  let spent = false;
  if (account && !account.disabledAt) {
    const done = await db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.accountId, account.id), eq(recoveryCodes.codeHash, hashCode(input.code)), isNull(recoveryCodes.usedAt)))
      .returning({ accountId: recoveryCodes.accountId });
    spent = done.length === 1;
  } else {
    // Same work whether or not the address has an account.
    await dummyVerify(input.code);
  }
  if (!spent || !account) {
    await recordFailure(db, email, account, actor, 'recovery-code', now);
    throw new ProblemError(401, 'recovery-code-invalid');
  }
  const session = await db.transaction(async (tx) => {
    await tx.update(accounts).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now }).where(eq(accounts.id, account.id));
    await tx.delete(signInAttempts).where(eq(signInAttempts.key, emailKey(email)));
    if (previous) await tx.delete(sessions).where(eq(sessions.idHash, previous.sessionIdHash));
    const s = await insertSession(tx, account.id, deps.config.sessionTtlHours, actor, now, 'recovery-code');
    await audit(tx, { actorAccountId: account.id, action: 'recovery-code.use', subjectType: 'account', subjectId: account.id, requestId: actor.requestId ?? null });
    await audit(tx, { actorAccountId: account.id, action: 'auth.sign-in', subjectType: 'account', subjectId: account.id, requestId: actor.requestId ?? null, details: { via: 'recovery-code' } });
    await securityNotice(tx, deps.mailer, deps.config.publicUrl, { id: account.id, email: account.email, displayName: account.displayName, locale: account.locale }, 'recovery-code-used', now);
    return s;
  });
  deps.mailer.kick();
  return { ...session, account: await getAccountView(db, account.id) };
}
