// Identity use cases: accounts, sign-in with cross-process throttling, server-side sessions, role grants and
// invitations. Every change runs in one transaction together with its audit entry.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db.ts';
import type { Config } from '../../core/config.ts';
import type { Grant, GrantRole, Principal } from '../../core/http.ts';
import type { Locale } from '../../core/i18n.ts';
import { audit } from '../../core/audit.ts';
import { ProblemError, conflict, forbidden, invalid, invalidField, notFound, unauthenticated, type FieldError } from '../../core/errors.ts';
import { isWithinScope, personHasMembershipIn } from '../registry/index.ts';
import { accounts, invitations, roleGrants, sessions, signInAttempts, type AuthMethod } from './schema.ts';
import type { Mailer } from './mail/mailer.ts';
import { requireStepUp } from './security/step-up.ts';
import { securityNotice } from './security/notify.ts';
import { dummyVerify, hashPassword, needsRehash, passwordProblem, verifyPassword, MIN_PASSWORD_LENGTH } from './password.ts';

export const SESSION_COOKIE = 'coop_session';
/** Sign-in throttling window, lock duration and thresholds (failures within the window). */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const MAX_EMAIL_FAILURES = 5;
export const MAX_IP_FAILURES = 30;
export const INVITATION_TTL_MS = 14 * 24 * 3_600_000;
/** last_seen_at is refreshed at most this often, so a busy session costs one write a minute, not one per request. */
const SLIDE_EVERY_MS = 60_000;

/** Who acts and from where: for audit entries and throttling. */
export interface Actor {
  accountId: string | null;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}
export const SYSTEM: Actor = { accountId: null };

export interface GrantView {
  role: GrantRole;
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: string | null;
}
export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  personId: string | null;
  grants: GrantView[];
}
export interface AdminGrantView extends GrantView {
  id: string;
}
export interface AdminAccountView extends Omit<AccountView, 'grants'> {
  grants: AdminGrantView[];
  createdAt: string;
  lastSignInAt: string | null;
  lockedUntil: string | null;
  disabled: boolean;
}
export interface SessionResult {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  account: AccountView;
}
export interface SessionItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
  userAgent: string | null;
  authMethod: AuthMethod | null;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
/** The id shown in session lists: a prefix of the stored hash, which itself reveals nothing of the token. */
export const publicSessionId = (idHash: string): string => idHash.slice(0, 16);
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const isPlatformAdmin = (p: Pick<Principal, 'grants'>): boolean => p.grants.some((g) => g.role === 'platform_admin');

export function requirePlatformAdmin(p: Principal | null): Principal {
  if (!p) throw unauthenticated();
  if (!isPlatformAdmin(p)) throw forbidden();
  return p;
}

export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** The constraint of a unique violation anywhere in the error's cause chain (drizzle wraps driver errors), or null. */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return String((e as { constraint?: unknown }).constraint ?? '');
  }
  return null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------- views

/** The grants of several accounts with their organisations' names, oldest first (then by role and name). */
async function grantsOf(db: Db, accountIds: string[]): Promise<Map<string, AdminGrantView[]>> {
  const out = new Map<string, AdminGrantView[]>(accountIds.map((id) => [id, []]));
  if (accountIds.length === 0) return out;
  const list = await rows<{ id: string; account_id: string; role: GrantRole; organisation_id: string | null; name: string | null; kind: string | null }>(
    db,
    sql`SELECT g.id, g.account_id, g.role, g.organisation_id, o.name, o.kind
          FROM role_grants g LEFT JOIN organisations o ON o.id = g.organisation_id
         WHERE g.account_id IN ${accountIds}
         ORDER BY g.created_at, g.role, o.name, g.id`,
  );
  for (const r of list) {
    out.get(r.account_id)?.push({
      id: r.id,
      role: r.role,
      organisationId: r.organisation_id,
      organisationName: r.name,
      organisationKind: r.kind,
    });
  }
  return out;
}

export type AccountRow = typeof accounts.$inferSelect;

function adminView(a: AccountRow, grants: AdminGrantView[], now = new Date()): AdminAccountView {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    locale: a.locale,
    personId: a.personId,
    grants,
    createdAt: a.createdAt.toISOString(),
    lastSignInAt: iso(a.lastSignInAt),
    lockedUntil: a.lockedUntil && a.lockedUntil > now ? a.lockedUntil.toISOString() : null,
    disabled: a.disabledAt !== null,
  };
}

function accountView(a: AccountRow, grants: AdminGrantView[]): AccountView {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    locale: a.locale,
    personId: a.personId,
    grants: grants.map(({ role, organisationId, organisationName, organisationKind }) => ({ role, organisationId, organisationName, organisationKind })),
  };
}

export async function accountById(db: Db, id: string): Promise<AccountRow | undefined> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return a;
}

export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const [a] = await db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.email}) = ${normaliseEmail(email)}`)
    .limit(1);
  return a;
}

export async function getAccountView(db: Db, accountId: string): Promise<AccountView> {
  const a = await accountById(db, accountId);
  if (!a) throw notFound('identity.account.not-found');
  return accountView(a, (await grantsOf(db, [a.id])).get(a.id) ?? []);
}

export async function getAdminAccountView(db: Db, accountId: string): Promise<AdminAccountView> {
  const a = await accountById(db, accountId);
  if (!a) throw notFound('identity.account.not-found');
  return adminView(a, (await grantsOf(db, [a.id])).get(a.id) ?? []);
}

// ---------------------------------------------------------------------------------------------- checks

export function checkPassword(password: string, field: string): void {
  const code = passwordProblem(password);
  if (code) throw invalidField(field, code, code === 'identity.password.too-short' ? { min: MIN_PASSWORD_LENGTH } : undefined);
}

const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function cleanName(name: string, field: string): string {
  const n = name.trim();
  if (!n) throw invalidField(field, 'identity.display-name.required');
  if (CONTROL_RE.test(n) || n.length > 200) throw invalidField(field, 'field.pattern');
  return n;
}

/** Shape and target of a grant: platform_admin has no organisation, coop_admin a co-op, staff an association. */
async function checkGrantTarget(db: Db, role: GrantRole, organisationId: string | null, field: string): Promise<void> {
  if (role === 'platform_admin') {
    if (organisationId) throw invalidField(field, 'identity.organisation.not-allowed');
    return;
  }
  if (!organisationId) throw invalidField(field, 'identity.organisation.required');
  const [org] = await rows<{ kind: string }>(db, sql`SELECT kind FROM organisations WHERE id = ${organisationId}`);
  if (!org) throw invalidField(field, 'identity.organisation.unknown');
  if (role === 'coop_admin' && org.kind !== 'cooperative') throw invalidField(field, 'identity.organisation.not-cooperative');
  if (role === 'association_staff' && org.kind === 'cooperative') throw invalidField(field, 'identity.organisation.not-association');
}

/** The person exists and no other account is linked to it. */
export async function checkPersonLinkable(db: Db, personId: string, field: string, exceptAccountId?: string): Promise<void> {
  const [p] = await rows<{ id: string }>(db, sql`SELECT id FROM people WHERE id = ${personId}`);
  if (!p) throw invalidField(field, 'identity.person.unknown');
  const [other] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, personId)).limit(1);
  if (other && other.id !== exceptAccountId) throw conflict('identity.person.already-linked', [{ field, code: 'identity.person.already-linked' }]);
}

// ---------------------------------------------------------------------------------------------- accounts

export interface NewAccount {
  email: string;
  displayName: string;
  /** Plain password (checked against the policy and hashed); omit for an account without one. */
  password?: string | undefined;
  locale?: Locale | undefined;
  personId?: string | null | undefined;
  grants?: { role: GrantRole; organisationId: string | null }[] | undefined;
}

/** Validates, then inserts an account (and its grants) inside `tx`; the caller owns the transaction. */
async function insertAccount(tx: Db, input: NewAccount, passwordHash: string | null, actor: Actor): Promise<string> {
  const email = normaliseEmail(input.email);
  if (!EMAIL_RE.test(email) || email.length > 254) throw invalidField('body/email', 'field.format', { format: 'email' });
  if (await findAccountByEmail(tx, email)) throw conflict('identity.email.taken', [{ field: 'body/email', code: 'identity.email.taken' }]);
  if (input.personId) await checkPersonLinkable(tx, input.personId, 'body/personId');
  const grants = input.grants ?? [];
  for (const [i, g] of grants.entries()) await checkGrantTarget(tx, g.role, g.organisationId ?? null, `body/grants/${i}/organisationId`);
  let id: string;
  try {
    const [row] = await tx
      .insert(accounts)
      .values({
        email,
        displayName: cleanName(input.displayName, 'body/displayName'),
        passwordHash,
        locale: input.locale ?? 'it',
        personId: input.personId ?? null,
      })
      .returning({ id: accounts.id });
    id = row!.id;
  } catch (err) {
    // A concurrent request won the race between our checks and this insert.
    const constraint = uniqueViolation(err);
    if (constraint?.includes('person')) throw conflict('identity.person.already-linked', [{ field: 'body/personId', code: 'identity.person.already-linked' }]);
    if (constraint !== null) throw conflict('identity.email.taken', [{ field: 'body/email', code: 'identity.email.taken' }]);
    throw err;
  }
  await audit(tx, {
    actorAccountId: actor.accountId,
    action: 'account.create',
    subjectType: 'account',
    subjectId: id,
    requestId: actor.requestId ?? null,
    details: { personId: input.personId ?? null },
  });
  for (const g of grants) await insertGrant(tx, id, g.role, g.organisationId ?? null, actor);
  return id;
}

/** Creates an account (validating e-mail, password policy, person link and grants) in one transaction. */
export async function createAccount(db: Db, input: NewAccount, actor: Actor = SYSTEM): Promise<AdminAccountView> {
  if (input.password !== undefined) checkPassword(input.password, 'body/password');
  const hash = input.password !== undefined ? await hashPassword(input.password) : null;
  const id = await db.transaction((tx) => insertAccount(tx, input, hash, actor));
  return getAdminAccountView(db, id);
}

export interface AccountList {
  items: AdminAccountView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Accounts matching `q` (e-mail or name), ordered by e-mail. No authorisation: callers check it. */
export async function listAccounts(db: Db, opts: { q?: string | undefined; page?: number | undefined; pageSize?: number | undefined }): Promise<AccountList> {
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, opts.pageSize ?? 20));
  const q = opts.q?.trim();
  const where = q
    ? sql`(${accounts.email} ILIKE ${'%' + q.replace(/[\\%_]/g, '\\$&') + '%'} OR ${accounts.displayName} ILIKE ${'%' + q.replace(/[\\%_]/g, '\\$&') + '%'})`
    : undefined;
  const [countRow] = await db.select({ n: sql<number>`count(*)::int` }).from(accounts).where(where);
  const list = await db
    .select()
    .from(accounts)
    .where(where)
    .orderBy(asc(accounts.email))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const grants = await grantsOf(db, list.map((a) => a.id));
  const now = new Date();
  return { items: list.map((a) => adminView(a, grants.get(a.id) ?? [], now)), total: countRow?.n ?? 0, page, pageSize };
}

/** Sets a new password, clears any lock and ends every session of the account (CLI `reset-password`). */
export async function resetPassword(db: Db, accountId: string, password: string, actor: Actor = SYSTEM): Promise<void> {
  checkPassword(password, 'password');
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(accounts)
      .set({ passwordHash: hash, lockedUntil: null, failedSignIns: 0 })
      .where(eq(accounts.id, accountId))
      .returning({ email: accounts.email });
    if (done.length === 0) throw notFound('identity.account.not-found');
    await tx.delete(sessions).where(eq(sessions.accountId, accountId));
    await tx.delete(signInAttempts).where(sql`${signInAttempts.key} IN (${emailKey(done[0]!.email)}, ${lockKey(done[0]!.email)})`);
    await audit(tx, { actorAccountId: actor.accountId, action: 'account.password-reset', subjectType: 'account', subjectId: accountId, requestId: actor.requestId ?? null });
  });
}

// ---------------------------------------------------------------------------------------------- grants

export async function insertGrant(tx: Db, accountId: string, role: GrantRole, organisationId: string | null, actor: Actor): Promise<{ id: string; created: boolean }> {
  const [row] = await tx
    .insert(roleGrants)
    .values({ accountId, role, organisationId })
    .onConflictDoNothing()
    .returning({ id: roleGrants.id });
  if (!row) {
    const [existing] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.accountId, accountId), eq(roleGrants.role, role), organisationId ? eq(roleGrants.organisationId, organisationId) : isNull(roleGrants.organisationId)));
    return { id: existing!.id, created: false };
  }
  await audit(tx, {
    actorAccountId: actor.accountId,
    action: 'role.grant',
    subjectType: 'account',
    subjectId: accountId,
    organisationId,
    requestId: actor.requestId ?? null,
    details: { grantId: row.id, role },
  });
  return { id: row.id, created: true };
}

/** Grants a role (idempotent: an existing identical grant is returned with created = false). */
export async function grantRole(
  db: Db,
  accountId: string,
  role: GrantRole,
  organisationId: string | null,
  actor: Actor = SYSTEM,
): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await accountById(tx, accountId))) throw notFound('identity.account.not-found');
    await checkGrantTarget(tx, role, organisationId, 'body/organisationId');
    return insertGrant(tx, accountId, role, organisationId, actor);
  });
}

export async function revokeGrant(db: Db, accountId: string, grantId: string, actor: Actor = SYSTEM): Promise<void> {
  await db.transaction(async (tx) => {
    const [g] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.accountId, accountId)))
      .for('update');
    if (!g) throw notFound('identity.grant.not-found');
    if (g.role === 'platform_admin') {
      const [r] = await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM role_grants g JOIN accounts a ON a.id = g.account_id
             WHERE g.role = 'platform_admin' AND a.disabled_at IS NULL`,
      );
      if ((r?.n ?? 0) <= 1) throw conflict('identity.grant.last-admin');
    }
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await audit(tx, {
      actorAccountId: actor.accountId,
      action: 'role.revoke',
      subjectType: 'account',
      subjectId: accountId,
      organisationId: g.organisationId,
      requestId: actor.requestId ?? null,
      details: { grantId, role: g.role },
    });
  });
}

export async function adminCreateAccount(db: Db, p: Principal | null, input: NewAccount & { password: string }, actor: Actor): Promise<AdminAccountView> {
  requirePlatformAdmin(p);
  return createAccount(db, input, actor);
}

export async function adminListAccounts(db: Db, p: Principal | null, opts: { q?: string; page?: number; pageSize?: number }): Promise<AccountList> {
  requirePlatformAdmin(p);
  return listAccounts(db, opts);
}

export async function adminGrant(
  db: Db,
  p: Principal | null,
  accountId: string,
  input: { role: GrantRole; organisationId?: string | null | undefined },
  actor: Actor,
): Promise<{ grant: AdminGrantView; created: boolean }> {
  requirePlatformAdmin(p);
  const { id, created } = await grantRole(db, accountId, input.role, input.organisationId ?? null, actor);
  const grant = ((await grantsOf(db, [accountId])).get(accountId) ?? []).find((g) => g.id === id);
  return { grant: grant!, created };
}

export async function adminRevokeGrant(db: Db, p: Principal | null, accountId: string, grantId: string, actor: Actor): Promise<void> {
  requirePlatformAdmin(p);
  await revokeGrant(db, accountId, grantId, actor);
}

// ---------------------------------------------------------------------------------------------- throttling

export const emailKey = (email: string): string => `email:${normaliseEmail(email)}`;
export const lockKey = (email: string): string => `lock:${normaliseEmail(email)}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

export function tooMany(slug: 'rate-limited' | 'account-locked', ms: number): ProblemError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new ProblemError(429, slug, { detailKey: 'identity.retry-after', detailParams: { minutes: Math.ceil(seconds / 60), seconds } });
}

export async function attemptsSince(db: Db, key: string, since: Date): Promise<{ n: number; first: Date | null; last: Date | null }> {
  const [r] = await db
    .select({
      n: sql<number>`count(*)::int`,
      first: sql`min(${signInAttempts.at})`.mapWith(signInAttempts.at),
      last: sql`max(${signInAttempts.at})`.mapWith(signInAttempts.at),
    })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)));
  return { n: r?.n ?? 0, first: r?.first ?? null, last: r?.last ?? null };
}

/**
 * Refuses before any password is checked: 429 `rate-limited` after MAX_IP_FAILURES failures from one address in the
 * window; 429 `account-locked` while an e-mail is locked. The lock is kept per e-mail (a `lock:` row), whether or not
 * an account exists, so the answer does not reveal which addresses have accounts.
 */
export async function throttle(db: Db, email: string, ip: string | null | undefined, account: AccountRow | undefined, now: Date): Promise<void> {
  if (ip) {
    const r = await attemptsSince(db, ipKey(ip), new Date(now.getTime() - SIGN_IN_WINDOW_MS));
    if (r.n >= MAX_IP_FAILURES) throw tooMany('rate-limited', (r.first?.getTime() ?? now.getTime()) + SIGN_IN_WINDOW_MS - now.getTime());
  }
  const lock = await attemptsSince(db, lockKey(email), new Date(now.getTime() - LOCK_MS));
  let until = lock.last ? lock.last.getTime() + LOCK_MS : 0;
  if (account?.lockedUntil && account.lockedUntil.getTime() > until) until = account.lockedUntil.getTime();
  if (until > now.getTime()) throw tooMany('account-locked', until - now.getTime());
}

/** Records a failed password check; locks the e-mail once it reaches MAX_EMAIL_FAILURES in the window. */
export async function recordFailure(db: Db, email: string, account: AccountRow | undefined, actor: Actor, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const keys = [{ key: emailKey(email), at: now }];
    if (actor.ip) keys.push({ key: ipKey(actor.ip), at: now });
    await tx.insert(signInAttempts).values(keys);
    const { n } = await attemptsSince(tx, emailKey(email), new Date(now.getTime() - SIGN_IN_WINDOW_MS));
    const locked = n >= MAX_EMAIL_FAILURES;
    if (locked) await tx.insert(signInAttempts).values({ key: lockKey(email), at: now });
    if (account) {
      await tx
        .update(accounts)
        .set({ failedSignIns: sql`${accounts.failedSignIns} + 1`, ...(locked ? { lockedUntil: new Date(now.getTime() + LOCK_MS) } : {}) })
        .where(eq(accounts.id, account.id));
    }
    // Never the e-mail or the password: the account id when there is one, and why it failed.
    await audit(tx, {
      actorAccountId: null,
      action: 'auth.sign-in-failed',
      subjectType: 'account',
      subjectId: account?.id ?? null,
      requestId: actor.requestId ?? null,
      details: { reason },
    });
    if (locked && account) {
      await audit(tx, {
        actorAccountId: null,
        action: 'account.locked',
        subjectType: 'account',
        subjectId: account.id,
        requestId: actor.requestId ?? null,
        details: { minutes: LOCK_MS / 60_000 },
      });
    }
  });
}

/** Throttled, constant-work password check shared by sign-in, invitation acceptance and password change. */
export async function checkCredentials(db: Db, email: string, password: string, actor: Actor, now: Date): Promise<AccountRow> {
  const account = await findAccountByEmail(db, email);
  await throttle(db, email, actor.ip, account, now);
  const ok = account?.passwordHash ? await verifyPassword(account.passwordHash, password) : await dummyVerify(password);
  if (!ok || !account || account.disabledAt) {
    await recordFailure(db, email, account, actor, account?.disabledAt ? 'disabled' : 'invalid-credentials', now);
    throw new ProblemError(401, 'invalid-credentials');
  }
  return account;
}

/** Occasionally drops rows that no longer matter (expired sessions, old attempts); any process may do it. */
export async function pruneSometimes(db: Db, now: Date): Promise<void> {
  if (Math.random() >= 0.02) return;
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - SIGN_IN_WINDOW_MS - LOCK_MS)));
}

// ---------------------------------------------------------------------------------------------- sessions

export async function insertSession(
  tx: Db,
  accountId: string,
  ttlHours: number,
  actor: Actor,
  now: Date,
  authMethod: AuthMethod = 'password',
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await tx.insert(sessions).values({
    idHash: sha256(token),
    accountId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ? actor.userAgent.slice(0, 512) : null,
    authenticatedAt: now,
    authMethod,
  });
  return { token, csrfToken };
}

/** Signs in and opens a session; `previous` (a session the request already carried) is closed. */
export async function signIn(
  db: Db,
  config: Pick<Config, 'sessionTtlHours'>,
  input: { email: string; password: string },
  actor: Actor,
  previous: Principal | null = null,
): Promise<SessionResult> {
  const now = new Date();
  const email = normaliseEmail(input.email);
  const account = await checkCredentials(db, email, input.password, actor, now);
  const rehash = account.passwordHash && needsRehash(account.passwordHash) ? await hashPassword(input.password) : null;
  const session = await db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
      .where(eq(accounts.id, account.id));
    await tx.delete(signInAttempts).where(eq(signInAttempts.key, emailKey(email)));
    if (previous) await tx.delete(sessions).where(eq(sessions.idHash, previous.sessionIdHash));
    const s = await insertSession(tx, account.id, config.sessionTtlHours, actor, now, 'password');
    await audit(tx, { actorAccountId: account.id, action: 'auth.sign-in', subjectType: 'account', subjectId: account.id, requestId: actor.requestId ?? null, details: { via: 'password' } });
    return s;
  });
  await pruneSometimes(db, now);
  return { ...session, account: await getAccountView(db, account.id) };
}

export async function signOut(db: Db, p: Principal | null, actor: Actor): Promise<void> {
  if (!p) return;
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, p.sessionIdHash));
    await audit(tx, { actorAccountId: p.accountId, action: 'auth.sign-out', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null });
  });
}

/**
 * The session lookup, built once per database and prepared by name: it runs on every signed-in request, and building
 * the query each time cost more CPU than the rest of a request together (the profile of the signed-in floor).
 */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return db
    .select({
      accountId: accounts.id,
      personId: accounts.personId,
      email: accounts.email,
      displayName: accounts.displayName,
      locale: accounts.locale,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      grants: sql<unknown>`coalesce((SELECT json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id) ORDER BY g.created_at, g.role, g.organisation_id)
                                       FROM role_grants g WHERE g.account_id = ${accounts.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.idHash, sql.placeholder('idHash')), gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`), isNull(accounts.disabledAt)))
    .limit(1)
    .prepare('resolve_session');
}

/** The principal behind a session cookie, or null when it is unknown, expired or its account disabled. */
export async function resolveSession(db: Db, token: string, ttlHours: number, now = new Date()): Promise<Principal | null> {
  if (!TOKEN_RE.test(token)) return null;
  const idHash = sha256(token);
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ idHash, now: now.toISOString() });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= SLIDE_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlHours * 3_600_000) })
      .where(eq(sessions.idHash, idHash));
  }
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as Grant[];
  return {
    accountId: row.accountId,
    personId: row.personId,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    grants,
    sessionIdHash: idHash,
    csrfToken: row.csrfToken,
  };
}

export async function listSessions(db: Db, p: Principal | null): Promise<SessionItem[]> {
  if (!p) throw unauthenticated();
  const list = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.accountId, p.accountId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return list.map((s) => ({
    id: publicSessionId(s.idHash),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.idHash === p.sessionIdHash,
    userAgent: s.userAgent,
    authMethod: s.authMethod,
  }));
}

/** Ends one of the principal's sessions; returns true when it was the current one. */
export async function revokeSession(db: Db, p: Principal | null, id: string, actor: Actor): Promise<boolean> {
  if (!p) throw unauthenticated();
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(sessions)
      .where(and(eq(sessions.accountId, p.accountId), sql`left(${sessions.idHash}, 16) = ${id}`))
      .returning({ idHash: sessions.idHash });
    if (gone.length === 0) throw notFound('identity.session.not-found');
    await audit(tx, { actorAccountId: p.accountId, action: 'session.revoke', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null });
    return gone.some((g) => g.idHash === p.sessionIdHash);
  });
}

// ---------------------------------------------------------------------------------------------- me

export async function updateMyAccount(db: Db, p: Principal | null, input: { displayName?: string | undefined; locale?: Locale | undefined }, actor: Actor): Promise<AccountView> {
  if (!p) throw unauthenticated();
  const changes: { displayName?: string; locale?: Locale } = {};
  if (input.displayName !== undefined) changes.displayName = cleanName(input.displayName, 'body/displayName');
  if (input.locale !== undefined) changes.locale = input.locale;
  if (Object.keys(changes).length > 0) {
    await db.transaction(async (tx) => {
      await tx.update(accounts).set(changes).where(eq(accounts.id, p.accountId));
      await audit(tx, {
        actorAccountId: p.accountId,
        action: 'account.update',
        subjectType: 'account',
        subjectId: p.accountId,
        requestId: actor.requestId ?? null,
        details: { fields: Object.keys(changes) },
      });
    });
  }
  return getAccountView(db, p.accountId);
}

/**
 * Changes the password after checking the current one (throttled like sign-in) — or, without it, when the session
 * confirmed who it is within the last minutes (step-up) — and ends the other sessions. A notice goes by mail.
 */
export async function changePassword(
  db: Db,
  p: Principal | null,
  input: { currentPassword?: string | undefined; newPassword: string },
  actor: Actor,
  notify?: { mailer: Mailer; publicUrl: string },
): Promise<void> {
  if (!p) throw unauthenticated();
  checkPassword(input.newPassword, 'body/newPassword');
  const now = new Date();
  if (input.currentPassword === undefined) {
    await requireStepUp(db, p, now);
  } else {
    try {
      await checkCredentials(db, p.email, input.currentPassword, actor, now);
    } catch (err) {
      // A wrong current password is a form error here, not a failed sign-in of the session.
      if (err instanceof ProblemError && err.slug === 'invalid-credentials') throw invalidField('body/currentPassword', 'identity.password.wrong');
      throw err;
    }
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash: hash, failedSignIns: 0 }).where(eq(accounts.id, p.accountId));
    const revoked = await tx
      .delete(sessions)
      .where(and(eq(sessions.accountId, p.accountId), ne(sessions.idHash, p.sessionIdHash)))
      .returning({ idHash: sessions.idHash });
    await audit(tx, {
      actorAccountId: p.accountId,
      action: 'account.password-change',
      subjectType: 'account',
      subjectId: p.accountId,
      requestId: actor.requestId ?? null,
      details: { revokedSessions: revoked.length, via: input.currentPassword === undefined ? 'step-up' : 'current-password' },
    });
    if (notify) await securityNotice(tx, notify.mailer, notify.publicUrl, { id: p.accountId, email: p.email, displayName: p.displayName, locale: p.locale }, 'password-changed', now);
  });
  notify?.mailer.kick();
}

// ---------------------------------------------------------------------------------------------- invitations

export interface InvitationInput {
  email: string;
  displayName?: string | undefined;
  personId?: string | undefined;
  role?: GrantRole | undefined;
  organisationId?: string | undefined;
  /** Language of the invitation mail (default: the invitee's account language, else the inviter's). */
  locale?: Locale | undefined;
}
export interface InvitationCreated {
  id: string;
  email: string;
  expiresAt: string;
  acceptUrl: string;
}

/**
 * May `p` issue this invitation? A platform admin anything; association staff: staff or co-op admins for an
 * organisation within their scope; a co-op admin: co-op admins of their co-op, and members of it (by person).
 */
async function mayInvite(db: Db, p: Principal, input: InvitationInput): Promise<boolean> {
  const org = input.organisationId ?? null;
  for (const g of p.grants) {
    if (g.role === 'platform_admin') return true;
    if (!g.organisationId) continue;
    if (g.role === 'association_staff') {
      if (input.personId || !input.role || !org) continue;
      if ((input.role === 'association_staff' || input.role === 'coop_admin') && (await isWithinScope(db, g.organisationId, org))) return true;
    } else if (g.role === 'coop_admin') {
      if (input.role && !(input.role === 'coop_admin' && org === g.organisationId)) continue;
      if (input.personId && !(await personHasMembershipIn(db, input.personId, g.organisationId))) continue;
      return true;
    }
  }
  return false;
}

export async function createInvitation(
  db: Db,
  config: Pick<Config, 'publicUrl'>,
  p: Principal | null,
  input: InvitationInput,
  actor: Actor,
  mailer?: Mailer,
): Promise<InvitationCreated> {
  if (!p) throw unauthenticated();
  const fields: FieldError[] = [];
  if (!input.role && !input.personId) fields.push({ field: 'body/role', code: 'identity.invitation.empty' });
  if (input.role === 'platform_admin' && input.organisationId) fields.push({ field: 'body/organisationId', code: 'identity.organisation.not-allowed' });
  if (input.role && input.role !== 'platform_admin' && !input.organisationId) fields.push({ field: 'body/organisationId', code: 'identity.organisation.required' });
  if (!input.role && input.organisationId) fields.push({ field: 'body/role', code: 'field.required' });
  if (fields.length > 0) throw invalid(fields);
  if (!(await mayInvite(db, p, input))) throw forbidden();
  if (input.role) await checkGrantTarget(db, input.role, input.organisationId ?? null, 'body/organisationId');
  const email = normaliseEmail(input.email);
  const existing = await findAccountByEmail(db, email);
  if (input.personId) {
    await checkPersonLinkable(db, input.personId, 'body/personId', existing?.id);
    if (existing?.personId && existing.personId !== input.personId) {
      throw conflict('identity.account.other-person', [{ field: 'body/personId', code: 'identity.account.other-person' }]);
    }
  }
  const displayName = input.displayName !== undefined ? cleanName(input.displayName, 'body/displayName') : null;
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const acceptUrl = `${config.publicUrl.replace(/\/+$/, '')}/invito/${token}`;
  const organisationName = await invitingOrganisation(db, p, input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        tokenHash: sha256(token),
        email,
        displayName,
        personId: input.personId ?? null,
        role: input.role ?? null,
        organisationId: input.organisationId ?? null,
        createdBy: p.accountId,
        expiresAt,
      })
      .returning({ id: invitations.id });
    await audit(tx, {
      actorAccountId: p.accountId,
      action: 'invitation.create',
      subjectType: 'invitation',
      subjectId: row!.id,
      organisationId: input.organisationId ?? null,
      requestId: actor.requestId ?? null,
      details: { role: input.role ?? null, personId: input.personId ?? null },
    });
    if (mailer) {
      const locale = input.locale ?? existing?.locale ?? p.locale;
      await mailer.enqueue(tx, {
        to: email,
        template: 'invitation',
        locale,
        accountId: existing?.id ?? null,
        params: {
          name: displayName ?? existing?.displayName ?? email,
          organisation: organisationName ?? '',
          url: acceptUrl,
          expires: expiresAt.toLocaleDateString(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome' }),
        },
      });
      await tx.update(invitations).set({ mailedAt: new Date() }).where(eq(invitations.id, row!.id));
    }
    return row!.id;
  });
  mailer?.kick();
  return { id, email, expiresAt: expiresAt.toISOString(), acceptUrl };
}

/** The organisation named in an invitation mail: the role's, or a co-op of the invited person the inviter manages. */
async function invitingOrganisation(db: Db, p: Principal, input: InvitationInput): Promise<string | null> {
  if (input.organisationId) {
    const [o] = await rows<{ name: string }>(db, sql`SELECT name FROM organisations WHERE id = ${input.organisationId}`);
    return o?.name ?? null;
  }
  if (!input.personId) return null;
  const managed = p.grants.filter((g) => g.role === 'coop_admin' && g.organisationId).map((g) => g.organisationId as string);
  const admin = isPlatformAdmin(p);
  if (!admin && managed.length === 0) return null;
  const [o] = await rows<{ name: string }>(
    db,
    sql`SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.cooperative_id
         WHERE m.person_id = ${input.personId} AND m.exit_on IS NULL ${admin ? sql`` : sql`AND m.cooperative_id IN ${managed}`}
         ORDER BY m.admitted_on LIMIT 1`,
  );
  return o?.name ?? null;
}

/**
 * Accepts an invitation: creates the account (or, when one exists for the e-mail, checks its password), links the
 * person, adds the grant and opens a session. The invitation is claimed with a conditional update, so two
 * concurrent acceptances cannot both succeed.
 */
export async function acceptInvitation(
  db: Db,
  config: Pick<Config, 'sessionTtlHours'>,
  input: { token: string; password?: string | undefined; displayName?: string | undefined },
  actor: Actor,
  previous: Principal | null = null,
): Promise<SessionResult> {
  const now = new Date();
  const [inv] = await db.select().from(invitations).where(eq(invitations.tokenHash, sha256(input.token))).limit(1);
  if (!inv) throw new ProblemError(404, 'invitation-invalid');
  if (inv.acceptedAt) throw new ProblemError(410, 'invitation-used');
  if (inv.expiresAt <= now) throw new ProblemError(410, 'invitation-expired');

  let account = await findAccountByEmail(db, inv.email);
  let newHash: string | null = null;
  if (account) {
    // Signed in as the invited account already (say, with a passkey): the session proves who this is.
    if (!(previous && previous.accountId === account.id)) {
      if (input.password === undefined) throw invalidField('body/password', 'field.required');
      account = await checkCredentials(db, inv.email, input.password, actor, now);
    }
    if (inv.personId && account.personId && account.personId !== inv.personId) throw conflict('identity.account.other-person');
  } else {
    if (input.password === undefined) throw invalidField('body/password', 'field.required');
    checkPassword(input.password, 'body/password');
    const name = input.displayName ?? inv.displayName;
    if (name === null || name === undefined) throw invalidField('body/displayName', 'field.required');
    cleanName(name, 'body/displayName');
    newHash = await hashPassword(input.password);
  }
  const existing = account;
  const session = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new ProblemError(410, 'invitation-used');
    const actorFor = (id: string): Actor => ({ ...actor, accountId: id });
    let accountId: string;
    if (existing) {
      accountId = existing.id;
      if (inv.personId && !existing.personId) {
        await checkPersonLinkable(tx, inv.personId, 'body/token', accountId);
        await tx
          .update(accounts)
          .set({ personId: inv.personId })
          .where(eq(accounts.id, accountId))
          .catch((err: unknown) => {
            throw uniqueViolation(err) !== null ? conflict('identity.person.already-linked') : err;
          });
        await audit(tx, { actorAccountId: accountId, action: 'account.link-person', subjectType: 'account', subjectId: accountId, requestId: actor.requestId ?? null, details: { personId: inv.personId } });
      }
      // An invitation that went out by mail and came back proves the address (a link handed over otherwise does not).
      await tx
        .update(accounts)
        .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now, ...(inv.mailedAt ? { emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, now())` } : {}) })
        .where(eq(accounts.id, accountId));
      if (inv.role) await insertGrant(tx, accountId, inv.role, inv.organisationId, actorFor(accountId));
    } else {
      // The inviter vouched for the person and role; the grant's actor is the new account accepting it.
      accountId = await insertAccount(
        tx,
        {
          email: inv.email,
          displayName: (input.displayName ?? inv.displayName)!,
          personId: inv.personId,
          grants: inv.role ? [{ role: inv.role, organisationId: inv.organisationId }] : [],
        },
        newHash,
        { ...actor, accountId: inv.createdBy },
      );
      await tx.update(accounts).set({ lastSignInAt: now, ...(inv.mailedAt ? { emailVerifiedAt: now } : {}) }).where(eq(accounts.id, accountId));
    }
    await tx.update(invitations).set({ accountId }).where(eq(invitations.id, inv.id));
    if (previous) await tx.delete(sessions).where(eq(sessions.idHash, previous.sessionIdHash));
    const s = await insertSession(tx, accountId, config.sessionTtlHours, actor, now, 'invitation');
    await audit(tx, {
      actorAccountId: accountId,
      action: 'invitation.accept',
      subjectType: 'invitation',
      subjectId: inv.id,
      organisationId: inv.organisationId,
      requestId: actor.requestId ?? null,
      details: { accountId, newAccount: !existing },
    });
    await audit(tx, { actorAccountId: accountId, action: 'auth.sign-in', subjectType: 'account', subjectId: accountId, requestId: actor.requestId ?? null, details: { via: 'invitation' } });
    return { ...s, accountId };
  });
  return { token: session.token, csrfToken: session.csrfToken, account: await getAccountView(db, session.accountId) };
}
