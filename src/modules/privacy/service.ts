// Privacy use cases: the member's consents (one purpose each, given and withdrawn with equal ease, every change kept),
// the published privacy notice and terms, the access log of who looked at or changed the member's data, and the
// export's audit entry. Each authorises first and writes in one transaction with its audit entry.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import type { Principal } from '../../core/http.ts';
import type { Locale } from '../../core/i18n.ts';
import { ProblemError, forbidden, notFound, unauthenticated } from '../../core/errors.ts';

export interface Actor {
  principal: Principal;
  requestId: string;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());

// ---------- documents ----------

export type DocumentKind = 'privacy_notice' | 'terms';

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  version: number;
  title: string;
  body: string;
  publishedAt: string;
}

type DocumentRow = { id: string; kind: DocumentKind; version: number; title_it: string; title_en: string; body_it: string; body_en: string; published_at: string | Date };

const documentView = (r: DocumentRow, locale: Locale): DocumentView => ({
  id: r.id,
  kind: r.kind,
  version: r.version,
  title: locale === 'en' ? r.title_en : r.title_it,
  body: locale === 'en' ? r.body_en : r.body_it,
  publishedAt: iso(r.published_at) as string,
});

export async function currentDocument(db: Db, kind: DocumentKind, locale: Locale): Promise<DocumentView> {
  const [row] = await queryRows<DocumentRow>(db, sql`
    SELECT id, kind, version, title_it, title_en, body_it, body_en, published_at FROM privacy_documents
     WHERE kind = ${kind} ORDER BY version DESC LIMIT 1`);
  if (!row) throw notFound('privacy.document-not-found');
  return documentView(row, locale);
}

export interface DocumentInput {
  kind: DocumentKind;
  titleIt: string;
  titleEn: string;
  bodyIt: string;
  bodyEn: string;
}

/** A platform administrator publishes a new version (the previous ones stay, for the consents given under them). */
export async function publishDocument(db: Db, actor: Actor, input: DocumentInput, locale: Locale): Promise<DocumentView> {
  if (!actor.principal.grants.some((g) => g.role === 'platform_admin')) throw forbidden();
  const row = await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE privacy_documents IN SHARE ROW EXCLUSIVE MODE`);
    const [r] = await queryRows<DocumentRow>(tx, sql`
      INSERT INTO privacy_documents (kind, version, title_it, title_en, body_it, body_en, published_by)
      SELECT ${input.kind}, COALESCE(MAX(version), 0) + 1, ${input.titleIt}, ${input.titleEn}, ${input.bodyIt}, ${input.bodyEn}, ${actor.principal.accountId}
        FROM privacy_documents WHERE kind = ${input.kind}
      RETURNING id, kind, version, title_it, title_en, body_it, body_en, published_at`);
    if (!r) throw new Error('insert returned nothing');
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'privacy.document.publish', subjectType: 'privacy_document', subjectId: r.id, requestId: actor.requestId, details: { kind: r.kind, version: r.version } });
    return r;
  });
  return documentView(row, locale);
}

// ---------- consents ----------

const purposeNotFound = () =>
  new ProblemError(404, 'not-found', { detailKey: 'privacy.purpose-not-found', fields: [{ field: 'params/purpose', code: 'privacy.purpose-not-found' }] });

export interface ConsentHistoryItem {
  givenAt: string;
  withdrawnAt: string | null;
  noticeVersion: number | null;
}
export interface ConsentView {
  purpose: string;
  label: string;
  description: string;
  given: boolean;
  /** When the consent in force was given (null: not given now). */
  givenAt: string | null;
  /** When it was last withdrawn (null: never, or given again since). */
  withdrawnAt: string | null;
  history: ConsentHistoryItem[];
}

type PurposeRow = { purpose: string; label_it: string; label_en: string; description_it: string; description_en: string };
type ConsentRow = { purpose: string; given_at: string | Date; withdrawn_at: string | Date | null; notice_version: number | null };

async function consentViews(db: Db, accountId: string, locale: Locale, only?: string): Promise<ConsentView[]> {
  const purposes = await queryRows<PurposeRow>(db, sql`
    SELECT purpose, label_it, label_en, description_it, description_en FROM consent_purposes
     WHERE ${only ?? null}::text IS NULL OR purpose = ${only ?? null} ORDER BY position, purpose`);
  const rows = await queryRows<ConsentRow>(db, sql`
    SELECT c.purpose, c.given_at, c.withdrawn_at, d.version AS notice_version
      FROM consents c LEFT JOIN privacy_documents d ON d.id = c.notice_id
     WHERE c.account_id = ${accountId} ORDER BY c.given_at DESC, c.id DESC`);
  return purposes.map((p) => {
    const history = rows.filter((r) => r.purpose === p.purpose).map((r) => ({ givenAt: iso(r.given_at) as string, withdrawnAt: iso(r.withdrawn_at), noticeVersion: r.notice_version }));
    const open = history.find((h) => h.withdrawnAt === null);
    return {
      purpose: p.purpose,
      label: locale === 'en' ? p.label_en : p.label_it,
      description: locale === 'en' ? p.description_en : p.description_it,
      given: Boolean(open),
      givenAt: open?.givenAt ?? null,
      withdrawnAt: open ? null : (history[0]?.withdrawnAt ?? null),
      history,
    };
  });
}

export async function listConsents(db: Db, p: Principal | null, locale: Locale): Promise<{ notice: DocumentView | null; items: ConsentView[] }> {
  if (!p) throw unauthenticated();
  const notice = await currentDocument(db, 'privacy_notice', locale).catch(() => null);
  return { notice, items: await consentViews(db, p.accountId, locale) };
}

/** Gives or withdraws one purpose's consent; doing what is already done changes nothing (and logs nothing). */
export async function setConsent(db: Db, actor: Actor, purpose: string, given: boolean, locale: Locale): Promise<ConsentView> {
  const accountId = actor.principal.accountId;
  await db.transaction(async (tx) => {
    const [known] = await queryRows<{ purpose: string }>(tx, sql`SELECT purpose FROM consent_purposes WHERE purpose = ${purpose}`);
    if (!known) throw purposeNotFound();
    // Serialise this account's changes to this purpose (a double click must not give twice).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`consent:${accountId}:${purpose}`}))`);
    let changed = 0;
    if (given) {
      const res = await queryRows<{ id: string }>(tx, sql`
        INSERT INTO consents (account_id, purpose, notice_id)
        SELECT ${accountId}, ${purpose}, (SELECT id FROM privacy_documents WHERE kind = 'privacy_notice' ORDER BY version DESC LIMIT 1)
         WHERE NOT EXISTS (SELECT 1 FROM consents WHERE account_id = ${accountId} AND purpose = ${purpose} AND withdrawn_at IS NULL)
        RETURNING id`);
      changed = res.length;
    } else {
      const res = await queryRows<{ id: string }>(tx, sql`
        UPDATE consents SET withdrawn_at = greatest(now(), given_at) WHERE account_id = ${accountId} AND purpose = ${purpose} AND withdrawn_at IS NULL RETURNING id`);
      changed = res.length;
    }
    if (changed > 0) {
      await audit(tx, { actorAccountId: accountId, action: given ? 'consent.give' : 'consent.withdraw', subjectType: 'account', subjectId: accountId, requestId: actor.requestId, details: { purpose } });
    }
  });
  const [view] = await consentViews(db, accountId, locale, purpose);
  if (!view) throw purposeNotFound();
  return view;
}

// ---------- access log ----------

export interface AccessLogEntry {
  id: number;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  /** Who acted: never hidden. null = the platform itself (a background job, the system). */
  actor: { accountId: string; displayName: string; self: boolean; roles: { role: string; organisationId: string | null; organisationName: string | null }[] } | null;
  details: Record<string, unknown>;
}

/**
 * Who looked at or changed the member's data: the audit log's entries whose subject is the member's account, person
 * or one of their memberships, newest first; `others` keeps only what someone else did.
 */
export async function listAccessLog(db: Db, p: Principal | null, opts: { page?: number; pageSize?: number; others?: boolean }): Promise<{ items: AccessLogEntry[]; page: number; pageSize: number; hasMore: boolean }> {
  if (!p) throw unauthenticated();
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, opts.pageSize ?? 25));
  const person = p.personId;
  const rows = await queryRows<{
    id: number; at: string | Date; action: string; subject_type: string; subject_id: string | null; organisation_id: string | null; organisation_name: string | null;
    actor_account_id: string | null; actor_name: string | null; actor_roles: { role: string; organisationId: string | null; organisationName: string | null }[] | string | null; details: Record<string, unknown> | string;
  }>(db, sql`
    SELECT l.id, l.at, l.action, l.subject_type, l.subject_id, l.organisation_id, o.name AS organisation_name,
           l.actor_account_id, a.display_name AS actor_name,
           (SELECT coalesce(json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id, 'organisationName', go.name) ORDER BY g.role, go.name), '[]'::json)
              FROM role_grants g LEFT JOIN organisations go ON go.id = g.organisation_id WHERE g.account_id = l.actor_account_id) AS actor_roles,
           l.details
      FROM audit_log l
      LEFT JOIN accounts a ON a.id = l.actor_account_id
      LEFT JOIN organisations o ON o.id = l.organisation_id
     WHERE ((l.subject_type = 'account' AND l.subject_id = ${p.accountId})
         OR (${person}::uuid IS NOT NULL AND l.subject_type = 'person' AND l.subject_id = ${person}::text)
         OR (${person}::uuid IS NOT NULL AND l.subject_type = 'membership' AND l.subject_id IN (SELECT m.id::text FROM memberships m WHERE m.person_id = ${person}::uuid)))
       AND (NOT ${opts.others ?? false} OR l.actor_account_id IS DISTINCT FROM ${p.accountId}::uuid)
     ORDER BY l.at DESC, l.id DESC
     LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`);
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const items = rows.slice(0, pageSize).map((r) => ({
    id: Number(r.id),
    at: iso(r.at) as string,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    actor: r.actor_account_id
      ? { accountId: r.actor_account_id, displayName: r.actor_name ?? '', self: r.actor_account_id === p.accountId, roles: parse(r.actor_roles) ?? [] }
      : null,
    details: parse(r.details) ?? {},
  }));
  return { items, page, pageSize, hasMore: rows.length > pageSize };
}

/** The download of a copy is itself in the log. */
export async function auditExport(db: Db, actor: Actor, details: Record<string, unknown>): Promise<void> {
  await audit(db, { actorAccountId: actor.principal.accountId, action: 'privacy.export', subjectType: 'account', subjectId: actor.principal.accountId, requestId: actor.requestId, details });
}
