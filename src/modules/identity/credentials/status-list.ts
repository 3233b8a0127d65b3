// Revocation through a Token Status List (IETF draft-ietf-oauth-status-list): every credential gets a random slot in a
// list of 65,536 one-bit statuses (random, so the slot says nothing about when or for whom it was issued); the
// list is published as a signed JWT at a public URL that verifiers fetch.
// A credential is revoked by its holder's request, or when its membership ends: rather than hooking every path that
// can end a membership (the register API, the importer, future ones), publication first marks revoked every
// credential of the list whose membership has an exit date that has come — so the list is right whenever it is read.
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { StatusList } from '@sd-jwt/jwt-status-list';
import { queryRows, type Db } from '../../../core/db.ts';
import type { KeyStore } from '../keys/signing-keys.ts';
import { privateKeyOf } from '../keys/signing-keys.ts';

export const STATUS_LIST_SIZE = 65_536;
/** A list is closed to new credentials half full, so a random free slot is found in a try or two. */
const FILL_LIMIT = STATUS_LIST_SIZE / 2;
/** Verifiers may cache the list this long (`ttl`); the signed list itself expires after a day. */
export const STATUS_LIST_TTL_S = 300;
const STATUS_LIST_LIFETIME_S = 24 * 3600;

export const statusListUri = (publicUrl: string, id: number): string => `${publicUrl.replace(/\/+$/, '')}/api/v1/credentials/status-lists/${id}`;

/** The list new credentials go into (a new one once the current is half full). */
export async function currentList(db: Db): Promise<number> {
  const [cur] = await queryRows<{ id: number }>(db, sql`SELECT id FROM status_lists WHERE used < ${FILL_LIMIT} ORDER BY id DESC LIMIT 1`);
  if (cur) return cur.id;
  const [created] = await queryRows<{ id: number }>(db, sql`INSERT INTO status_lists (size) VALUES (${STATUS_LIST_SIZE}) RETURNING id`);
  return created!.id;
}

/** Counts a slot taken (in the issuing transaction). */
export async function takeSlot(tx: Pick<Db, 'execute'>, listId: number): Promise<void> {
  await tx.execute(sql`UPDATE status_lists SET used = used + 1 WHERE id = ${listId}`);
}

export const randomSlot = (): number => randomInt(STATUS_LIST_SIZE);

/**
 * Marks revoked the list's credentials whose membership has ended (exit date reached), whose membership or account is
 * gone, and writes an audit entry for each; returns how many changed.
 */
export async function sweepEndedMemberships(db: Db, scope: { listId?: number; accountId?: string }): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH revoked AS (
          UPDATE membership_credentials mc
             SET revoked_at = now(),
                 revoked_reason = CASE WHEN mc.account_id IS NULL THEN 'account-removed' ELSE 'membership-ended' END
           WHERE mc.revoked_at IS NULL
             ${scope.listId === undefined ? sql`` : sql`AND mc.status_list_id = ${scope.listId}`}
             ${scope.accountId === undefined ? sql`` : sql`AND mc.account_id = ${scope.accountId}`}
             AND (mc.account_id IS NULL OR mc.membership_id IS NULL
                  OR EXISTS (SELECT 1 FROM memberships m WHERE m.id = mc.membership_id AND m.exit_on <= current_date))
          RETURNING mc.id, mc.account_id, mc.cooperative_id, mc.revoked_reason),
        logged AS (
          INSERT INTO audit_log (actor_account_id, action, subject_type, subject_id, organisation_id, details)
          SELECT NULL, 'credential.revoke', 'account', r.account_id::text, r.cooperative_id,
                 jsonb_build_object('credentialId', r.id, 'reason', r.revoked_reason)
            FROM revoked r
          RETURNING 1)
        SELECT count(*)::int AS n FROM logged`,
  );
  return rows[0]?.n ?? 0;
}

/** The signed status list (compact JWT, `typ: statuslist+jwt`), or null when no such list exists. */
export async function publishStatusList(db: Db, keys: KeyStore, publicUrl: string, listId: number, now = new Date()): Promise<string | null> {
  const [list] = await queryRows<{ id: number; size: number }>(db, sql`SELECT id, size FROM status_lists WHERE id = ${listId}`);
  if (!list) return null;
  await sweepEndedMemberships(db, { listId });
  const revoked = await queryRows<{ idx: number }>(
    db,
    sql`SELECT status_idx AS idx FROM membership_credentials WHERE status_list_id = ${listId} AND revoked_at IS NOT NULL`,
  );
  const bits = new StatusList(new Array<number>(list.size).fill(0), 1);
  for (const r of revoked) bits.setStatus(r.idx, 1);
  const key = await keys.active('credentials');
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ status_list: { bits: 1, lst: bits.compressStatusList() }, ttl: STATUS_LIST_TTL_S })
    .setProtectedHeader({ alg: key.alg, typ: 'statuslist+jwt', kid: key.kid })
    .setSubject(statusListUri(publicUrl, listId))
    .setIssuedAt(iat)
    .setExpirationTime(iat + STATUS_LIST_LIFETIME_S)
    .sign(await privateKeyOf(key));
}

/**
 * The status bit of one slot as the published list says it (the platform's own verifier): read-only — revoked, or
 * its membership ended, its membership or account gone; the next publication records the revocation.
 */
export async function slotStatus(db: Db, listId: number, idx: number): Promise<number> {
  const [r] = await queryRows<{ revoked: boolean }>(
    db,
    sql`SELECT (mc.revoked_at IS NOT NULL OR mc.account_id IS NULL OR mc.membership_id IS NULL
                OR EXISTS (SELECT 1 FROM memberships m WHERE m.id = mc.membership_id AND m.exit_on <= current_date)) AS revoked
          FROM membership_credentials mc WHERE mc.status_list_id = ${listId} AND mc.status_idx = ${idx}`,
  );
  // An unused slot reads 0 in the published list too; a credential pointing there was not issued by us anyway.
  return r?.revoked ? 1 : 0;
}
