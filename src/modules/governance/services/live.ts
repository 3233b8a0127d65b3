// What the member and the chair see of an assembly as it runs: their own part in it (roll entry, notice, proxies,
// presence, what they may vote on and for whom) and the live state (presence, quorum, ballots, results), which the
// web app polls or receives as server-sent events.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import { checkConstitutive, explainConstitutive } from '../domain/quorum.ts';
import type { StatuteParams } from '../domain/statute.ts';
import type { TallyResult } from '../domain/tally/index.ts';
import { loadAssembly } from './access.ts';
import { iso, one, rows } from './common.ts';
import { presence } from './presence.ts';
import { rollEntryOf } from './roll.ts';

export async function myParticipation(db: Db, p: Principal, assemblyId: string, locale: Locale) {
  await loadAssembly(db, p, assemblyId);
  if (!p.personId) return { personId: null, roll: null, notice: null, attendance: null, proxyGiven: null, proxiesHeld: [], ballots: [] };
  const me = p.personId;
  const roll = await rollEntryOf(db, assemblyId, me, locale);
  const notice = await one<{ createdAt: string; openedAt: string | null; acknowledgedAt: string | null }>(db, sql`
    SELECT ${iso('created_at')} AS "createdAt", ${iso('opened_at')} AS "openedAt", ${iso('acknowledged_at')} AS "acknowledgedAt"
      FROM governance_notices WHERE assembly_id = ${assemblyId} AND person_id = ${me}`);
  const attendance = await one<{ present: boolean; channel: string; since: string }>(db, sql`
    SELECT present, channel, ${iso('since')} AS since FROM assembly_attendance WHERE assembly_id = ${assemblyId} AND person_id = ${me}`);
  const proxyGiven = await one<{ id: string; holderPersonId: string; holderName: string; grantedAt: string }>(db, sql`
    SELECT x.id, x.holder_person_id AS "holderPersonId", coalesce(h.family_name || ' ' || h.given_name, h.legal_name) AS "holderName", ${iso('x.granted_at')} AS "grantedAt"
      FROM assembly_proxies x JOIN people h ON h.id = x.holder_person_id WHERE x.assembly_id = ${assemblyId} AND x.grantor_person_id = ${me} AND x.revoked_at IS NULL`);
  const proxiesHeld = await rows<{ id: string; grantorPersonId: string; grantorName: string; weight: number; eligible: boolean; grantorPresent: boolean }>(db, sql`
    SELECT x.id, x.grantor_person_id AS "grantorPersonId", coalesce(g.family_name || ' ' || g.given_name, g.legal_name) AS "grantorName",
           coalesce(r.weight, 0) AS weight, coalesce(r.eligible, false) AS eligible,
           EXISTS (SELECT 1 FROM assembly_attendance t WHERE t.assembly_id = x.assembly_id AND t.person_id = x.grantor_person_id AND t.present) AS "grantorPresent"
      FROM assembly_proxies x JOIN people g ON g.id = x.grantor_person_id LEFT JOIN assembly_roll r ON r.assembly_id = x.assembly_id AND r.person_id = x.grantor_person_id
     WHERE x.assembly_id = ${assemblyId} AND x.holder_person_id = ${me} AND x.revoked_at IS NULL ORDER BY "grantorName"`);
  // For each ballot: the voters this member may cast for (themselves, then each member they represent) and whether
  // each has voted already.
  const voters = [...(roll?.eligible ? [{ personId: me, name: roll.name, weight: roll.weight, viaProxy: false }] : []),
    ...proxiesHeld.filter((x) => x.eligible && !x.grantorPresent).map((x) => ({ personId: x.grantorPersonId, name: x.grantorName, weight: x.weight, viaProxy: true }))];
  const ballots = await rows<{ id: string; itemId: string; status: string; voted: string[] }>(db, sql`
    SELECT b.id, b.item_id AS "itemId", b.status,
           coalesce((SELECT array_agg(c.voter_person_id) FROM ballot_casts c WHERE c.ballot_id = b.id
                       AND c.voter_person_id = ANY (${`{${voters.map((v) => v.personId).join(',')}}`}::uuid[])), '{}') AS voted
      FROM assembly_ballots b JOIN assembly_items i ON i.id = b.item_id WHERE b.assembly_id = ${assemblyId} ORDER BY i.position`);
  return {
    personId: me,
    roll,
    notice: notice ?? null,
    attendance: attendance ?? null,
    proxyGiven: proxyGiven ?? null,
    proxiesHeld,
    ballots: ballots.map((b) => ({ ballotId: b.id, itemId: b.itemId, status: b.status, voters: voters.map((v) => ({ ...v, voted: b.voted.includes(v.personId) })) })),
  };
}

export async function liveSnapshot(db: Db, p: Principal, assemblyId: string, locale: Locale) {
  const a = await loadAssembly(db, p, assemblyId);
  const info = await one<{ title: string; statute: StatuteParams | null; openedAt: string | null; closedAt: string | null }>(db, sql`
    SELECT title, statute, ${iso('opened_at')} AS "openedAt", ${iso('closed_at')} AS "closedAt" FROM assemblies WHERE id = ${assemblyId}`);
  const pr = await presence(db, assemblyId);
  const call = a.call ?? 'first';
  let quorum = null;
  if (info?.statute) {
    const check = checkConstitutive(info.statute.quorums[a.kind][call], pr.total, pr.entitled.total);
    const e = explainConstitutive(check);
    quorum = { call, met: check.met, required: check.required, explanation: t(locale, e.key, e.params) };
  }
  const ballots = await rows<{ id: string; itemId: string; position: number; title: string; method: string; secret: boolean; status: string; votesCast: number; result: TallyResult | null }>(db, sql`
    SELECT b.id, b.item_id AS "itemId", i.position, i.title, b.method, b.secret, b.status,
           (SELECT count(*)::int FROM ballot_casts c WHERE c.ballot_id = b.id) AS "votesCast", b.result
      FROM assembly_ballots b JOIN assembly_items i ON i.id = b.item_id WHERE b.assembly_id = ${assemblyId} ORDER BY i.position`);
  const snapshot = {
    assemblyId,
    title: info?.title ?? '',
    status: a.status,
    call: a.call,
    openedAt: info?.openedAt ?? null,
    closedAt: info?.closedAt ?? null,
    presence: pr,
    quorum,
    ballots: ballots.map((b) => ({
      id: b.id,
      itemId: b.itemId,
      position: b.position,
      title: b.title,
      method: b.method,
      secret: b.secret,
      status: b.status,
      votesCast: b.votesCast,
      outcome: b.result?.outcome ?? null,
      summary: b.result ? b.result.explanation.map((e) => t(locale, e.key, e.params)) : [],
    })),
  };
  const version = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex').slice(0, 16);
  return { ...snapshot, version };
}
