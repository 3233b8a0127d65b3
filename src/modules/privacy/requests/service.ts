// The privacy officer's requests tracker and the erasure flow. A member makes a request (access, export,
// rectification, erasure); the officers — the administrators of the member's co-ops (canManageRegister) and the
// platform's administrators — see it with its one-month deadline, extend it once by up to two months with a reason
// the member sees, answer or refuse it with a reason, and for an erasure execute it.
// Erasure is executed by an officer, not at the click: the co-op checks that nothing bars it (GDPR art. 17(3): an
// exclusion being challenged, a pending claim) and the register it keeps by law is touched. Execution is one
// transaction: the catalogue-driven erasure, the request closed with its receipt, the connected applications' notices
// and the audit entry — all or nothing. Every function takes the clock (`now`) so tests can set the date.
import { createHash, randomBytes } from 'node:crypto';
import type { Database, SqlRunner } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { ProblemError, conflict, forbidden, invalidField, notFound, unauthenticated } from '../../../core/errors.ts';
import { canManageRegister, isPlatformAdmin } from '../../registry/index.ts';
import { executeErasure, type ErasureReport } from '../erasure/executor.ts';
import { ANSWER_MONTHS, MAX_EXTENSION_MONTHS, addMonths, daysLeft, isOpen, isOverdue, type RequestStatus } from './deadlines.ts';

export type RequestKind = 'access' | 'export' | 'rectification' | 'erasure';

export interface Actor {
  principal: Principal;
  requestId: string;
}

export interface RequestView {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  cooperativeIds: string[];
  message: string | null;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  extensionReason: string | null;
  extendedAt: string | null;
  answer: string | null;
  refusalReason: string | null;
  closedAt: string | null;
  overdue: boolean;
  daysLeft: number;
  result: ErasureReport | null;
}

export interface OfficerRequestView extends RequestView {
  /** Who asked: the register's name (kept by law) or the account's name. */
  subjectName: string | null;
  accountId: string | null;
}

type Row = {
  id: string; kind: RequestKind; status: RequestStatus; cooperative_ids: string[] | string; message: string | null; account_id: string | null;
  received_at: Date | string; due_at: Date | string; extended_due_at: Date | string | null; extension_reason: string | null; extended_at: Date | string | null;
  answer: string | null; refusal_reason: string | null; closed_at: Date | string | null; result: ErasureReport | string | null; subject_name?: string | null;
};

const COLS = `r.id, r.kind, r.status, r.cooperative_ids, r.message, r.account_id, r.received_at, r.due_at, r.extended_due_at, r.extension_reason,
  r.extended_at, r.answer, r.refusal_reason, r.closed_at, r.result`;

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const iso = (v: Date | string | null): string | null => (v === null ? null : date(v).toISOString());
// pg returns uuid[] as an array; PGlite too, but be tolerant of the text form '{a,b}'.
const uuids = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

function view(r: Row, now: Date): RequestView {
  const d = { status: r.status, dueAt: date(r.due_at), extendedDueAt: r.extended_due_at ? date(r.extended_due_at) : null };
  return {
    id: r.id, kind: r.kind, status: r.status, cooperativeIds: uuids(r.cooperative_ids), message: r.message,
    receivedAt: iso(r.received_at) as string, dueAt: iso(r.due_at) as string, extendedDueAt: iso(r.extended_due_at),
    extensionReason: r.extension_reason, extendedAt: iso(r.extended_at), answer: r.answer, refusalReason: r.refusal_reason, closedAt: iso(r.closed_at),
    overdue: isOverdue(d, now), daysLeft: daysLeft(d, now),
    result: typeof r.result === 'string' ? (JSON.parse(r.result) as ErasureReport) : r.result,
  };
}

const officerView = (r: Row, now: Date): OfficerRequestView => ({ ...view(r, now), subjectName: r.subject_name ?? null, accountId: r.account_id });

const hashToken = (t: string): string => createHash('sha256').update(t).digest('hex');

async function audit(tx: Pick<SqlRunner, 'query'>, a: { actor: string | null; action: string; subjectType: string; subjectId: string; organisationId?: string | null; requestId?: string | null; details: Record<string, unknown> }): Promise<void> {
  await tx.query(`INSERT INTO audit_log (actor_account_id, action, subject_type, subject_id, organisation_id, request_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`, [
    a.actor, a.action, a.subjectType, a.subjectId, a.organisationId ?? null, a.requestId ?? null, JSON.stringify(a.details),
  ]);
}

// ---------- the member ----------

async function insertRequest(tx: SqlRunner, p: Principal, kind: RequestKind, message: string | null, coops: string[], now: Date, tokenHash: string | null): Promise<Row> {
  const { rows } = await tx.query<Row>(
    `INSERT INTO privacy_requests AS r (kind, account_id, person_id, cooperative_ids, message, received_at, due_at, receipt_token_hash)
     VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, $8) RETURNING ${COLS}`,
    [kind, p.accountId, p.personId, coops, message, now, addMonths(now, ANSWER_MONTHS), tokenHash],
  );
  return rows[0] as Row;
}

/** The co-ops whose registers hold the person (ended memberships too: the register is still theirs). */
async function coopsOf(tx: Pick<SqlRunner, 'query'>, personId: string | null): Promise<string[]> {
  if (!personId) return [];
  const { rows } = await tx.query<{ id: string }>(`SELECT DISTINCT cooperative_id AS id FROM memberships WHERE person_id = $1 ORDER BY 1`, [personId]);
  return rows.map((r) => r.id);
}

/** An access, export or rectification request, to the member's co-ops (or one of them). */
export async function createRequest(database: Database, actor: Actor, input: { kind: Exclude<RequestKind, 'erasure'>; message?: string; cooperativeId?: string }, now: Date): Promise<RequestView> {
  const p = actor.principal;
  if (input.kind === 'rectification' && !input.message?.trim()) throw invalidField('body/message', 'privacy.request.message-required');
  return database.rawTransaction(async (tx) => {
    let coops = await coopsOf(tx, p.personId);
    if (input.cooperativeId) {
      if (!coops.includes(input.cooperativeId)) throw invalidField('body/cooperativeId', 'privacy.request.not-your-coop');
      coops = [input.cooperativeId];
    }
    const r = await insertRequest(tx, p, input.kind, input.message?.trim() || null, coops, now, null);
    await audit(tx, { actor: p.accountId, action: 'privacy.request.create', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId, details: { requestId: r.id, kind: r.kind } });
    return view(r, now);
  });
}

/**
 * The member asks for erasure, confirming by typing their sign-in e-mail. Returns the request and, once only, the
 * receipt token: with it the outcome stays readable after the account is gone.
 */
export async function requestErasure(database: Database, actor: Actor, input: { confirmEmail: string; message?: string }, now: Date): Promise<{ request: RequestView; receiptToken: string }> {
  const p = actor.principal;
  if (input.confirmEmail.trim().toLowerCase() !== p.email.toLowerCase()) throw invalidField('body/confirmEmail', 'privacy.erasure.confirm-mismatch');
  const token = randomBytes(32).toString('base64url');
  return database.rawTransaction(async (tx) => {
    const { rows: open } = await tx.query<{ id: string }>(`SELECT id FROM privacy_requests WHERE account_id = $1 AND kind = 'erasure' AND status IN ('received', 'in_progress') FOR UPDATE`, [p.accountId]);
    if (open[0]) throw conflict('privacy.erasure.already-requested');
    const r = await insertRequest(tx, p, 'erasure', input.message?.trim() || null, await coopsOf(tx, p.personId), now, hashToken(token));
    await audit(tx, { actor: p.accountId, action: 'privacy.request.create', subjectType: 'account', subjectId: p.accountId, requestId: actor.requestId, details: { requestId: r.id, kind: 'erasure' } });
    return { request: view(r, now), receiptToken: token };
  });
}

export async function listMyRequests(database: Database, p: Principal | null, now: Date): Promise<RequestView[]> {
  if (!p) throw unauthenticated();
  const { rows } = await database.query<Row>(`SELECT ${COLS} FROM privacy_requests r WHERE r.account_id = $1 ORDER BY r.received_at DESC, r.id`, [p.accountId]);
  return rows.map((r) => view(r, now));
}

/** The erasure receipt by its token (no session: the account may be gone). */
export async function receiptByToken(database: Database, token: string, now: Date): Promise<RequestView> {
  const { rows } = await database.query<Row>(`SELECT ${COLS} FROM privacy_requests r WHERE r.receipt_token_hash = $1`, [hashToken(token)]);
  if (!rows[0]) throw notFound('privacy.request.not-found');
  return { ...view(rows[0], now), message: null };
}

// ---------- the officer ----------

const isOfficerAnywhere = (p: Principal): boolean => isPlatformAdmin(p) || p.grants.some((g) => g.role === 'coop_admin');
const handles = (p: Principal, coops: string[]): boolean => isPlatformAdmin(p) || coops.some((c) => canManageRegister(p, c));

const SUBJECT_NAME = `(SELECT coalesce(nullif(concat_ws(' ', pe.given_name, pe.family_name), ''), pe.legal_name) FROM people pe WHERE pe.id = r.person_id)`;

/** The requests an officer handles: one co-op's (a co-op administrator must name it), or all (platform administrators). */
export async function listOfficerRequests(
  database: Database, p: Principal | null, opts: { cooperativeId?: string; overdue?: boolean; status?: RequestStatus }, now: Date,
): Promise<{ items: OfficerRequestView[]; overdueCount: number }> {
  if (!p) throw unauthenticated();
  if (!isOfficerAnywhere(p)) throw forbidden();
  if (opts.cooperativeId ? !canManageRegister(p, opts.cooperativeId) : !isPlatformAdmin(p)) {
    throw new ProblemError(403, 'forbidden', { fields: [{ field: 'querystring/cooperativeId', code: 'privacy.request.not-officer' }] });
  }
  const { rows } = await database.query<Row>(
    `SELECT ${COLS}, coalesce(${SUBJECT_NAME}, (SELECT a.display_name FROM accounts a WHERE a.id = r.account_id)) AS subject_name
       FROM privacy_requests r
      WHERE ($1::uuid IS NULL OR $1::uuid = ANY (r.cooperative_ids))
        AND ($2::text IS NULL OR r.status = $2::text)
      ORDER BY (r.status IN ('received', 'in_progress')) DESC, coalesce(r.extended_due_at, r.due_at), r.id`,
    [opts.cooperativeId ?? null, opts.status ?? null],
  );
  const all = rows.map((r) => officerView(r, now));
  return { items: opts.overdue ? all.filter((r) => r.overdue) : all, overdueCount: all.filter((r) => r.overdue).length };
}

/** Loads an open request the principal handles, locked for the change. */
async function lockForOfficer(tx: SqlRunner, p: Principal | null, id: string): Promise<Row> {
  if (!p) throw unauthenticated();
  if (!isOfficerAnywhere(p)) throw forbidden();
  const { rows } = await tx.query<Row>(`SELECT ${COLS}, r.person_id FROM privacy_requests r WHERE r.id = $1 FOR UPDATE`, [id]);
  const r = rows[0];
  // Another co-op's request is not found: its existence is not the officer's business.
  if (!r || !handles(p, uuids(r.cooperative_ids))) throw notFound('privacy.request.not-found');
  if (!isOpen(r.status)) throw conflict('privacy.request.closed');
  return r;
}

const orgOf = (r: Row): string | null => uuids(r.cooperative_ids)[0] ?? null;

/** Marks a request as being worked on. */
export async function startRequest(database: Database, actor: Actor, id: string, now: Date): Promise<RequestView> {
  return database.rawTransaction(async (tx) => {
    const r = await lockForOfficer(tx, actor.principal, id);
    const { rows } = await tx.query<Row>(`UPDATE privacy_requests r SET status = 'in_progress' WHERE r.id = $1 RETURNING ${COLS}`, [id]);
    await audit(tx, { actor: actor.principal.accountId, action: 'privacy.request.start', subjectType: 'privacy_request', subjectId: id, organisationId: orgOf(r), requestId: actor.requestId, details: { kind: r.kind } });
    return view(rows[0] as Row, now);
  });
}

/**
 * Extends the deadline once, by one or two further months from the original one, with the reason the member sees
 * (art. 12(3): the member is told within the first month, so a request already past its month cannot be extended).
 */
export async function extendRequest(database: Database, actor: Actor, id: string, input: { reason: string; months?: number }, now: Date): Promise<RequestView> {
  const months = input.months ?? MAX_EXTENSION_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS) throw invalidField('body/months', 'privacy.request.extension-months');
  if (!input.reason.trim()) throw invalidField('body/reason', 'field.required');
  return database.rawTransaction(async (tx) => {
    const r = await lockForOfficer(tx, actor.principal, id);
    if (r.extended_due_at) throw conflict('privacy.request.already-extended');
    if (date(r.due_at).getTime() < now.getTime()) throw conflict('privacy.request.extension-late');
    const until = addMonths(date(r.received_at), ANSWER_MONTHS + months);
    const { rows } = await tx.query<Row>(
      `UPDATE privacy_requests r SET extended_due_at = $2, extension_reason = $3, extended_at = $4, extended_by = $5, status = 'in_progress' WHERE r.id = $1 RETURNING ${COLS}`,
      [id, until, input.reason.trim(), now, actor.principal.accountId],
    );
    await audit(tx, { actor: actor.principal.accountId, action: 'privacy.request.extend', subjectType: 'privacy_request', subjectId: id, organisationId: orgOf(r), requestId: actor.requestId, details: { kind: r.kind, months } });
    return view(rows[0] as Row, now);
  });
}

/** Answers (the request was met) or refuses with the reason (art. 12(4): the member is told why and may complain). */
export async function closeRequest(database: Database, actor: Actor, id: string, input: { outcome: 'answered' | 'refused'; text: string }, now: Date): Promise<RequestView> {
  const text = input.text.trim();
  if (!text) throw invalidField(input.outcome === 'refused' ? 'body/reason' : 'body/answer', 'field.required');
  return database.rawTransaction(async (tx) => {
    const r = await lockForOfficer(tx, actor.principal, id);
    // An erasure is answered by executing it, so "answered" always means done.
    if (r.kind === 'erasure' && input.outcome === 'answered') throw conflict('privacy.erasure.execute-instead');
    const { rows } = await tx.query<Row>(
      `UPDATE privacy_requests r SET status = $2, answer = CASE WHEN $2 = 'answered' THEN $3 ELSE answer END,
              refusal_reason = CASE WHEN $2 = 'refused' THEN $3 ELSE refusal_reason END, closed_at = $4, closed_by = $5
        WHERE r.id = $1 RETURNING ${COLS}`,
      [id, input.outcome, text, now, actor.principal.accountId],
    );
    await audit(tx, { actor: actor.principal.accountId, action: `privacy.request.${input.outcome === 'answered' ? 'answer' : 'refuse'}`, subjectType: 'privacy_request', subjectId: id, organisationId: orgOf(r), requestId: actor.requestId, details: { kind: r.kind } });
    return view(rows[0] as Row, now);
  });
}

/**
 * Executes an erasure request in one transaction: the catalogue's rules applied to the member's account and person,
 * the request answered with the receipt, a notice per connected application in the outbox, the audit entry.
 */
export async function executeErasureRequest(database: Database, actor: Actor, id: string, key: string, now: Date): Promise<RequestView> {
  return database.rawTransaction(async (tx) => {
    const r = (await lockForOfficer(tx, actor.principal, id)) as Row & { person_id: string | null };
    if (r.kind !== 'erasure') throw conflict('privacy.erasure.not-erasure');
    if (!r.account_id) throw conflict('privacy.erasure.no-account');
    const report = await executeErasure(tx, { accountId: r.account_id, personIds: r.person_id ? [r.person_id] : [] }, key);
    for (const c of report.clients) {
      await tx.query(`INSERT INTO privacy_erasure_notices (request_id, client_id, client_name, subject) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [id, c.clientId, c.clientName, c.subject]);
    }
    const { rows } = await tx.query<Row>(
      `UPDATE privacy_requests r SET status = 'answered', answer = 'erasure-executed', result = $2::jsonb, closed_at = $3, closed_by = $4, person_id = NULL
        WHERE r.id = $1 RETURNING ${COLS}`,
      [id, JSON.stringify(report), now, actor.principal.accountId],
    );
    const count = (o: string) => report.tables.filter((t) => t.outcome === o).reduce((n, t) => n + t.rows, 0);
    await audit(tx, {
      actor: actor.principal.accountId, action: 'privacy.erasure', subjectType: 'account', subjectId: r.account_id, organisationId: orgOf(r), requestId: actor.requestId,
      details: { requestId: id, deleted: count('deleted'), updated: count('updated'), kept: count('kept'), clientsNotified: report.clients.length },
    });
    return view(rows[0] as Row, now);
  });
}
