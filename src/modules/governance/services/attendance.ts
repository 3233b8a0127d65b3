// Attendance: the chair's staff checks members in and out at the door; in a hybrid or remote assembly a member
// checks in online. Every change is kept as an event; the current state feeds the live quorum.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { conflict, forbidden, invalid } from '../../../core/errors.ts';
import { loadAssembly } from './access.ts';
import { inTx, iso, mapDbError, one, rows, type Actor } from './common.ts';
import { presence } from './presence.ts';

export async function setAttendance(
  db: Db,
  actor: Actor,
  assemblyId: string,
  input: { personId?: string; channel?: 'in_person' | 'online' },
  event: 'check_in' | 'check_out',
) {
  const p = actor.principal;
  const a = await loadAssembly(db, p, assemblyId);
  const personId = input.personId ?? p.personId;
  if (!personId) throw invalid([{ field: 'body/personId', code: 'field.required' }]);
  const self = personId === p.personId && !a.access.manage;
  if (personId !== p.personId && !a.access.manage) throw forbidden();
  // Members check themselves in only online, and only where the assembly is held (also) online.
  const channel = self ? 'online' : (input.channel ?? 'in_person');
  if (self && event === 'check_in' && a.mode === 'in_person') throw conflict('governance.attendance.in-person-only');
  if (!['convened', 'in_session'].includes(a.status)) throw conflict('governance.attendance.closed');
  const onRoll = await one<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM assembly_roll WHERE assembly_id = ${assemblyId} AND person_id = ${personId}) AS ok`);
  if (!onRoll?.ok) throw invalid([{ field: 'body/personId', code: 'governance.vote.not-on-roll' }]);
  await inTx(db, async (tx) => {
    await tx.execute(sql`
      INSERT INTO assembly_attendance (assembly_id, person_id, present, channel, since) VALUES (${assemblyId}, ${personId}, ${event === 'check_in'}, ${channel}, now())
      ON CONFLICT (assembly_id, person_id) DO UPDATE SET present = EXCLUDED.present, channel = EXCLUDED.channel, since = now()`);
    await tx.execute(sql`INSERT INTO assembly_attendance_events (assembly_id, person_id, event, channel, by_account_id) VALUES (${assemblyId}, ${personId}, ${event}, ${channel}, ${p.accountId})`);
    await audit(tx, { actorAccountId: p.accountId, action: `governance.attendance.${event}`, subjectType: 'assembly', subjectId: assemblyId, organisationId: a.cooperativeId, requestId: actor.requestId, details: { personId, channel } });
  }).catch(mapDbError);
  return { personId, present: event === 'check_in', channel, presence: await presence(db, assemblyId) };
}

export async function listAttendance(db: Db, p: Principal, assemblyId: string) {
  const a = await loadAssembly(db, p, assemblyId);
  if (!a.access.read) throw forbidden();
  const items = await rows<{ personId: string; name: string; registerNumber: number | null; weight: number; eligible: boolean; present: boolean; channel: string; since: string; proxiesHeld: number }>(db, sql`
    SELECT t.person_id AS "personId", coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name, r.register_number AS "registerNumber",
           coalesce(r.weight, 0) AS weight, coalesce(r.eligible, false) AS eligible, t.present, t.channel, ${iso('t.since')} AS since,
           (SELECT count(*)::int FROM assembly_proxies x WHERE x.assembly_id = t.assembly_id AND x.holder_person_id = t.person_id AND x.revoked_at IS NULL) AS "proxiesHeld"
      FROM assembly_attendance t JOIN people pe ON pe.id = t.person_id LEFT JOIN assembly_roll r ON r.assembly_id = t.assembly_id AND r.person_id = t.person_id
     WHERE t.assembly_id = ${assemblyId} ORDER BY t.present DESC, r.register_number NULLS LAST LIMIT 10000`);
  return { presence: await presence(db, assemblyId), items };
}
