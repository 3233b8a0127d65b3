// A member's own security events: what the audit log recorded about their account (sign-ins, failures, locks,
// password, passkeys, recovery codes, sessions, credentials, apps signed in to), newest first.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { unauthenticated } from '../../../core/errors.ts';

/** The actions shown to the member (anything else about the account, such as grants by admins, stays internal). */
export const SECURITY_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
  'auth.step-up',
  'auth.step-up-failed',
  'account.locked',
  'account.password-change',
  'account.password-reset',
  'account.password-reset-requested',
  'account.email-verified',
  'account.create',
  'account.link-person',
  'session.revoke',
  'passkey.add',
  'passkey.rename',
  'passkey.remove',
  'recovery-codes.generate',
  'recovery-code.use',
  'credential.issue',
  'credential.revoke',
  'credential.offer',
  'oidc.consent',
  'oidc.authorize',
  'oidc.grant-revoke',
] as const;

export interface SecurityEvent {
  id: number;
  at: string;
  action: string;
  /** How (password, passkey …), why it failed, which app or credential: codes and ids only. */
  details: Record<string, unknown>;
}

const SHOWN_DETAILS = new Set(['via', 'reason', 'clientId', 'clientName', 'scopes', 'credentialId', 'name', 'minutes', 'revokedSessions']);

export async function listSecurityEvents(db: Db, p: Principal | null, opts: { page?: number; pageSize?: number }): Promise<{ items: SecurityEvent[]; page: number; pageSize: number; hasMore: boolean }> {
  if (!p) throw unauthenticated();
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, opts.pageSize ?? 25));
  const list = await queryRows<{ id: number; at: string | Date; action: string; details: Record<string, unknown> | string }>(
    db,
    sql`SELECT id, at, action, details FROM audit_log
         WHERE subject_type = 'account' AND subject_id = ${p.accountId} AND action IN ${[...SECURITY_ACTIONS]}
         ORDER BY at DESC, id DESC LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`,
  );
  const items = list.slice(0, pageSize).map((r) => {
    const raw = typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details;
    const details = Object.fromEntries(Object.entries(raw ?? {}).filter(([k]) => SHOWN_DETAILS.has(k)));
    return { id: Number(r.id), at: new Date(r.at).toISOString(), action: r.action, details };
  });
  return { items, page, pageSize, hasMore: list.length > pageSize };
}
