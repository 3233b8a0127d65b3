// What the invitation page shows before the invitee accepts: who invited them to what, and whether an account with
// the invited address exists already (then they sign in to it instead of choosing a password). Only the token's
// holder can ask, and unknown tokens cost the client address like a wrong password.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import { ProblemError } from '../../../core/errors.ts';
import type { GrantRole } from '../../../core/http.ts';
import { MAX_IP_FAILURES, SIGN_IN_WINDOW_MS, attemptsSince, ipKey, sha256, tooMany, type Actor } from '../service.ts';
import { signInAttempts } from '../schema.ts';

export interface InvitationDetails {
  email: string;
  displayName: string | null;
  role: GrantRole | null;
  organisationName: string | null;
  /** Co-ops where the invited person is a member (for a member invitation). */
  cooperatives: string[];
  existingAccount: boolean;
  expiresAt: string;
}

export async function invitationDetails(db: Db, token: string, actor: Actor): Promise<InvitationDetails> {
  const now = new Date();
  if (actor.ip) {
    const r = await attemptsSince(db, ipKey(actor.ip), new Date(now.getTime() - SIGN_IN_WINDOW_MS));
    if (r.n >= MAX_IP_FAILURES) throw tooMany('rate-limited', (r.first?.getTime() ?? now.getTime()) + SIGN_IN_WINDOW_MS - now.getTime());
  }
  const [inv] = await queryRows<{
    email: string;
    display_name: string | null;
    role: GrantRole | null;
    org: string | null;
    person_id: string | null;
    accepted: boolean;
    expires_at: string | Date;
    existing: boolean;
  }>(
    db,
    sql`SELECT i.email, i.display_name, i.role, o.name AS org, i.person_id, i.accepted_at IS NOT NULL AS accepted, i.expires_at,
               EXISTS (SELECT 1 FROM accounts a WHERE lower(a.email) = lower(i.email)) AS existing
          FROM invitations i LEFT JOIN organisations o ON o.id = i.organisation_id
         WHERE i.token_hash = ${sha256(token)}`,
  );
  if (!inv) {
    if (actor.ip) await db.insert(signInAttempts).values({ key: ipKey(actor.ip), at: now });
    throw new ProblemError(404, 'invitation-invalid');
  }
  if (inv.accepted) throw new ProblemError(410, 'invitation-used');
  if (new Date(inv.expires_at) <= now) throw new ProblemError(410, 'invitation-expired');
  const coops = inv.person_id
    ? await queryRows<{ name: string }>(
        db,
        sql`SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.cooperative_id WHERE m.person_id = ${inv.person_id} AND m.exit_on IS NULL ORDER BY o.name`,
      )
    : [];
  return {
    email: inv.email,
    displayName: inv.display_name,
    role: inv.role,
    organisationName: inv.org,
    cooperatives: coops.map((c) => c.name),
    existingAccount: inv.existing,
    expiresAt: new Date(inv.expires_at).toISOString(),
  };
}
