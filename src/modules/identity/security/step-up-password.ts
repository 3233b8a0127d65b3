// Step-up with the password: the same throttled check as signing in (a wrong password counts towards the lock).
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { unauthenticated } from '../../../core/errors.ts';
import { checkCredentials, type Actor } from '../service.ts';
import { markAuthenticated } from './step-up.ts';

export async function stepUpWithPassword(db: Db, p: Principal | null, password: string, actor: Actor): Promise<void> {
  if (!p) throw unauthenticated();
  const now = new Date();
  await checkCredentials(db, p.email, password, actor, now);
  await db.transaction(async (tx) => {
    await markAuthenticated(tx, p.sessionIdHash, now);
    await audit(tx, { actorAccountId: p.accountId, action: 'auth.step-up', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null, details: { via: 'password' } });
  });
}
