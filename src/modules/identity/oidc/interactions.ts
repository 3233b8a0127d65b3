// Sign-in and consent for relying parties, done by Cooperando's own pages. The provider sends the browser to
// /oidc/interaction/:uid (its interaction cookie is scoped to that path), which forwards to the web page
// /autorizza/:uid; the page talks to the JSON endpoints below, under the same path so the cookie comes along.
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, forbidden, unauthenticated } from '../../../core/errors.ts';
import { sessions } from '../schema.ts';
import { membershipClaims, type MembershipClaim } from './claims.ts';
import { amrOf, type OidcService } from './provider.ts';

/** Scopes a member may decline while still signing in (openid is the sign-in itself). */
export const OPTIONAL_SCOPES = new Set(['profile', 'email', 'memberships', 'offline_access']);

export interface InteractionView {
  uid: string;
  prompt: 'login' | 'consent';
  client: { clientId: string; name: string; redirectHost: string };
  /** Scopes the application asks for that the member has not granted it yet. */
  scopes: string[];
  /** What the `memberships` scope would release, so the member sees it before agreeing. */
  memberships: MembershipClaim[] | null;
  /** The platform session, if any, and whether it is the account the provider's session belongs to. */
  signedIn: boolean;
  sameAccount: boolean;
}

const gone = (): ProblemError => new ProblemError(410, 'interaction-expired');

type Details = Awaited<ReturnType<Awaited<ReturnType<OidcService['provider']>>['interactionDetails']>>;

async function details(oidc: OidcService, req: FastifyRequest, reply: FastifyReply, uid: string): Promise<Details> {
  const provider = await oidc.provider();
  let d: Details;
  try {
    d = await provider.interactionDetails(req.raw, reply.raw);
  } catch {
    throw gone();
  }
  if (d.uid !== uid) throw gone();
  return d;
}

export async function interactionView(db: Db, oidc: OidcService, req: FastifyRequest, reply: FastifyReply, uid: string): Promise<InteractionView> {
  const d = await details(oidc, req, reply, uid);
  const provider = await oidc.provider();
  const clientId = String(d.params.client_id);
  const client = await provider.Client.find(clientId);
  if (!client) throw gone();
  const p = req.principal;
  const prompt = d.prompt.name === 'consent' ? 'consent' : 'login';
  const requested = String(d.params.scope ?? '').split(' ').filter(Boolean);
  const missing = prompt === 'consent' ? ((d.prompt.details.missingOIDCScope as string[] | undefined) ?? requested) : requested;
  const scopes = missing.filter((s) => s !== 'openid');
  let memberships: MembershipClaim[] | null = null;
  if (p && scopes.includes('memberships')) memberships = await membershipClaims(db, p.personId);
  return {
    uid,
    prompt,
    client: { clientId, name: client.clientName ?? clientId, redirectHost: new URL(String(d.params.redirect_uri)).host },
    scopes,
    memberships,
    signedIn: Boolean(p),
    sameAccount: Boolean(p && (!d.session?.accountId || d.session.accountId === p.accountId)),
  };
}

/** Completes the login prompt with the platform session: the provider learns who signed in, when and how. */
export async function completeLogin(db: Db, oidc: OidcService, req: FastifyRequest, reply: FastifyReply, uid: string): Promise<string> {
  const p = req.principal;
  if (!p) throw unauthenticated();
  const d = await details(oidc, req, reply, uid);
  if (d.prompt.name !== 'login') throw new ProblemError(409, 'conflict', { detailKey: 'identity.oidc.wrong-step' });
  const [s] = await db.select({ at: sessions.authenticatedAt, method: sessions.authMethod }).from(sessions).where(eq(sessions.idHash, p.sessionIdHash));
  const result: InteractionResults = {
    login: { accountId: p.accountId, amr: amrOf(s?.method ?? null), ts: Math.floor((s?.at ?? new Date()).getTime() / 1000), remember: true },
  };
  const provider = await oidc.provider();
  return provider.interactionResult(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
}

/** Records the member's decision: the scopes they agree to are granted, the optional ones they decline rejected. */
export async function completeConsent(
  db: Db,
  oidc: OidcService,
  req: FastifyRequest,
  reply: FastifyReply,
  uid: string,
  approved: string[],
  requestId: string,
): Promise<string> {
  const p: Principal | null = req.principal;
  if (!p) throw unauthenticated();
  const d = await details(oidc, req, reply, uid);
  if (d.prompt.name !== 'consent') throw new ProblemError(409, 'conflict', { detailKey: 'identity.oidc.wrong-step' });
  if (d.session?.accountId !== p.accountId) throw forbidden();
  const provider = await oidc.provider();
  const clientId = String(d.params.client_id);
  const grant = d.grantId ? await provider.Grant.find(d.grantId) : new provider.Grant({ accountId: p.accountId, clientId });
  if (!grant) throw gone();
  const missing = (d.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
  const yes = missing.filter((s) => s === 'openid' || (OPTIONAL_SCOPES.has(s) && approved.includes(s)));
  const no = missing.filter((s) => !yes.includes(s));
  if (yes.length > 0) grant.addOIDCScope(yes.join(' '));
  if (no.length > 0) grant.rejectOIDCScope(no.join(' '));
  const claims = d.prompt.details.missingOIDCClaims as string[] | undefined;
  if (claims?.length) grant.addOIDCClaims(claims);
  const grantId = await grant.save();
  const client = await provider.Client.find(clientId);
  await audit(db, {
    actorAccountId: p.accountId,
    action: 'oidc.consent',
    subjectType: 'account',
    subjectId: p.accountId,
    requestId,
    details: { clientId, clientName: client?.clientName ?? null, scopes: yes, declined: no },
  });
  return provider.interactionResult(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

export async function abortInteraction(oidc: OidcService, req: FastifyRequest, reply: FastifyReply, uid: string): Promise<string> {
  await details(oidc, req, reply, uid);
  const provider = await oidc.provider();
  return provider.interactionResult(req.raw, reply.raw, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
}

/** The applications the member has let in (grants), for the security page. */
export async function myApplications(db: Db, p: Principal | null): Promise<{ grantId: string; clientId: string; name: string; scopes: string[] }[]> {
  if (!p) throw unauthenticated();
  const list = await queryRows<{ id: string; client_id: string; name: string | null; scope: string | null }>(
    db,
    sql`SELECT g.id, g.payload->>'clientId' AS client_id, c.name, g.payload #>> '{openid,scope}' AS scope
          FROM oidc_models g LEFT JOIN oidc_clients c ON c.client_id = g.payload->>'clientId'
         WHERE g.model = 'Grant' AND g.payload->>'accountId' = ${p.accountId} AND (g.expires_at IS NULL OR g.expires_at > now())
         ORDER BY c.name`,
  );
  return list.map((g) => ({ grantId: g.id, clientId: g.client_id, name: g.name ?? g.client_id, scopes: (g.scope ?? '').split(' ').filter(Boolean) }));
}

/** Withdraws an application's access: the grant and every token issued under it. */
export async function revokeApplication(db: Db, oidc: OidcService, p: Principal | null, grantId: string, requestId: string): Promise<void> {
  if (!p) throw unauthenticated();
  const [g] = await queryRows<{ client_id: string }>(db, sql`SELECT payload->>'clientId' AS client_id FROM oidc_models WHERE model = 'Grant' AND id = ${grantId} AND payload->>'accountId' = ${p.accountId}`);
  if (!g) throw new ProblemError(404, 'not-found');
  const provider = await oidc.provider();
  const grant = await provider.Grant.find(grantId);
  await grant?.destroy();
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM oidc_models WHERE grant_id = ${grantId}`);
    await tx.execute(sql`DELETE FROM oidc_models WHERE model = 'Grant' AND id = ${grantId}`);
    await audit(tx, { actorAccountId: p.accountId, action: 'oidc.grant-revoke', subjectType: 'account', subjectId: p.accountId, requestId, details: { clientId: g.client_id } });
  });
}
