// A member's membership credentials: issue one for an active membership of theirs (after a step-up), list them with
// their current status, fetch one again, revoke one. Issuance allocates the status slot, signs and stores in one
// transaction, with an audit entry the member sees among their security events.
import { sql } from 'drizzle-orm';
import type { JWK } from 'jose';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, notFound, unauthenticated } from '../../../core/errors.ts';
import type { KeyStore } from '../keys/signing-keys.ts';
import { requireStepUp } from '../security/step-up.ts';
import type { Actor } from '../service.ts';
import { membershipSubject } from './claims.ts';
import { issueMembershipCredential } from './issuer.ts';
import { currentList, randomSlot, statusListUri, sweepEndedMemberships, takeSlot } from './status-list.ts';

export interface CredentialDeps {
  db: Db;
  keys: KeyStore;
  publicUrl: string;
}

export type CredentialStatus = 'valid' | 'revoked' | 'expired';

export interface CredentialView {
  id: string;
  membershipId: string | null;
  cooperativeId: string;
  cooperativeName: string | null;
  issuedAt: string;
  expiresAt: string;
  status: CredentialStatus;
  revokedAt: string | null;
  revokedReason: string | null;
  via: 'web' | 'openid4vci';
  holderBound: boolean;
}

interface Row {
  id: string;
  membership_id: string | null;
  cooperative_id: string;
  coop_name: string | null;
  issued_at: string | Date;
  expires_at: string | Date;
  revoked_at: string | Date | null;
  revoked_reason: string | null;
  via: 'web' | 'openid4vci';
  holder_bound: boolean;
  sd_jwt: string;
}

const iso = (d: string | Date): string => new Date(d).toISOString();

function view(r: Row, now = new Date()): CredentialView {
  const status: CredentialStatus = r.revoked_at ? 'revoked' : new Date(r.expires_at) <= now ? 'expired' : 'valid';
  return {
    id: r.id,
    membershipId: r.membership_id,
    cooperativeId: r.cooperative_id,
    cooperativeName: r.coop_name,
    issuedAt: iso(r.issued_at),
    expiresAt: iso(r.expires_at),
    status,
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
    revokedReason: r.revoked_reason,
    via: r.via,
    holderBound: r.holder_bound,
  };
}

const SELECT = sql`SELECT mc.id, mc.membership_id, mc.cooperative_id, o.name AS coop_name, mc.issued_at, mc.expires_at, mc.revoked_at,
                          mc.revoked_reason, mc.via, mc.holder_bound, mc.sd_jwt
                     FROM membership_credentials mc LEFT JOIN organisations o ON o.id = mc.cooperative_id`;

export async function listMyCredentials(deps: CredentialDeps, p: Principal | null): Promise<CredentialView[]> {
  if (!p) throw unauthenticated();
  await sweepEndedMemberships(deps.db, { accountId: p.accountId });
  const list = await queryRows<Row>(deps.db, sql`${SELECT} WHERE mc.account_id = ${p.accountId} ORDER BY mc.issued_at DESC`);
  return list.map((r) => view(r));
}

export async function getMyCredential(deps: CredentialDeps, p: Principal | null, id: string): Promise<{ credential: CredentialView; sdJwt: string }> {
  if (!p) throw unauthenticated();
  await sweepEndedMemberships(deps.db, { accountId: p.accountId });
  const [r] = await queryRows<Row>(deps.db, sql`${SELECT} WHERE mc.id = ${id} AND mc.account_id = ${p.accountId}`);
  if (!r) throw notFound('identity.credential.not-found');
  return { credential: view(r), sdJwt: r.sd_jwt };
}

/**
 * Issues a credential for one of the account's own active memberships. `holderJwk` binds it to a wallet key (the
 * OpenID4VCI path); `now` lets tests and benchmarks issue as of another time.
 */
export async function issueCredential(
  deps: CredentialDeps,
  accountId: string,
  personId: string | null,
  membershipId: string,
  actor: Actor,
  opts: { via: 'web' | 'openid4vci'; holderJwk?: JWK | undefined; now?: Date | undefined },
): Promise<{ credential: CredentialView; sdJwt: string }> {
  const now = opts.now ?? new Date();
  const subject = await membershipSubject(deps.db, membershipId, now.toISOString().slice(0, 10));
  if (!subject || !personId || subject.personId !== personId) throw notFound('identity.credential.membership-not-found');
  if (!subject.active) throw conflict('identity.credential.membership-ended');
  const listId = await currentList(deps.db);
  const key = await deps.keys.active('credentials');
  for (let attempt = 0; attempt < 8; attempt++) {
    // Sign first (no database work), then store in one short transaction; a slot taken meanwhile means draw again.
    const idx = randomSlot();
    const issued = await issueMembershipCredential(key, deps.publicUrl, {
      claims: subject.claims,
      statusUri: statusListUri(deps.publicUrl, listId),
      statusIdx: idx,
      holderJwk: opts.holderJwk,
      now,
    });
    const id = await deps.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO membership_credentials (account_id, membership_id, cooperative_id, status_list_id, status_idx, kid, issued_at, expires_at, via, holder_bound, sd_jwt)
            VALUES (${accountId}, ${membershipId}, ${subject.cooperativeId}, ${listId}, ${idx}, ${issued.kid}, ${issued.issuedAt}, ${issued.expiresAt}, ${opts.via}, ${Boolean(opts.holderJwk)}, ${issued.sdJwt})
            ON CONFLICT (status_list_id, status_idx) DO NOTHING
            RETURNING id`,
      );
      if (!row) return null;
      await takeSlot(tx, listId);
      await audit(tx, {
        actorAccountId: actor.accountId ?? accountId,
        action: 'credential.issue',
        subjectType: 'account',
        subjectId: accountId,
        organisationId: subject.cooperativeId,
        requestId: actor.requestId ?? null,
        details: { credentialId: row.id, membershipId, via: opts.via },
      });
      return row.id;
    });
    if (!id) continue;
    const credential: CredentialView = {
      id,
      membershipId,
      cooperativeId: subject.cooperativeId,
      cooperativeName: subject.claims.cooperative,
      issuedAt: issued.issuedAt.toISOString(),
      expiresAt: issued.expiresAt.toISOString(),
      status: issued.expiresAt <= now ? 'expired' : 'valid',
      revokedAt: null,
      revokedReason: null,
      via: opts.via,
      holderBound: Boolean(opts.holderJwk),
    };
    return { credential, sdJwt: issued.sdJwt };
  }
  throw new ProblemError(503, 'unavailable');
}

/** The member asks for a credential from the web app (a fresh step-up is needed). */
export async function issueMyCredential(deps: CredentialDeps, p: Principal | null, membershipId: string, actor: Actor): Promise<{ credential: CredentialView; sdJwt: string }> {
  if (!p) throw unauthenticated();
  await requireStepUp(deps.db, p);
  return issueCredential(deps, p.accountId, p.personId, membershipId, actor, { via: 'web' });
}

/** Revokes one of the member's credentials: from the next status-list fetch on, verifiers refuse it. */
export async function revokeMyCredential(deps: CredentialDeps, p: Principal | null, id: string, actor: Actor): Promise<CredentialView> {
  if (!p) throw unauthenticated();
  return deps.db.transaction(async (tx) => {
    const done = await queryRows<{ id: string; cooperative_id: string; revoked: boolean }>(
      tx,
      sql`UPDATE membership_credentials SET revoked_at = coalesce(revoked_at, now()), revoked_reason = coalesce(revoked_reason, 'holder-request')
           WHERE id = ${id} AND account_id = ${p.accountId}
       RETURNING id, cooperative_id, true AS revoked`,
    );
    if (!done[0]) throw notFound('identity.credential.not-found');
    await audit(tx, {
      actorAccountId: p.accountId,
      action: 'credential.revoke',
      subjectType: 'account',
      subjectId: p.accountId,
      organisationId: done[0].cooperative_id,
      requestId: actor.requestId ?? null,
      details: { credentialId: id, reason: 'holder-request' },
    });
    const [r] = await queryRows<Row>(tx, sql`${SELECT} WHERE mc.id = ${id}`);
    return view(r!);
  });
}
