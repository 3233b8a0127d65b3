// E-mail verification and password reset by e-mail. Requests are rate limited (per address and per client address);
// the reset request answers the same whether or not an account exists; a reset ends every session and unlocks.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, unauthenticated } from '../../../core/errors.ts';
import { accounts, sessions, signInAttempts } from '../schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { hashPassword } from '../password.ts';
import { securityNotice } from '../security/notify.ts';
import {
  MAX_IP_FAILURES,
  SIGN_IN_WINDOW_MS,
  accountById,
  attemptsSince,
  checkPassword,
  emailKey,
  findAccountByEmail,
  ipKey,
  lockKey,
  normaliseEmail,
  tooMany,
  type Actor,
} from '../service.ts';
import { issueToken, spendToken, TOKEN_TTL_MS } from './tokens.ts';

export interface EmailDeps {
  db: Db;
  config: Pick<Config, 'publicUrl'>;
  mailer: Mailer;
}

/** Mails asked for one address (or one account) in the window: beyond this the request is refused. */
export const MAX_MAIL_REQUESTS = 3;
const MAIL_WINDOW_MS = 15 * 60_000;

const base = (config: Pick<Config, 'publicUrl'>): string => config.publicUrl.replace(/\/+$/, '');

async function limitRequests(db: Db, key: string, ip: string | null | undefined, now: Date): Promise<void> {
  if (ip) {
    const r = await attemptsSince(db, ipKey(ip), new Date(now.getTime() - SIGN_IN_WINDOW_MS));
    if (r.n >= MAX_IP_FAILURES) throw tooMany('rate-limited', (r.first?.getTime() ?? now.getTime()) + SIGN_IN_WINDOW_MS - now.getTime());
    const m = await attemptsSince(db, `mail-ip:${ip}`, new Date(now.getTime() - MAIL_WINDOW_MS));
    if (m.n >= MAX_IP_FAILURES) throw tooMany('rate-limited', (m.first?.getTime() ?? now.getTime()) + MAIL_WINDOW_MS - now.getTime());
  }
  const r = await attemptsSince(db, key, new Date(now.getTime() - MAIL_WINDOW_MS));
  if (r.n >= MAX_MAIL_REQUESTS) throw tooMany('rate-limited', (r.first?.getTime() ?? now.getTime()) + MAIL_WINDOW_MS - now.getTime());
}

async function countRequest(db: Db, key: string, ip: string | null | undefined, now: Date): Promise<void> {
  await db.insert(signInAttempts).values([{ key, at: now }, ...(ip ? [{ key: `mail-ip:${ip}`, at: now }] : [])]);
}

/** A token that did not work costs the client address like a wrong password (tokens cannot be guessed in bulk). */
async function tokenFailure(db: Db, actor: Actor, now: Date, err: unknown): Promise<void> {
  if (actor.ip && err instanceof ProblemError && err.slug === 'token-invalid') await db.insert(signInAttempts).values({ key: ipKey(actor.ip), at: now });
}

async function throttleIp(db: Db, actor: Actor, now: Date): Promise<void> {
  if (!actor.ip) return;
  const r = await attemptsSince(db, ipKey(actor.ip), new Date(now.getTime() - SIGN_IN_WINDOW_MS));
  if (r.n >= MAX_IP_FAILURES) throw tooMany('rate-limited', (r.first?.getTime() ?? now.getTime()) + SIGN_IN_WINDOW_MS - now.getTime());
}

// ------------------------------------------------------------------------------------------------ verification

/** Sends a verification link to the account's address (409 when it is verified already). */
export async function requestEmailVerification(deps: EmailDeps, p: Principal | null, actor: Actor): Promise<void> {
  if (!p) throw unauthenticated();
  const now = new Date();
  const account = await accountById(deps.db, p.accountId);
  if (!account) throw unauthenticated();
  if (account.emailVerifiedAt) throw conflict('identity.email.verified-already');
  const key = `mail:verify:${account.id}`;
  await limitRequests(deps.db, key, actor.ip, now);
  await deps.db.transaction(async (tx) => {
    await countRequest(tx, key, actor.ip, now);
    const token = await issueToken(tx, account.id, account.email, 'verify-email', now);
    await deps.mailer.enqueue(tx, {
      to: account.email,
      template: 'verify-email',
      locale: account.locale,
      accountId: account.id,
      params: { name: account.displayName, url: `${base(deps.config)}/verifica-email#${token}`, hours: String(TOKEN_TTL_MS['verify-email'] / 3_600_000) },
    });
  });
  deps.mailer.kick();
}

export async function verifyEmail(deps: EmailDeps, token: string, actor: Actor): Promise<void> {
  const now = new Date();
  await throttleIp(deps.db, actor, now);
  try {
    await deps.db.transaction(async (tx) => {
      const { accountId } = await spendToken(tx, token, 'verify-email', now);
      await tx.update(accounts).set({ emailVerifiedAt: now }).where(eq(accounts.id, accountId));
      await audit(tx, { actorAccountId: accountId, action: 'account.email-verified', subjectType: 'account', subjectId: accountId, requestId: actor.requestId ?? null });
    });
  } catch (err) {
    await tokenFailure(deps.db, actor, now, err);
    throw err;
  }
}

// ------------------------------------------------------------------------------------------------ password reset

/**
 * Mails a reset link when the address has an (enabled) account; answers the same either way, so the endpoint does
 * not tell which addresses have accounts. Limited per address and per client address.
 */
export async function requestPasswordReset(deps: EmailDeps, emailInput: string, actor: Actor): Promise<void> {
  const now = new Date();
  const email = normaliseEmail(emailInput);
  const key = `mail:reset:${email}`;
  await limitRequests(deps.db, key, actor.ip, now);
  const account = await findAccountByEmail(deps.db, email);
  await deps.db.transaction(async (tx) => {
    await countRequest(tx, key, actor.ip, now);
    if (!account || account.disabledAt) return;
    const token = await issueToken(tx, account.id, account.email, 'reset-password', now);
    await deps.mailer.enqueue(tx, {
      to: account.email,
      template: 'reset-password',
      locale: account.locale,
      accountId: account.id,
      params: { name: account.displayName, url: `${base(deps.config)}/reimposta-password#${token}`, minutes: String(TOKEN_TTL_MS['reset-password'] / 60_000) },
    });
    await audit(tx, { actorAccountId: null, action: 'account.password-reset-requested', subjectType: 'account', subjectId: account.id, requestId: actor.requestId ?? null });
  });
  deps.mailer.kick();
}

/** Sets the new password from a reset link: unlocks, ends every session, marks the address verified, tells the owner. */
export async function confirmPasswordReset(deps: EmailDeps, input: { token: string; newPassword: string }, actor: Actor): Promise<void> {
  const now = new Date();
  await throttleIp(deps.db, actor, now);
  checkPassword(input.newPassword, 'body/newPassword');
  const hash = await hashPassword(input.newPassword);
  try {
    await deps.db.transaction(async (tx) => {
      const { accountId, email } = await spendToken(tx, input.token, 'reset-password', now);
      const [acc] = await tx
        .update(accounts)
        .set({ passwordHash: hash, failedSignIns: 0, lockedUntil: null, emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, now())` })
        .where(eq(accounts.id, accountId))
        .returning();
      const ended = await tx.delete(sessions).where(eq(sessions.accountId, accountId)).returning({ idHash: sessions.idHash });
      await tx.delete(signInAttempts).where(sql`${signInAttempts.key} IN (${emailKey(email)}, ${lockKey(email)})`);
      await audit(tx, { actorAccountId: accountId, action: 'account.password-reset', subjectType: 'account', subjectId: accountId, requestId: actor.requestId ?? null, details: { via: 'email', revokedSessions: ended.length } });
      await securityNotice(tx, deps.mailer, deps.config.publicUrl, { id: accountId, email: acc!.email, displayName: acc!.displayName, locale: acc!.locale }, 'password-reset', now);
    });
  } catch (err) {
    await tokenFailure(deps.db, actor, now, err);
    throw err;
  }
  deps.mailer.kick();
}
