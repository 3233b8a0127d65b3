// Step-up: sensitive actions (password change without the current password, adding or removing a passkey, new
// recovery codes, issuing a membership credential) need the session to have proved who it is within the last few
// minutes — by signing in, or again with a passkey or the password.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { ProblemError } from '../../../core/errors.ts';
import { sessions } from '../schema.ts';

export const STEP_UP_MS = 5 * 60_000;

/** 403 `step-up-required` unless the session authenticated within STEP_UP_MS. */
export async function requireStepUp(db: Db, p: Principal, now = new Date()): Promise<void> {
  const [s] = await db
    .select({ at: sessions.authenticatedAt })
    .from(sessions)
    .where(and(eq(sessions.idHash, p.sessionIdHash), eq(sessions.accountId, p.accountId)))
    .limit(1);
  if (!s || now.getTime() - s.at.getTime() > STEP_UP_MS) throw new ProblemError(403, 'step-up-required', { detailKey: 'identity.step-up.detail' });
}

/** Records a fresh proof of identity for the session. */
export async function markAuthenticated(db: Pick<Db, 'update'>, sessionIdHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ authenticatedAt: now }).where(eq(sessions.idHash, sessionIdHash));
}

/** When the session last proved who it is (ISO), for the web app to know whether a step-up is needed. */
export async function authenticatedAt(db: Db, p: Principal): Promise<string | null> {
  const [s] = await db.select({ at: sql<Date>`${sessions.authenticatedAt}`.mapWith(sessions.authenticatedAt) }).from(sessions).where(eq(sessions.idHash, p.sessionIdHash)).limit(1);
  return s ? s.at.toISOString() : null;
}
