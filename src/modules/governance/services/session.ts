// An assembly's life: convocation (statute snapshot, roll, notices), opening at the first or second call with the
// constitutive quorum checked, closing (minutes), cancellation. Sectional meetings are convened with their general
// assembly; closing one hands its elected delegates and their votes to the general assembly (art. 2540 c.c.).
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, invalid } from '../../../core/errors.ts';
import { checkCalls, romeDate, type NoticeMethod } from '../domain/calendar.ts';
import { checkConstitutive, explainConstitutive } from '../domain/quorum.ts';
import { delegateWeights } from '../domain/delegates.ts';
import type { StatuteParams } from '../domain/statute.ts';
import type { TallyResult } from '../domain/tally/index.ts';
import type { Method } from '../domain/ballot.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import { loadAssembly, assertCoop } from './access.ts';
import { inTx, mapDbError, one, rows, type Actor } from './common.ts';
import { currentStatute } from './statute.ts';
import { computeRoll, rollContext } from './roll.ts';
import { createNotices, type NoticeContext } from './notices.ts';
import { insertItem, type ItemInput } from './agenda.ts';
import { presence } from './presence.ts';
import { buildMinutes } from './minutes.ts';

interface AssemblyRow {
  id: string;
  cooperativeId: string;
  title: string;
  kind: 'ordinary' | 'extraordinary';
  mode: 'in_person' | 'hybrid' | 'remote';
  place: string | null;
  firstCallAt: Date;
  secondCallAt: Date | null;
  recordDate: string | null;
  noticeMethod: NoticeMethod;
  sectional: boolean;
  sectionId: string | null;
  delegatesToElect: number | null;
}

const rowOf = async (db: Db, id: string) =>
  (await one<AssemblyRow>(db, sql`
    SELECT id, cooperative_id AS "cooperativeId", title, kind, mode, place, first_call_at AS "firstCallAt", second_call_at AS "secondCallAt",
           record_date AS "recordDate", notice_method AS "noticeMethod", sectional, section_id AS "sectionId", delegates_to_elect AS "delegatesToElect"
      FROM assemblies WHERE id = ${id}`)) as AssemblyRow;

function conveneProblems(a: AssemblyRow, statute: StatuteParams, now: Date, field: string) {
  const out = checkCalls(
    { noticeAt: now, firstCallAt: new Date(a.firstCallAt), secondCallAt: a.secondCallAt ? new Date(a.secondCallAt) : null, noticeMethod: a.noticeMethod, recordDate: a.recordDate ?? romeDate(new Date(a.firstCallAt)) },
    statute,
  ).map((p) => ({ field: `${field}/${p.field}`, code: p.code, ...(p.params ? { params: p.params } : {}) }));
  if (a.mode !== 'in_person' && !statute.remoteParticipationAllowed) out.push({ field: `${field}/mode`, code: 'governance.statute.remote-not-allowed' });
  return out;
}

/** What a notice about this assembly (or sectional meeting) says, and how and when it goes out. */
function noticeContext(row: AssemblyRow, coopName: string, agenda: string[], publicUrl: string, mail: 'smtp' | 'outbox', sentAt: Date): NoticeContext {
  return {
    assemblyId: row.id,
    cooperativeId: row.cooperativeId,
    coopName,
    title: row.title,
    kind: row.kind,
    firstCallAt: new Date(row.firstCallAt),
    secondCallAt: row.secondCallAt ? new Date(row.secondCallAt) : null,
    place: row.place,
    mode: row.mode,
    agenda,
    publicUrl,
    mail,
    sentAt,
  };
}

/**
 * Convenes a draft assembly (and its sectional meetings): snapshot of the statute, roll, notices. `mail` says whether
 * the platform sends e-mail through SMTP (the notices are queued for delivery) or keeps it in the administrators' outbox.
 * `at` is the convocation's time: now, except for the demo data, which seeds an assembly convened weeks ago so that
 * its meeting can be held at once (the notice period is checked against `at` all the same).
 */
export async function convene(db: Db, actor: Actor, id: string, publicUrl: string, mail: 'smtp' | 'outbox' = 'outbox', at: Date = new Date()): Promise<{ notices: number; emails: number }> {
  const ref = await loadAssembly(db, actor.principal, id, 'manage');
  if (ref.parentId) throw conflict('governance.sectional.convene-general');
  if (ref.status !== 'draft') throw conflict('governance.assembly.not-draft');
  const a = await rowOf(db, id);
  const coop = await assertCoop(db, a.cooperativeId);
  const { version, params: statute } = await currentStatute(db, a.cooperativeId);
  const errors = conveneProblems(a, statute, at, 'assembly');
  const items = await rows<{ id: string; kind: string; title: string; description: string | null; motion: string | null; method: string | null; seats: number | null; maxChoices: number | null; secret: boolean | null; remoteVoting: boolean | null }>(db, sql`
    SELECT i.id, i.kind, i.title, i.description, i.motion, b.method, b.seats, b.max_choices AS "maxChoices", b.secret, b.remote_voting AS "remoteVoting"
      FROM assembly_items i LEFT JOIN assembly_ballots b ON b.item_id = i.id WHERE i.assembly_id = ${id} ORDER BY i.position`);
  if (items.length === 0) errors.push({ field: 'assembly/items', code: 'governance.assembly.empty-agenda' });
  if (items.some((i) => i.remoteVoting) && !statute.remoteVotingAllowed) errors.push({ field: 'assembly/items', code: 'governance.statute.remote-voting-not-allowed' });
  const sections = a.sectional ? await rows<{ id: string }>(db, sql`SELECT id FROM assemblies WHERE parent_id = ${id} ORDER BY first_call_at`) : [];
  if (a.sectional && sections.length === 0) errors.push({ field: 'assembly/sectionalMeetings', code: 'governance.sectional.none' });
  const sectionRows = await Promise.all(sections.map((s) => rowOf(db, s.id)));
  for (const [i, s] of sectionRows.entries()) errors.push(...conveneProblems(s, statute, at, `sectionalMeetings/${i}`));
  if (errors.length) throw invalid(errors);
  const recordDate = a.recordDate ?? romeDate(new Date(a.firstCallAt));

  return inTx(db, async (tx) => {
    const set = sql`status = 'convened', convened_at = ${at.toISOString()}::timestamptz, statute_version = ${version}, statute = ${JSON.stringify(statute)}::jsonb, updated_at = now()`;
    await tx.execute(sql`UPDATE assemblies SET ${set}, record_date = ${recordDate} WHERE id = ${id}`);
    let notices = { notices: 0, emails: 0 };
    const agenda = items.map((i) => i.title);
    const noticeFor = async (row: AssemblyRow) => {
      const ctx = await rollContext(tx, row.id);
      await computeRoll(tx, ctx);
      const n = await createNotices(tx, noticeContext(row, coop.name, agenda, publicUrl, mail, at));
      notices = { notices: notices.notices + n.notices, emails: notices.emails + n.emails };
    };
    if (!a.sectional) {
      await noticeFor(a);
    } else {
      // Each sectional meeting votes on the same agenda and elects its delegates (art. 2540 c.c.); its items go in
      // while it is still a draft (the agenda guard), then it is convened like the general assembly.
      const copies: ItemInput[] = [];
      for (const i of items) {
        const candidates = i.method ? await rows<{ name: string; personId: string | null; statement: string | null }>(tx, sql`
          SELECT c.name, c.person_id AS "personId", c.statement FROM assembly_candidates c JOIN assembly_ballots b ON b.id = c.ballot_id
           WHERE b.item_id = ${i.id} ORDER BY c.position`) : [];
        copies.push({
          kind: i.kind as ItemInput['kind'],
          title: i.title,
          description: i.description,
          motion: i.motion,
          ballot: i.method ? { method: i.method as Method, seats: i.seats ?? 1, maxChoices: i.maxChoices, secret: i.secret ?? false, remoteVoting: i.remoteVoting ?? false, candidates } : null,
        });
      }
      for (const s of sectionRows) {
        for (const [n, copy] of copies.entries()) await insertItem(tx, s.id, n + 1, copy, actor.principal.accountId, items[n]?.id ?? null);
        await insertItem(tx, s.id, copies.length + 1, {
          kind: 'election',
          title: t('it', 'governance.sectional.delegates-item', { n: s.delegatesToElect ?? 1 }),
          description: t('it', 'governance.sectional.delegates-description'),
          ballot: { method: 'stv', seats: s.delegatesToElect ?? 1, secret: true },
        }, actor.principal.accountId);
        await tx.execute(sql`UPDATE assemblies SET ${set}, record_date = ${s.recordDate ?? romeDate(new Date(s.firstCallAt))} WHERE id = ${s.id}`);
        await noticeFor(s);
      }
    }
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.assembly.convene', subjectType: 'assembly', subjectId: id, organisationId: a.cooperativeId, requestId: actor.requestId, details: { statuteVersion: version, ...notices } });
    return notices;
  }).catch(mapDbError);
}

/**
 * Recomputes the roll before the session opens (after changes to the register). Members the new roll adds get their
 * convocation notice and e-mail now — late, which the chair sees in the count, rather than never.
 */
export async function recomputeRoll(db: Db, actor: Actor, id: string, publicUrl: string, mail: 'smtp' | 'outbox' = 'outbox') {
  const ref = await loadAssembly(db, actor.principal, id, 'manage');
  if (ref.status !== 'convened') throw conflict('governance.roll.frozen');
  if (ref.sectional) throw conflict('governance.sectional.roll-from-delegates');
  const a = await rowOf(db, id);
  const coop = await assertCoop(db, a.cooperativeId);
  const agenda = (await rows<{ title: string }>(db, sql`SELECT title FROM assembly_items WHERE assembly_id = ${id} ORDER BY position`)).map((i) => i.title);
  return inTx(db, async (tx) => {
    const totals = await computeRoll(tx, await rollContext(tx, id));
    const sent = await createNotices(tx, noticeContext(a, coop.name, agenda, publicUrl, mail, new Date()));
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.roll.compute', subjectType: 'assembly', subjectId: id, organisationId: ref.cooperativeId, requestId: actor.requestId, details: { ...totals, ...sent } });
    return { ...totals, newNotices: sent.notices, newEmails: sent.emails };
  }).catch(mapDbError);
}

/** Opens the session at the first or second call, if the constitutive quorum of that call is met. */
export async function openSession(db: Db, actor: Actor, id: string, call: 'first' | 'second', locale: Locale) {
  const ref = await loadAssembly(db, actor.principal, id, 'manage');
  if (ref.status !== 'convened') throw conflict('governance.assembly.not-convened');
  const a = await rowOf(db, id);
  const now = Date.now();
  if (call === 'first' && now < new Date(a.firstCallAt).getTime()) throw conflict('governance.session.too-early');
  if (call === 'second') {
    if (!a.secondCallAt) throw invalid([{ field: 'body/call', code: 'governance.session.no-second-call' }]);
    if (now < new Date(a.secondCallAt).getTime()) throw conflict('governance.session.too-early');
  }
  if (a.sectional) {
    const pending = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM assemblies WHERE parent_id = ${id} AND status <> 'closed'`);
    if ((pending?.n ?? 0) > 0) throw conflict('governance.sectional.meetings-pending');
  }
  return inTx(db, async (tx) => {
    const info = await one<{ statute: StatuteParams; computedAt: Date | null }>(tx, sql`SELECT statute, roll_computed_at AS "computedAt" FROM assemblies WHERE id = ${id} FOR UPDATE`);
    const statute = info?.statute as StatuteParams;
    if (a.sectional) {
      await computeRoll(tx, await rollContext(tx, id));
    } else {
      // The register may have changed since convocation (exits, corrections): the roll is taken again if so.
      const changed = await one<{ changed: boolean }>(tx, sql`
        SELECT EXISTS (SELECT 1 FROM memberships WHERE cooperative_id = ${a.cooperativeId} AND updated_at > ${info?.computedAt ?? new Date(0)}) AS changed`);
      if (changed?.changed) await computeRoll(tx, await rollContext(tx, id));
    }
    const pr = await presence(tx, id);
    const rule = statute.quorums[a.kind][call];
    const check = checkConstitutive(rule, pr.total, pr.entitled.total);
    const explained = explainConstitutive(check);
    if (!check.met) {
      throw new ProblemError(409, 'conflict', { detailKey: explained.key, detailParams: explained.params });
    }
    const opening = { call, presence: pr, constitutive: check, explanation: t(locale, explained.key, explained.params) };
    await tx.execute(sql`UPDATE assemblies SET status = 'in_session', call = ${call}, opened_at = now(), opening_quorum = ${JSON.stringify(opening)}::jsonb, updated_at = now() WHERE id = ${id}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.session.open', subjectType: 'assembly', subjectId: id, organisationId: a.cooperativeId, requestId: actor.requestId, details: { call, present: pr.total, entitled: pr.entitled.total } });
    return opening;
  }).catch(mapDbError);
}

/** Closes the session: every ballot opened must be closed; open polls close; the minutes are generated and sealed. */
export async function closeSession(db: Db, actor: Actor, id: string): Promise<{ sha256: string }> {
  const ref = await loadAssembly(db, actor.principal, id, 'manage');
  if (ref.status !== 'in_session') throw conflict('governance.assembly.not-in-session');
  const open = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM assembly_ballots WHERE assembly_id = ${id} AND status = 'open'`);
  if ((open?.n ?? 0) > 0) throw conflict('governance.assembly.ballots-open');
  return inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE assembly_polls SET status = 'closed', closed_at = now() WHERE assembly_id = ${id} AND status = 'open'`);
    if (ref.parentId) await handOverDelegates(tx, id, ref.parentId);
    await tx.execute(sql`UPDATE assemblies SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = ${id}`);
    const minutes = await buildMinutes(tx, id);
    await tx.execute(sql`INSERT INTO assembly_minutes (assembly_id, sha256, pdf) VALUES (${id}, ${minutes.sha256}, ${minutes.pdf})`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.session.close', subjectType: 'assembly', subjectId: id, organisationId: ref.cooperativeId, requestId: actor.requestId, details: { minutesSha256: minutes.sha256 } });
    return { sha256: minutes.sha256 };
  }).catch(mapDbError);
}

/**
 * A sectional meeting's delegates, elected by its delegates ballot (STV: minorities represented in proportion),
 * carry between them the votes present or represented at that ballot to the general assembly.
 */
async function handOverDelegates(tx: Db, sectionalId: string, generalId: string): Promise<void> {
  const b = await one<{ result: TallyResult | null; sectionId: string; candidates: { position: number; personId: string | null }[] }>(tx, sql`
    SELECT b.result, a.section_id AS "sectionId",
           coalesce((SELECT json_agg(json_build_object('position', c.position, 'personId', c.person_id)) FROM assembly_candidates c WHERE c.ballot_id = b.id), '[]'::json) AS candidates
      FROM assembly_ballots b JOIN assembly_items i ON i.id = b.item_id JOIN assemblies a ON a.id = b.assembly_id
     WHERE b.assembly_id = ${sectionalId} AND i.source_item_id IS NULL AND i.kind = 'election'
     ORDER BY i.position DESC LIMIT 1`);
  if (!b?.result || b.result.outcome !== 'elected' || !b.result.election) throw conflict('governance.sectional.no-delegates');
  const candidates = typeof b.candidates === 'string' ? (JSON.parse(b.candidates) as { position: number; personId: string | null }[]) : b.candidates;
  const elected = b.result.election.elected.map((pos) => candidates.find((c) => c.position === pos)?.personId ?? null);
  if (elected.some((x) => !x)) throw conflict('governance.sectional.delegate-not-member');
  const weights = delegateWeights(b.result.presence.total, elected.length);
  for (const [rank, personId] of elected.entries()) {
    await tx.execute(sql`INSERT INTO assembly_delegates (assembly_id, person_id, section_id, sectional_assembly_id, weight, elected_rank)
      VALUES (${generalId}, ${personId}, ${b.sectionId}, ${sectionalId}, ${weights[rank] ?? 0}, ${rank + 1})
      ON CONFLICT (assembly_id, person_id) DO UPDATE SET weight = assembly_delegates.weight + EXCLUDED.weight`);
  }
}

export async function cancelAssembly(db: Db, actor: Actor, id: string): Promise<void> {
  const ref = await loadAssembly(db, actor.principal, id, 'manage');
  if (!['draft', 'convened'].includes(ref.status)) throw conflict('governance.assembly.cannot-cancel');
  await inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE assemblies SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE (id = ${id} OR parent_id = ${id}) AND status IN ('draft', 'convened')`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.assembly.cancel', subjectType: 'assembly', subjectId: id, organisationId: ref.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
}
