// Passkeys (WebAuthn, discoverable credentials with user verification): register, list, rename, remove; sign in
// without typing anything; and confirm a sensitive action (step-up). Failures count against the client address like
// failed passwords; every change is audited and the member is told by mail.
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, invalidField, notFound, unauthenticated } from '../../../core/errors.ts';
import { accounts, sessions, signInAttempts } from '../schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { securityNotice } from '../security/notify.ts';
import { markAuthenticated, requireStepUp } from '../security/step-up.ts';
import {
  MAX_IP_FAILURES,
  SIGN_IN_WINDOW_MS,
  attemptsSince,
  getAccountView,
  insertSession,
  ipKey,
  pruneSometimes,
  tooMany,
  type Actor,
  type SessionResult,
} from '../service.ts';
import { passkeys } from './schema.ts';
import { passkeyDefaultName, relyingParty, storeChallenge, takeChallenge, userHandle } from './ceremony.ts';

export interface PasskeyDeps {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'sessionTtlHours'>;
  mailer: Mailer;
}

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: string | null;
}

type PasskeyRow = typeof passkeys.$inferSelect;
const view = (r: PasskeyRow): PasskeyView => ({
  id: r.id,
  name: r.name,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt ? r.lastUsedAt.toISOString() : null,
  backedUp: r.backedUp,
  deviceType: r.deviceType,
});

function cleanPasskeyName(name: string): string {
  const n = name.trim();
  if (!n || n.length > 100 || /[\u0000-\u001f\u007f]/.test(n)) throw invalidField('body/name', 'identity.passkey.name');
  return n;
}

const passkeyFailed = (): ProblemError => new ProblemError(401, 'passkey-invalid');

/** Refuses early when this address already failed too often (same budget as passwords). */
async function throttleIp(db: Db, ip: string | null | undefined, now: Date): Promise<void> {
  if (!ip) return;
  const r = await attemptsSince(db, ipKey(ip), new Date(now.getTime() - SIGN_IN_WINDOW_MS));
  if (r.n >= MAX_IP_FAILURES) throw tooMany('rate-limited', (r.first?.getTime() ?? now.getTime()) + SIGN_IN_WINDOW_MS - now.getTime());
}

async function recordPasskeyFailure(db: Db, accountId: string | null, actor: Actor, reason: string, action: 'auth.sign-in-failed' | 'auth.step-up-failed', now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    if (actor.ip) await tx.insert(signInAttempts).values({ key: ipKey(actor.ip), at: now });
    await audit(tx, { actorAccountId: null, action, subjectType: 'account', subjectId: accountId, requestId: actor.requestId ?? null, details: { via: 'passkey', reason } });
  });
}

export async function listPasskeys(db: Db, p: Principal | null): Promise<PasskeyView[]> {
  if (!p) throw unauthenticated();
  const list = await db.select().from(passkeys).where(eq(passkeys.accountId, p.accountId)).orderBy(asc(passkeys.createdAt));
  return list.map(view);
}

// ------------------------------------------------------------------------------------------------- registration

export async function registrationOptions(deps: PasskeyDeps, p: Principal | null): Promise<{ flowId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  if (!p) throw unauthenticated();
  await requireStepUp(deps.db, p);
  const rp = relyingParty(deps.config);
  const existing = await deps.db.select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.accountId, p.accountId));
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: p.email,
    userDisplayName: p.displayName,
    userID: new Uint8Array(Buffer.from(p.accountId.replace(/-/g, ''), 'hex')),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    // Discoverable, so that signing in needs no e-mail; user verification, so that the passkey alone is two factors.
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  const flowId = await storeChallenge(deps.db, options.challenge, 'register', { accountId: p.accountId, sessionIdHash: p.sessionIdHash });
  return { flowId, options };
}

export async function registerPasskey(
  deps: PasskeyDeps,
  p: Principal | null,
  input: { flowId: string; response: RegistrationResponseJSON; name?: string | undefined },
  actor: Actor,
): Promise<PasskeyView> {
  if (!p) throw unauthenticated();
  const now = new Date();
  const name = input.name !== undefined ? cleanPasskeyName(input.name) : passkeyDefaultName(now, p.locale);
  const challenge = await takeChallenge(deps.db, input.flowId, 'register', { accountId: p.accountId, sessionIdHash: p.sessionIdHash }, now);
  const rp = relyingParty(deps.config);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch {
    verified = null;
  }
  if (!verified?.verified) throw new ProblemError(400, 'passkey-invalid', { fields: [{ field: 'body/response', code: 'identity.passkey.not-verified' }] });
  const info = verified.registrationInfo;
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(passkeys)
      .values({
        accountId: p.accountId,
        credentialId: info.credential.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        name,
        aaguid: info.aaguid,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted[0]) throw conflict('identity.passkey.exists');
    await audit(tx, { actorAccountId: p.accountId, action: 'passkey.add', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null, details: { passkeyId: inserted[0].id, name } });
    await securityNotice(tx, deps.mailer, deps.config.publicUrl, { id: p.accountId, email: p.email, displayName: p.displayName, locale: p.locale }, 'passkey-added', now);
    return inserted[0];
  });
  deps.mailer.kick();
  return view(row);
}

export async function renamePasskey(db: Db, p: Principal | null, id: string, name: string, actor: Actor): Promise<PasskeyView> {
  if (!p) throw unauthenticated();
  const clean = cleanPasskeyName(name);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(passkeys).set({ name: clean }).where(and(eq(passkeys.id, id), eq(passkeys.accountId, p.accountId))).returning();
    if (!row) throw notFound('identity.passkey.not-found');
    await audit(tx, { actorAccountId: p.accountId, action: 'passkey.rename', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null, details: { passkeyId: id, name: clean } });
    return view(row);
  });
}

/** Removes a passkey after a step-up; the last one cannot go while the account has no password to fall back on. */
export async function removePasskey(deps: PasskeyDeps, p: Principal | null, id: string, actor: Actor): Promise<void> {
  if (!p) throw unauthenticated();
  const now = new Date();
  await requireStepUp(deps.db, p, now);
  await deps.db.transaction(async (tx) => {
    const [acc] = await tx.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, p.accountId)).for('update');
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(passkeys).where(eq(passkeys.accountId, p.accountId));
    const gone = await tx.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.accountId, p.accountId))).returning({ name: passkeys.name });
    if (!gone[0]) throw notFound('identity.passkey.not-found');
    if (!acc?.passwordHash && (count?.n ?? 0) <= 1) throw conflict('identity.passkey.last');
    await audit(tx, { actorAccountId: p.accountId, action: 'passkey.remove', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null, details: { passkeyId: id, name: gone[0].name } });
    await securityNotice(tx, deps.mailer, deps.config.publicUrl, { id: p.accountId, email: p.email, displayName: p.displayName, locale: p.locale }, 'passkey-removed', now);
  });
  deps.mailer.kick();
}

// ------------------------------------------------------------------------------------------------- sign-in, step-up

export async function signInOptions(deps: PasskeyDeps, actor: Actor): Promise<{ flowId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const now = new Date();
  await throttleIp(deps.db, actor.ip, now);
  // No allowCredentials: the authenticator offers the passkeys it holds for this site (discoverable credentials).
  const options = await generateAuthenticationOptions({ rpID: relyingParty(deps.config).id, userVerification: 'required' });
  const flowId = await storeChallenge(deps.db, options.challenge, 'sign-in', {}, now);
  return { flowId, options };
}

export async function stepUpOptions(deps: PasskeyDeps, p: Principal | null): Promise<{ flowId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  if (!p) throw unauthenticated();
  const mine = await deps.db.select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.accountId, p.accountId));
  if (mine.length === 0) throw conflict('identity.passkey.none');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps.config).id,
    userVerification: 'required',
    allowCredentials: mine.map((c) => ({ id: c.id, transports: c.transports })),
  });
  const flowId = await storeChallenge(deps.db, options.challenge, 'step-up', { accountId: p.accountId, sessionIdHash: p.sessionIdHash });
  return { flowId, options };
}

/** Checks an assertion against the stored passkey and moves its counter; returns the passkey's account or null. */
async function verifyAssertion(deps: PasskeyDeps, challenge: string, response: AuthenticationResponseJSON, accountId: string | null): Promise<{ accountId: string; passkeyId: string } | { failure: string; accountId: string | null }> {
  const [row] = await deps.db.select().from(passkeys).where(eq(passkeys.credentialId, response.id)).limit(1);
  if (!row) return { failure: 'unknown-passkey', accountId };
  if (accountId && row.accountId !== accountId) return { failure: 'other-account', accountId };
  // The user handle the authenticator returns must name the account the passkey was registered for.
  if (response.response.userHandle && response.response.userHandle !== userHandle(row.accountId)) return { failure: 'user-handle', accountId: row.accountId };
  const rp = relyingParty(deps.config);
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: row.credentialId, publicKey: new Uint8Array(row.publicKey), counter: row.counter, transports: row.transports },
      requireUserVerification: true,
    });
  } catch {
    return { failure: 'not-verified', accountId: row.accountId };
  }
  if (!result.verified) return { failure: 'not-verified', accountId: row.accountId };
  await deps.db
    .update(passkeys)
    .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: new Date(), backedUp: result.authenticationInfo.credentialBackedUp })
    .where(eq(passkeys.id, row.id));
  return { accountId: row.accountId, passkeyId: row.id };
}

export async function signInWithPasskey(
  deps: PasskeyDeps,
  input: { flowId: string; response: AuthenticationResponseJSON },
  actor: Actor,
  previous: Principal | null,
): Promise<SessionResult> {
  const now = new Date();
  await throttleIp(deps.db, actor.ip, now);
  const challenge = await takeChallenge(deps.db, input.flowId, 'sign-in', {}, now);
  const r = await verifyAssertion(deps, challenge, input.response, null);
  if ('failure' in r) {
    await recordPasskeyFailure(deps.db, r.accountId, actor, r.failure, 'auth.sign-in-failed', now);
    throw passkeyFailed();
  }
  const [acc] = await deps.db.select({ disabledAt: accounts.disabledAt }).from(accounts).where(eq(accounts.id, r.accountId));
  if (!acc || acc.disabledAt) {
    await recordPasskeyFailure(deps.db, r.accountId, actor, 'disabled', 'auth.sign-in-failed', now);
    throw passkeyFailed();
  }
  const session = await deps.db.transaction(async (tx) => {
    // A passkey is phishing-resistant and verified the user: it also clears a lock left by guessed passwords.
    await tx.update(accounts).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now }).where(eq(accounts.id, r.accountId));
    if (previous) await tx.delete(sessions).where(eq(sessions.idHash, previous.sessionIdHash));
    const s = await insertSession(tx, r.accountId, deps.config.sessionTtlHours, actor, now, 'passkey');
    await audit(tx, { actorAccountId: r.accountId, action: 'auth.sign-in', subjectType: 'account', subjectId: r.accountId, requestId: actor.requestId ?? null, details: { via: 'passkey', passkeyId: r.passkeyId } });
    return s;
  });
  await pruneSometimes(deps.db, now);
  return { ...session, account: await getAccountView(deps.db, r.accountId) };
}

export async function stepUpWithPasskey(deps: PasskeyDeps, p: Principal | null, input: { flowId: string; response: AuthenticationResponseJSON }, actor: Actor): Promise<void> {
  if (!p) throw unauthenticated();
  const now = new Date();
  await throttleIp(deps.db, actor.ip, now);
  const challenge = await takeChallenge(deps.db, input.flowId, 'step-up', { accountId: p.accountId, sessionIdHash: p.sessionIdHash }, now);
  const r = await verifyAssertion(deps, challenge, input.response, p.accountId);
  if ('failure' in r) {
    await recordPasskeyFailure(deps.db, p.accountId, actor, r.failure, 'auth.step-up-failed', now);
    throw passkeyFailed();
  }
  await deps.db.transaction(async (tx) => {
    await markAuthenticated(tx, p.sessionIdHash, now);
    await audit(tx, { actorAccountId: p.accountId, action: 'auth.step-up', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId ?? null, details: { via: 'passkey', passkeyId: r.passkeyId } });
  });
}
