// Drafting an assembly: its details, agenda items with their ballots and candidates, and documents. The agenda is
// fixed at convocation (the items' guard trigger enforces it); candidates may be added until their ballot opens.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../core/errors.ts';
import type { Principal } from '../../../core/http.ts';
import type { Method } from '../domain/ballot.ts';
import { RULE_SECOND_CALL } from '../domain/statute.ts';
import { daysBetween, romeDate } from '../domain/calendar.ts';
import { loadAssembly, requireManage } from './access.ts';
import { inTx, mapDbError, one, rows, type Actor } from './common.ts';
import { checkEncryptedSettings, checkTrusteePeople, insertElection, mailTrustees, type TrusteeInput, type TrusteeMail } from './evote.ts';

export interface CandidateInput {
  name: string;
  personId?: string | null;
  statement?: string | null;
}

export interface BallotInput {
  method: Method;
  seats?: number;
  maxChoices?: number | null;
  secret?: boolean;
  remoteVoting?: boolean;
  candidates?: CandidateInput[];
  /** 'encrypted': the end-to-end verifiable secret ballot (services/evote.ts), with its trustees and threshold. */
  ballotType?: 'plain' | 'encrypted';
  trustees?: TrusteeInput[];
  threshold?: number;
}

export interface ItemInput {
  kind: 'resolution' | 'election' | 'information';
  title: string;
  description?: string | null;
  motion?: string | null;
  ballot?: BallotInput | null;
}

export interface AssemblyInput {
  kind: 'ordinary' | 'extraordinary';
  title: string;
  description?: string | null;
  mode: 'in_person' | 'hybrid' | 'remote';
  place?: string | null;
  onlineUrl?: string | null;
  firstCallAt: string;
  secondCallAt?: string | null;
  recordDate?: string | null;
  noticeMethod?: 'standard' | 'with_receipt';
  sectional?: boolean;
  items?: ItemInput[];
}

function checkCallsShape(first: string, second: string | null | undefined, field = 'body'): FieldError[] {
  const out: FieldError[] = [];
  if (!second) return out;
  const f = new Date(first);
  const s = new Date(second);
  if (s.getTime() <= f.getTime()) out.push({ field: `${field}/secondCallAt`, code: 'governance.calls.second-before-first' });
  else if (romeDate(s) === romeDate(f)) out.push({ field: `${field}/secondCallAt`, code: 'governance.calls.second-same-day', params: { source: RULE_SECOND_CALL.source } });
  else if (daysBetween(romeDate(f), romeDate(s)) > RULE_SECOND_CALL.maxDaysAfterFirst) {
    out.push({ field: `${field}/secondCallAt`, code: 'governance.calls.second-too-late', params: { days: RULE_SECOND_CALL.maxDaysAfterFirst, source: RULE_SECOND_CALL.source } });
  }
  return out;
}

export function checkItem(item: ItemInput, field: string): FieldError[] {
  const out: FieldError[] = [];
  const b = item.ballot;
  if (item.kind === 'information') {
    if (b) out.push({ field: `${field}/ballot`, code: 'governance.item.information-no-ballot' });
    return out;
  }
  if (item.kind === 'resolution' && b && b.method !== 'yes_no') out.push({ field: `${field}/ballot/method`, code: 'governance.item.resolution-yes-no' });
  if (item.kind === 'election') {
    if (!b) out.push({ field: `${field}/ballot`, code: 'field.required' });
    else if (b.method === 'yes_no') out.push({ field: `${field}/ballot/method`, code: 'governance.item.election-method' });
  }
  if (b && b.method !== 'yes_no') {
    const n = b.candidates?.length ?? 0;
    if (b.maxChoices != null && b.method === 'plurality' && n > 0 && b.maxChoices > n) out.push({ field: `${field}/ballot/maxChoices`, code: 'field.range' });
  }
  if (b?.method === 'yes_no' && b.candidates?.length) out.push({ field: `${field}/ballot/candidates`, code: 'governance.item.resolution-no-candidates' });
  if (b) out.push(...checkEncryptedSettings(b, `${field}/ballot`));
  return out;
}

async function checkCandidatePeople(db: Db, coopId: string, items: { field: string; candidates: CandidateInput[] }[]): Promise<FieldError[]> {
  const out: FieldError[] = [];
  for (const it of items) {
    for (const [i, c] of it.candidates.entries()) {
      if (!c.personId) continue;
      const ok = await one<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM memberships WHERE cooperative_id = ${coopId} AND person_id = ${c.personId} AND exit_on IS NULL) AS ok`);
      if (!ok?.ok) out.push({ field: `${it.field}/candidates/${i}/personId`, code: 'governance.candidate.not-a-member' });
    }
  }
  return out;
}

/** Inserts an item and its ballot inside the caller's transaction. */
export async function insertItem(tx: Db, assemblyId: string, position: number, item: ItemInput, accountId: string | null, sourceItemId: string | null = null): Promise<string> {
  const row = await one<{ id: string }>(tx, sql`
    INSERT INTO assembly_items (assembly_id, position, kind, title, description, motion, proposer_account_id, source_item_id)
    VALUES (${assemblyId}, ${position}, ${item.kind}, ${item.title}, ${item.description ?? null}, ${item.motion ?? null}, ${accountId}, ${sourceItemId})
    RETURNING id`);
  const itemId = row?.id as string;
  if (item.kind === 'information') return itemId;
  const b = item.ballot ?? { method: 'yes_no' as const };
  const candidates = b.candidates ?? [];
  const seats = b.method === 'yes_no' ? 1 : (b.seats ?? 1);
  const encrypted = item.ballot?.ballotType === 'encrypted';
  const ballot = await one<{ id: string }>(tx, sql`
    INSERT INTO assembly_ballots (assembly_id, item_id, method, seats, max_choices, secret, ballot_type, remote_voting)
    VALUES (${assemblyId}, ${itemId}, ${b.method}, ${seats}, ${b.method === 'plurality' ? (b.maxChoices ?? null) : null}, ${encrypted || (b.secret ?? false)},
            ${encrypted ? 'encrypted' : 'plain'}, ${b.remoteVoting ?? false})
    RETURNING id`);
  if (encrypted) await insertElection(tx, ballot?.id as string, item.ballot?.trustees ?? [], item.ballot?.threshold);
  for (const [i, c] of candidates.entries()) {
    await tx.execute(sql`INSERT INTO assembly_candidates (ballot_id, position, name, person_id, statement)
      VALUES (${ballot?.id}, ${i}, ${c.name}, ${c.personId ?? null}, ${c.statement ?? null})`);
  }
  return itemId;
}

/** `notify`: e-mail the trustees of encrypted ballots their appointment (the routes pass it; seeds and tests may not). */
export async function createAssembly(db: Db, actor: Actor, coopId: string, input: AssemblyInput, notify?: TrusteeMail): Promise<string> {
  await requireManage(db, actor.principal, coopId);
  const items = input.items ?? [];
  const errors = [...checkCallsShape(input.firstCallAt, input.secondCallAt), ...items.flatMap((it, i) => checkItem(it, `body/items/${i}`))];
  if (input.recordDate && input.recordDate > romeDate(new Date(input.firstCallAt))) errors.push({ field: 'body/recordDate', code: 'governance.calls.record-after-first' });
  errors.push(...(await checkCandidatePeople(db, coopId, items.map((it, i) => ({ field: `body/items/${i}/ballot`, candidates: it.ballot?.candidates ?? [] })))));
  for (const [i, it] of items.entries()) errors.push(...(await checkTrusteePeople(db, coopId, it.ballot?.trustees ?? [], `body/items/${i}/ballot`)));
  if (errors.length) throw invalid(errors);
  return inTx(db, async (tx) => {
    const a = await one<{ id: string }>(tx, sql`
      INSERT INTO assemblies (cooperative_id, kind, title, description, mode, place, online_url, first_call_at, second_call_at, record_date, notice_method, sectional, created_by)
      VALUES (${coopId}, ${input.kind}, ${input.title}, ${input.description ?? null}, ${input.mode}, ${input.place ?? null}, ${input.onlineUrl ?? null},
              ${input.firstCallAt}, ${input.secondCallAt ?? null}, ${input.recordDate ?? null}, ${input.noticeMethod ?? 'standard'}, ${input.sectional ?? false}, ${actor.principal.accountId})
      RETURNING id`);
    const id = a?.id as string;
    for (const [i, it] of items.entries()) await insertItem(tx, id, i + 1, it, actor.principal.accountId);
    if (notify && items.some((it) => it.ballot?.ballotType === 'encrypted')) await mailTrustees(tx, { assemblyId: id }, notify);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.assembly.create', subjectType: 'assembly', subjectId: id, organisationId: coopId, requestId: actor.requestId });
    return id;
  }).catch(mapDbError);
}

export type AssemblyPatch = Partial<Omit<AssemblyInput, 'items' | 'sectional'>>;

export async function updateAssembly(db: Db, actor: Actor, id: string, patch: AssemblyPatch): Promise<void> {
  const a = await loadAssembly(db, actor.principal, id, 'manage');
  if (a.status !== 'draft') throw conflict('governance.assembly.not-draft');
  const cur = await one<{ first: Date; second: Date | null }>(db, sql`SELECT first_call_at AS first, second_call_at AS second FROM assemblies WHERE id = ${id}`);
  const first = patch.firstCallAt ?? (cur?.first as Date).toISOString();
  const second = patch.secondCallAt !== undefined ? patch.secondCallAt : (cur?.second?.toISOString() ?? null);
  const errors = checkCallsShape(first, second);
  if (errors.length) throw invalid(errors);
  const cols: [string, unknown][] = [];
  const map: Record<string, string> = { kind: 'kind', title: 'title', description: 'description', mode: 'mode', place: 'place', onlineUrl: 'online_url', firstCallAt: 'first_call_at', secondCallAt: 'second_call_at', recordDate: 'record_date', noticeMethod: 'notice_method' };
  for (const [k, col] of Object.entries(map)) if ((patch as Record<string, unknown>)[k] !== undefined) cols.push([col, (patch as Record<string, unknown>)[k]]);
  if (cols.length === 0) return;
  await inTx(db, async (tx) => {
    const set = sql.join(cols.map(([c, v]) => sql`${sql.raw(c)} = ${v}`), sql`, `);
    await tx.execute(sql`UPDATE assemblies SET ${set}, updated_at = now() WHERE id = ${id}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.assembly.update', subjectType: 'assembly', subjectId: id, organisationId: a.cooperativeId, requestId: actor.requestId, details: { fields: Object.keys(patch) } });
  }).catch(mapDbError);
}

export async function deleteDraft(db: Db, actor: Actor, id: string): Promise<void> {
  const a = await loadAssembly(db, actor.principal, id, 'manage');
  if (a.status !== 'draft') throw conflict('governance.assembly.not-draft');
  await inTx(db, async (tx) => {
    await tx.execute(sql`DELETE FROM assemblies WHERE parent_id = ${id} AND status = 'draft'`);
    await tx.execute(sql`DELETE FROM assemblies WHERE id = ${id}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.assembly.delete', subjectType: 'assembly', subjectId: id, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
}

export async function addItem(db: Db, actor: Actor, assemblyId: string, item: ItemInput, notify?: TrusteeMail): Promise<string> {
  const a = await loadAssembly(db, actor.principal, assemblyId, 'manage');
  if (a.status !== 'draft') throw conflict('governance.assembly.not-draft');
  const errors = [
    ...checkItem(item, 'body'),
    ...(await checkCandidatePeople(db, a.cooperativeId, [{ field: 'body/ballot', candidates: item.ballot?.candidates ?? [] }])),
    ...(await checkTrusteePeople(db, a.cooperativeId, item.ballot?.trustees ?? [], 'body/ballot')),
  ];
  if (errors.length) throw invalid(errors);
  return inTx(db, async (tx) => {
    const pos = await one<{ n: number }>(tx, sql`SELECT coalesce(max(position), 0)::int + 1 AS n FROM assembly_items WHERE assembly_id = ${assemblyId}`);
    const id = await insertItem(tx, assemblyId, pos?.n ?? 1, item, actor.principal.accountId);
    if (notify && item.ballot?.ballotType === 'encrypted') await mailTrustees(tx, { assemblyId, itemId: id }, notify);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.item.add', subjectType: 'assembly_item', subjectId: id, organisationId: a.cooperativeId, requestId: actor.requestId });
    return id;
  }).catch(mapDbError);
}

async function itemAssembly(db: Db, itemId: string): Promise<{ assemblyId: string; kind: string; motion: string | null; proposer: string | null }> {
  const r = await one<{ assemblyId: string; kind: string; motion: string | null; proposer: string | null }>(db, sql`
    SELECT assembly_id AS "assemblyId", kind, motion, proposer_account_id AS proposer FROM assembly_items WHERE id = ${itemId}`);
  if (!r) throw notFound('governance.item.not-found');
  return r;
}

export async function deleteItem(db: Db, actor: Actor, itemId: string): Promise<void> {
  const it = await itemAssembly(db, itemId);
  const a = await loadAssembly(db, actor.principal, it.assemblyId, 'manage');
  if (a.status !== 'draft') throw conflict('governance.assembly.not-draft');
  await inTx(db, async (tx) => {
    await tx.execute(sql`DELETE FROM assembly_items WHERE id = ${itemId}`);
    // Keep positions 1..n without gaps (two steps: the unique (assembly, position) key holds at every row).
    await tx.execute(sql`UPDATE assembly_items SET position = position + 1000000 WHERE assembly_id = ${it.assemblyId}`);
    await tx.execute(sql`UPDATE assembly_items i SET position = o.n FROM (SELECT id, row_number() OVER (ORDER BY position)::int AS n FROM assembly_items WHERE assembly_id = ${it.assemblyId}) o WHERE o.id = i.id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.item.delete', subjectType: 'assembly_item', subjectId: itemId, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
}

/** Replaces the candidates of an election ballot that is not yet open. */
export async function setCandidates(db: Db, actor: Actor, ballotId: string, candidates: CandidateInput[]): Promise<void> {
  const b = await one<{ assemblyId: string; method: Method; status: string; seats: number }>(db, sql`
    SELECT assembly_id AS "assemblyId", method, status, seats FROM assembly_ballots WHERE id = ${ballotId}`);
  if (!b) throw notFound('governance.ballot.not-found');
  const a = await loadAssembly(db, actor.principal, b.assemblyId, 'manage');
  if (b.method === 'yes_no') throw invalid([{ field: 'body/candidates', code: 'governance.item.resolution-no-candidates' }]);
  if (b.status !== 'draft') throw conflict('governance.ballot.not-draft');
  if (['closed', 'cancelled'].includes(a.status)) throw conflict('governance.frozen');
  const errors = await checkCandidatePeople(db, a.cooperativeId, [{ field: 'body', candidates }]);
  if (errors.length) throw invalid(errors);
  await inTx(db, async (tx) => {
    await tx.execute(sql`DELETE FROM assembly_candidates WHERE ballot_id = ${ballotId}`);
    for (const [i, c] of candidates.entries()) {
      await tx.execute(sql`INSERT INTO assembly_candidates (ballot_id, position, name, person_id, statement) VALUES (${ballotId}, ${i}, ${c.name}, ${c.personId ?? null}, ${c.statement ?? null})`);
    }
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.candidates.set', subjectType: 'ballot', subjectId: ballotId, organisationId: a.cooperativeId, requestId: actor.requestId, details: { candidates: candidates.length } });
  }).catch(mapDbError);
}

// ---------- documents ----------

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export async function addDocument(db: Db, actor: Actor, itemId: string, doc: { filename: string; contentType: string; content: Buffer }) {
  const it = await itemAssembly(db, itemId);
  const a = await loadAssembly(db, actor.principal, it.assemblyId, 'manage');
  if (['in_session', 'closed', 'cancelled'].includes(a.status)) throw conflict('governance.document.too-late');
  const sha256 = createHash('sha256').update(doc.content).digest('hex');
  const filename = doc.filename.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 255) || 'documento';
  return inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`
      INSERT INTO assembly_documents (item_id, filename, content_type, size_bytes, sha256, content, uploaded_by)
      VALUES (${itemId}, ${filename}, ${doc.contentType.slice(0, 200)}, ${doc.content.length}, ${sha256}, ${doc.content}, ${actor.principal.accountId})
      RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.document.add', subjectType: 'assembly_document', subjectId: r?.id ?? null, organisationId: a.cooperativeId, requestId: actor.requestId, details: { sha256 } });
    return { id: r?.id as string, filename, contentType: doc.contentType.slice(0, 200), sizeBytes: doc.content.length, sha256 };
  }).catch(mapDbError);
}

export async function getDocument(db: Db, p: Principal, documentId: string) {
  const d = await one<{ assemblyId: string; filename: string; contentType: string; content: Uint8Array; sha256: string }>(db, sql`
    SELECT i.assembly_id AS "assemblyId", d.filename, d.content_type AS "contentType", d.content, d.sha256
      FROM assembly_documents d JOIN assembly_items i ON i.id = d.item_id WHERE d.id = ${documentId}`);
  if (!d) throw notFound('governance.document.not-found');
  await loadAssembly(db, p, d.assemblyId);
  return { ...d, content: Buffer.from(d.content) };
}

export async function deleteDocument(db: Db, actor: Actor, documentId: string): Promise<void> {
  const d = await one<{ assemblyId: string }>(db, sql`SELECT i.assembly_id AS "assemblyId" FROM assembly_documents d JOIN assembly_items i ON i.id = d.item_id WHERE d.id = ${documentId}`);
  if (!d) throw notFound('governance.document.not-found');
  const a = await loadAssembly(db, actor.principal, d.assemblyId, 'manage');
  if (a.status !== 'draft') throw conflict('governance.assembly.not-draft');
  await inTx(db, async (tx) => {
    await tx.execute(sql`DELETE FROM assembly_documents WHERE id = ${documentId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.document.delete', subjectType: 'assembly_document', subjectId: documentId, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
}

/** Plans a sectional meeting of a draft general assembly (its agenda is copied from the general one at convocation). */
export async function addSectionalMeeting(
  db: Db,
  actor: Actor,
  generalId: string,
  input: { sectionId: string; firstCallAt: string; secondCallAt?: string | null; place?: string | null; mode: 'in_person' | 'hybrid' | 'remote'; onlineUrl?: string | null; delegates: number },
): Promise<string> {
  const g = await loadAssembly(db, actor.principal, generalId, 'manage');
  if (g.status !== 'draft') throw conflict('governance.assembly.not-draft');
  if (!g.sectional) throw conflict('governance.sectional.not-sectional');
  const s = await one<{ name: string }>(db, sql`SELECT name FROM governance_sections WHERE id = ${input.sectionId} AND cooperative_id = ${g.cooperativeId}`);
  if (!s) throw invalid([{ field: 'body/sectionId', code: 'governance.section.not-found' }]);
  const gen = await one<{ first: Date; title: string }>(db, sql`SELECT first_call_at AS first, title FROM assemblies WHERE id = ${generalId}`);
  const errors = checkCallsShape(input.firstCallAt, input.secondCallAt);
  if (gen && new Date(input.firstCallAt).getTime() >= new Date(gen.first).getTime()) errors.push({ field: 'body/firstCallAt', code: 'governance.sectional.after-general' });
  if (errors.length) throw invalid(errors);
  const dup = await one<{ id: string }>(db, sql`SELECT id FROM assemblies WHERE parent_id = ${generalId} AND section_id = ${input.sectionId}`);
  if (dup) throw conflict('governance.sectional.exists');
  return inTx(db, async (tx) => {
    const r = await one<{ id: string }>(tx, sql`
      INSERT INTO assemblies (cooperative_id, parent_id, section_id, delegates_to_elect, kind, title, mode, place, online_url, first_call_at, second_call_at, created_by)
      SELECT cooperative_id, id, ${input.sectionId}, ${input.delegates}, kind, ${`${gen?.title ?? ''} — ${s.name}`.slice(0, 300)}, ${input.mode}, ${input.place ?? null},
             ${input.onlineUrl ?? null}, ${input.firstCallAt}, ${input.secondCallAt ?? null}, ${actor.principal.accountId}
        FROM assemblies WHERE id = ${generalId} RETURNING id`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.sectional.add', subjectType: 'assembly', subjectId: r?.id ?? null, organisationId: g.cooperativeId, requestId: actor.requestId, details: { generalId, sectionId: input.sectionId } });
    return r?.id as string;
  }).catch(mapDbError);
}

