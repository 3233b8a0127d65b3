// Deliberation: a discussion thread per agenda item, amendments to a motion (the proposer of the motion accepts or
// rejects them; an accepted amendment becomes the motion put to the vote), and informal consultative polls.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { conflict, forbidden, invalid, notFound } from '../../../core/errors.ts';
import { checkResponse, pollResult, type PollKind, type PollResponse } from '../domain/polls.ts';
import { loadAssembly, type AssemblyRef } from './access.ts';
import { inTx, iso, mapDbError, one, rows, type Actor } from './common.ts';

async function itemRef(db: Db, p: Principal, itemId: string): Promise<{ a: AssemblyRef; item: { assemblyId: string; proposer: string | null; kind: string } }> {
  const item = await one<{ assemblyId: string; proposer: string | null; kind: string }>(db, sql`
    SELECT assembly_id AS "assemblyId", proposer_account_id AS proposer, kind FROM assembly_items WHERE id = ${itemId}`);
  if (!item) throw notFound('governance.item.not-found');
  return { a: await loadAssembly(db, p, item.assemblyId), item };
}

/** Members and the co-op's administrators take part; association staff only read. */
const mayTakePart = (a: AssemblyRef) => a.access.member || a.access.manage;

export async function listComments(db: Db, p: Principal, itemId: string) {
  await itemRef(db, p, itemId);
  return rows<{ id: string; parentId: string | null; authorName: string; body: string; createdAt: string; mine: boolean }>(db, sql`
    SELECT id, parent_id AS "parentId", author_name AS "authorName", body, ${iso('created_at')} AS "createdAt", (author_account_id = ${p.accountId}) AS mine
      FROM assembly_comments WHERE item_id = ${itemId} ORDER BY created_at, id LIMIT 2000`);
}

export async function addComment(db: Db, actor: Actor, itemId: string, input: { body: string; parentId?: string | null }) {
  const { a, item } = await itemRef(db, actor.principal, itemId);
  if (!mayTakePart(a)) throw forbidden();
  if (!['convened', 'in_session'].includes(a.status)) throw conflict('governance.deliberation.closed');
  if (input.parentId) {
    const parent = await one<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM assembly_comments WHERE id = ${input.parentId} AND item_id = ${itemId}) AS ok`);
    if (!parent?.ok) throw invalid([{ field: 'body/parentId', code: 'governance.comment.parent' }]);
  }
  const id = await inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`
      INSERT INTO assembly_comments (item_id, assembly_id, parent_id, author_account_id, author_name, body)
      VALUES (${itemId}, ${item.assemblyId}, ${input.parentId ?? null}, ${actor.principal.accountId}, ${actor.principal.displayName}, ${input.body}) RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.comment.add', subjectType: 'assembly_comment', subjectId: r?.id ?? null, organisationId: a.cooperativeId, requestId: actor.requestId });
    return r?.id as string;
  }).catch(mapDbError);
  return (await listComments(db, actor.principal, itemId)).find((c) => c.id === id);
}

const amendmentColumns = sql`id, item_id AS "itemId", proposer_name AS "proposerName", text, rationale, status, ${iso('created_at')} AS "createdAt", ${iso('decided_at')} AS "decidedAt"`;

export async function listAmendments(db: Db, p: Principal, itemId: string) {
  await itemRef(db, p, itemId);
  return rows<{ id: string; itemId: string; proposerName: string; text: string; rationale: string | null; status: string; createdAt: string; decidedAt: string | null }>(db, sql`
    SELECT ${amendmentColumns} FROM assembly_amendments WHERE item_id = ${itemId} ORDER BY created_at, id`);
}

export async function proposeAmendment(db: Db, actor: Actor, itemId: string, input: { text: string; rationale?: string | null }) {
  const { a, item } = await itemRef(db, actor.principal, itemId);
  if (!mayTakePart(a)) throw forbidden();
  if (item.kind !== 'resolution') throw conflict('governance.amendment.resolution-only');
  if (!['convened', 'in_session'].includes(a.status)) throw conflict('governance.deliberation.closed');
  const id = await inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`
      INSERT INTO assembly_amendments (item_id, assembly_id, proposer_account_id, proposer_name, text, rationale)
      VALUES (${itemId}, ${item.assemblyId}, ${actor.principal.accountId}, ${actor.principal.displayName}, ${input.text}, ${input.rationale ?? null}) RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.amendment.propose', subjectType: 'assembly_amendment', subjectId: r?.id ?? null, organisationId: a.cooperativeId, requestId: actor.requestId });
    return r?.id as string;
  }).catch(mapDbError);
  return (await listAmendments(db, actor.principal, itemId)).find((x) => x.id === id);
}

/** The motion's proposer (or, when the proposer's account is gone, a co-op administrator) decides. */
export async function decideAmendment(db: Db, actor: Actor, amendmentId: string, decision: 'accepted' | 'rejected') {
  const am = await one<{ itemId: string; status: string; text: string }>(db, sql`SELECT item_id AS "itemId", status, text FROM assembly_amendments WHERE id = ${amendmentId}`);
  if (!am) throw notFound('governance.amendment.not-found');
  const { a, item } = await itemRef(db, actor.principal, am.itemId);
  const isProposer = item.proposer !== null ? item.proposer === actor.principal.accountId : a.access.manage;
  if (!isProposer) throw forbidden();
  if (am.status !== 'proposed') throw conflict('governance.amendment.decided');
  if (decision === 'accepted') {
    const b = await one<{ status: string }>(db, sql`SELECT status FROM assembly_ballots WHERE item_id = ${am.itemId}`);
    if (b && b.status !== 'draft') throw conflict('governance.amendment.vote-started');
  }
  await inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE assembly_amendments SET status = ${decision}, decided_at = now(), decided_by_account_id = ${actor.principal.accountId} WHERE id = ${amendmentId}`);
    if (decision === 'accepted') await tx.execute(sql`UPDATE assembly_items SET motion = ${am.text}, motion_version = motion_version + 1 WHERE id = ${am.itemId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: `governance.amendment.${decision}`, subjectType: 'assembly_amendment', subjectId: amendmentId, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
  return (await listAmendments(db, actor.principal, am.itemId)).find((x) => x.id === amendmentId);
}

// ---------- consultative polls ----------

export interface PollInput {
  question: string;
  kind: PollKind;
  options: string[];
  max?: number;
  itemId?: string | null;
}

async function pollView(db: Db, p: Principal, pollId: string) {
  const poll = await one<{ id: string; assemblyId: string; itemId: string | null; question: string; kind: PollKind; options: string[]; max: number; status: string; createdAt: string; closedAt: string | null }>(db, sql`
    SELECT id, assembly_id AS "assemblyId", item_id AS "itemId", question, kind, options, max, status, ${iso('created_at')} AS "createdAt", ${iso('closed_at')} AS "closedAt"
      FROM assembly_polls WHERE id = ${pollId}`);
  if (!poll) throw notFound('governance.poll.not-found');
  const responses = await rows<{ response: PollResponse; mine: boolean }>(db, sql`
    SELECT response, (person_id = ${p.personId}) AS mine FROM assembly_poll_responses WHERE poll_id = ${pollId}`);
  const options = typeof poll.options === 'string' ? (JSON.parse(poll.options) as string[]) : poll.options;
  const result = pollResult({ kind: poll.kind, options: options.length, max: poll.max }, responses.map((r) => r.response));
  return { ...poll, options, result, myResponse: responses.find((r) => r.mine)?.response ?? null };
}

export async function createPoll(db: Db, actor: Actor, assemblyId: string, input: PollInput) {
  const a = await loadAssembly(db, actor.principal, assemblyId);
  if (!mayTakePart(a)) throw forbidden();
  if (!['convened', 'in_session'].includes(a.status)) throw conflict('governance.deliberation.closed');
  if (input.kind === 'meeting_time' && input.options.some((o) => Number.isNaN(Date.parse(o)))) throw invalid([{ field: 'body/options', code: 'governance.poll.times' }]);
  if (input.itemId) {
    const ok = await one<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM assembly_items WHERE id = ${input.itemId} AND assembly_id = ${assemblyId}) AS ok`);
    if (!ok?.ok) throw invalid([{ field: 'body/itemId', code: 'governance.item.not-found' }]);
  }
  const max = input.kind === 'multiple' ? Math.min(input.max ?? input.options.length, input.options.length) : input.kind === 'score' ? (input.max ?? 5) : 1;
  const id = await inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`
      INSERT INTO assembly_polls (assembly_id, item_id, question, kind, options, max, created_by)
      VALUES (${assemblyId}, ${input.itemId ?? null}, ${input.question}, ${input.kind}, ${JSON.stringify(input.options)}::jsonb, ${max}, ${actor.principal.accountId}) RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.poll.create', subjectType: 'assembly_poll', subjectId: r?.id ?? null, organisationId: a.cooperativeId, requestId: actor.requestId });
    return r?.id as string;
  }).catch(mapDbError);
  return pollView(db, actor.principal, id);
}

export async function listPolls(db: Db, p: Principal, assemblyId: string) {
  await loadAssembly(db, p, assemblyId);
  const ids = await rows<{ id: string }>(db, sql`SELECT id FROM assembly_polls WHERE assembly_id = ${assemblyId} ORDER BY created_at, id`);
  return Promise.all(ids.map((x) => pollView(db, p, x.id)));
}

export async function getPoll(db: Db, p: Principal, pollId: string) {
  const v = await pollView(db, p, pollId);
  await loadAssembly(db, p, v.assemblyId);
  return v;
}

export async function respondPoll(db: Db, actor: Actor, pollId: string, response: PollResponse) {
  const v = await getPoll(db, actor.principal, pollId);
  const a = await loadAssembly(db, actor.principal, v.assemblyId);
  if (!a.access.member || !actor.principal.personId) throw forbidden();
  if (v.status !== 'open') throw conflict('governance.poll.closed');
  const problem = checkResponse({ kind: v.kind, options: v.options.length, max: v.max }, response);
  if (problem) throw invalid([{ field: 'body', code: problem }]);
  await inTx(db, async (tx) => {
    await tx.execute(sql`INSERT INTO assembly_poll_responses (poll_id, person_id, response) VALUES (${pollId}, ${actor.principal.personId}, ${JSON.stringify(response)}::jsonb)
      ON CONFLICT (poll_id, person_id) DO UPDATE SET response = EXCLUDED.response, updated_at = now()`);
  }).catch(mapDbError);
  return getPoll(db, actor.principal, pollId);
}

export async function closePoll(db: Db, actor: Actor, pollId: string) {
  const v = await getPoll(db, actor.principal, pollId);
  const a = await loadAssembly(db, actor.principal, v.assemblyId);
  const creator = await one<{ by: string | null }>(db, sql`SELECT created_by AS by FROM assembly_polls WHERE id = ${pollId}`);
  if (!a.access.manage && creator?.by !== actor.principal.accountId) throw forbidden();
  if (v.status !== 'open') throw conflict('governance.poll.closed');
  await inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE assembly_polls SET status = 'closed', closed_at = now() WHERE id = ${pollId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.poll.close', subjectType: 'assembly_poll', subjectId: pollId, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
  return getPoll(db, actor.principal, pollId);
}
