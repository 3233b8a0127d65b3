// Proxies (deleghe, art. 2539 c.c.): a member is represented only by another member of the same co-op, never by a
// director, auditor or employee (art. 2372 c. 5 c.c.), and one member holds at most the statute's number of proxies
// (at most 10). A proxy can be revoked until the assembly closes; votes its holder already cast stay cast.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, forbidden, invalid, notFound } from '../../../core/errors.ts';
import { RULE_MAX_PROXIES, RULE_PROXY_EXCLUDED_ROLES, type StatuteParams } from '../domain/statute.ts';
import { romeDate } from '../domain/calendar.ts';
import { loadAssembly } from './access.ts';
import { inTx, iso, mapDbError, one, rows, type Actor } from './common.ts';

export interface ProxyView {
  id: string;
  grantorPersonId: string;
  grantorName: string;
  grantorWeight: number;
  holderPersonId: string;
  holderName: string;
  grantedAt: string;
  revokedAt: string | null;
}

const proxyColumns = sql`x.id, x.grantor_person_id AS "grantorPersonId", coalesce(g.family_name || ' ' || g.given_name, g.legal_name) AS "grantorName",
  coalesce(r.weight, 0) AS "grantorWeight", x.holder_person_id AS "holderPersonId", coalesce(h.family_name || ' ' || h.given_name, h.legal_name) AS "holderName",
  ${iso('x.granted_at')} AS "grantedAt", ${iso('x.revoked_at')} AS "revokedAt"`;
const proxyFrom = sql`assembly_proxies x JOIN people g ON g.id = x.grantor_person_id JOIN people h ON h.id = x.holder_person_id
  LEFT JOIN assembly_roll r ON r.assembly_id = x.assembly_id AND r.person_id = x.grantor_person_id`;

const refuse = (code: string, params: Record<string, string | number> = {}, status = 409) =>
  new ProblemError(status, status === 403 ? 'forbidden' : 'conflict', { detailKey: code, detailParams: params, fields: [{ field: 'body/holderPersonId', code, params }] });

export async function grantProxy(db: Db, actor: Actor, assemblyId: string, input: { holderPersonId: string; grantorPersonId?: string }): Promise<ProxyView> {
  const p = actor.principal;
  const a = await loadAssembly(db, p, assemblyId);
  const grantor = input.grantorPersonId ?? p.personId;
  if (!grantor) throw invalid([{ field: 'body/grantorPersonId', code: 'field.required' }]);
  // A member gives their own proxy; the chair's staff may record a proxy given on paper.
  if (grantor !== p.personId && !a.access.manage) throw forbidden();
  if (!['convened', 'in_session'].includes(a.status)) throw conflict('governance.proxy.closed');
  const info = await one<{ statute: StatuteParams; firstCallAt: Date }>(db, sql`SELECT statute, first_call_at AS "firstCallAt" FROM assemblies WHERE id = ${assemblyId}`);
  const statute = info?.statute as StatuteParams;
  if (!statute.proxiesAllowed || a.sectional) throw refuse('governance.proxy.not-allowed');
  if (grantor === input.holderPersonId) throw refuse('governance.proxy.self');
  const date = romeDate(new Date(info?.firstCallAt ?? Date.now()));

  const id = await inTx(db, async (tx) => {
    // Lock both roll entries (in a fixed order, so two crossing proxies cannot deadlock) before counting.
    const locked = await rows<{ personId: string; eligible: boolean }>(tx, sql`
      SELECT person_id AS "personId", eligible FROM assembly_roll WHERE assembly_id = ${assemblyId}
         AND person_id IN (${grantor}, ${input.holderPersonId}) ORDER BY person_id FOR UPDATE`);
    const g = locked.find((r) => r.personId === grantor);
    const h = locked.find((r) => r.personId === input.holderPersonId);
    if (!g) throw refuse('governance.proxy.grantor-not-on-roll', {}, 403);
    if (!g.eligible) throw refuse('governance.proxy.grantor-not-eligible');
    if (!h) throw refuse('governance.proxy.holder-not-member', { source: RULE_MAX_PROXIES.source });
    if (!h.eligible) throw refuse('governance.proxy.holder-not-eligible');
    const officer = await one<{ role: string }>(tx, sql`
      SELECT role FROM governance_officers WHERE cooperative_id = ${a.cooperativeId} AND person_id = ${input.holderPersonId}
         AND since <= ${date}::date AND (until IS NULL OR until >= ${date}::date) LIMIT 1`);
    if (officer) throw refuse('governance.proxy.holder-officer', { role: officer.role, source: RULE_PROXY_EXCLUDED_ROLES.source });
    const state = await one<{ given: boolean; holderGave: boolean; grantorHolds: boolean; held: number }>(tx, sql`
      SELECT EXISTS (SELECT 1 FROM assembly_proxies WHERE assembly_id = ${assemblyId} AND grantor_person_id = ${grantor} AND revoked_at IS NULL) AS given,
             EXISTS (SELECT 1 FROM assembly_proxies WHERE assembly_id = ${assemblyId} AND grantor_person_id = ${input.holderPersonId} AND revoked_at IS NULL) AS "holderGave",
             EXISTS (SELECT 1 FROM assembly_proxies WHERE assembly_id = ${assemblyId} AND holder_person_id = ${grantor} AND revoked_at IS NULL) AS "grantorHolds",
             (SELECT count(*)::int FROM assembly_proxies WHERE assembly_id = ${assemblyId} AND holder_person_id = ${input.holderPersonId} AND revoked_at IS NULL) AS held`);
    if (state?.given) throw refuse('governance.proxy.already-given');
    if (state?.holderGave) throw refuse('governance.proxy.holder-delegated');
    if (state?.grantorHolds) throw refuse('governance.proxy.grantor-holds');
    if ((state?.held ?? 0) >= statute.maxProxiesPerHolder) throw refuse('governance.proxy.limit', { max: statute.maxProxiesPerHolder, source: RULE_MAX_PROXIES.source });
    const r = await one<{ id: string }>(tx, sql`
      INSERT INTO assembly_proxies (assembly_id, grantor_person_id, holder_person_id, granted_by_account_id)
      VALUES (${assemblyId}, ${grantor}, ${input.holderPersonId}, ${p.accountId}) RETURNING id`);
    await audit(tx, { actorAccountId: p.accountId, action: 'governance.proxy.grant', subjectType: 'assembly_proxy', subjectId: r?.id ?? null, organisationId: a.cooperativeId, requestId: actor.requestId });
    return r?.id as string;
  }).catch(mapDbError);
  return (await one<ProxyView>(db, sql`SELECT ${proxyColumns} FROM ${proxyFrom} WHERE x.id = ${id}`)) as ProxyView;
}

export async function revokeProxy(db: Db, actor: Actor, proxyId: string): Promise<ProxyView> {
  const x = await one<{ assemblyId: string; grantor: string; revokedAt: Date | null }>(db, sql`
    SELECT assembly_id AS "assemblyId", grantor_person_id AS grantor, revoked_at AS "revokedAt" FROM assembly_proxies WHERE id = ${proxyId}`);
  if (!x) throw notFound('governance.proxy.not-found');
  const a = await loadAssembly(db, actor.principal, x.assemblyId);
  if (x.grantor !== actor.principal.personId && !a.access.manage) throw forbidden();
  if (x.revokedAt) throw conflict('governance.proxy.revoked');
  if (!['convened', 'in_session'].includes(a.status)) throw conflict('governance.proxy.closed');
  await inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE assembly_proxies SET revoked_at = now() WHERE id = ${proxyId} AND revoked_at IS NULL`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.proxy.revoke', subjectType: 'assembly_proxy', subjectId: proxyId, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
  return (await one<ProxyView>(db, sql`SELECT ${proxyColumns} FROM ${proxyFrom} WHERE x.id = ${proxyId}`)) as ProxyView;
}

/** All proxies (chair, staff), or those the member gave and holds. */
export async function listProxies(db: Db, p: Principal, assemblyId: string, includeRevoked: boolean) {
  const a = await loadAssembly(db, p, assemblyId);
  const revoked = includeRevoked ? sql`` : sql`AND x.revoked_at IS NULL`;
  if (a.access.read) {
    return { items: await rows<ProxyView>(db, sql`SELECT ${proxyColumns} FROM ${proxyFrom} WHERE x.assembly_id = ${assemblyId} ${revoked} ORDER BY "holderName", "grantorName" LIMIT 5000`) };
  }
  return {
    items: await rows<ProxyView>(db, sql`SELECT ${proxyColumns} FROM ${proxyFrom} WHERE x.assembly_id = ${assemblyId} ${revoked}
      AND (x.grantor_person_id = ${p.personId} OR x.holder_person_id = ${p.personId}) ORDER BY x.granted_at`),
  };
}
