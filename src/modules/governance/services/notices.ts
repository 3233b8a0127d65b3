// Convocation notices: one in the app for every member on the roll, and an e-mail in the outbox for those with an
// address (the identity module's mailer sends it; until then an administrator reads the outbox). Receipt is tracked:
// opened (the member viewed the notice in the app, or followed the link in the e-mail) and acknowledged (the member
// confirmed receipt, which is the proof of receipt a shorter notice period relies on, art. 2366 c. 3 c.c.).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import { requireManage } from './access.ts';
import { iso, one, rows } from './common.ts';

export interface NoticeContext {
  assemblyId: string;
  cooperativeId: string;
  coopName: string;
  title: string;
  kind: string;
  firstCallAt: Date;
  secondCallAt: Date | null;
  place: string | null;
  mode: string;
  agenda: string[];
  publicUrl: string;
  /** 'smtp': queued in the platform's mail outbox for delivery; 'outbox': kept there for the administrators to read. */
  mail: 'smtp' | 'outbox';
  /** When the notice goes out (the convocation's time). */
  sentAt: Date;
}

const fmt = (d: Date, lang: Locale) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', { timeZone: 'Europe/Rome', dateStyle: 'full', timeStyle: 'short' }).format(d);

/** The convocation e-mail in one language; `{name}` and `{link}` are filled in per member by the SQL. */
function noticeText(c: NoticeContext, lang: Locale): { subject: string; body: string } {
  return {
    subject: t(lang, 'governance.notice.subject', { coop: c.coopName, title: c.title }),
    body: t(lang, 'governance.notice.body', {
      coop: c.coopName,
      title: c.title,
      kind: t(lang, `governance.kind.${c.kind}`).toLocaleLowerCase(lang), // mid-sentence: «l’assemblea ordinaria»
      first: fmt(c.firstCallAt, lang),
      second: c.secondCallAt ? fmt(c.secondCallAt, lang) : '—',
      place: c.place ?? '—',
      mode: t(lang, `governance.mode.${c.mode}`),
      agenda: c.agenda.map((a, i) => `${i + 1}. ${a}`).join('\n'),
    }),
  };
}

/**
 * Writes the notices (app + outbox) for every member on the roll who has none yet, set-based: at convocation that is
 * everyone; after the roll is taken again, only members it added (a correction of the register) are notified.
 */
export async function createNotices(tx: Db, c: NoticeContext): Promise<{ notices: number; emails: number }> {
  const n = await one<{ n: number }>(tx, sql`
    WITH ins AS (INSERT INTO governance_notices (assembly_id, person_id, created_at)
                 SELECT assembly_id, person_id, ${c.sentAt.toISOString()}::timestamptz FROM assembly_roll WHERE assembly_id = ${c.assemblyId}
                 ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  // Each member reads it in their account's language (Italian without an account).
  const it = noticeText(c, 'it');
  const en = noticeText(c, 'en');
  const base = `${c.publicUrl.replace(/\/$/, '')}/api/v1/governance/receipts/`;
  // The token (a random UUID) is only in the e-mail; the outbox row keeps its SHA-256 for the receipt link.
  const e = await one<{ n: number }>(tx, sql`
    WITH tok AS (
      SELECT r.person_id, gen_random_uuid()::text AS token, gen_random_uuid() AS mail_id, p.email,
             coalesce(p.given_name || ' ' || p.family_name, p.legal_name) AS name, coalesce(acc.locale, 'it') AS lang
        FROM assembly_roll r JOIN people p ON p.id = r.person_id LEFT JOIN accounts acc ON acc.person_id = r.person_id
       WHERE r.assembly_id = ${c.assemblyId} AND p.email IS NOT NULL AND p.email <> ''
         AND NOT EXISTS (SELECT 1 FROM governance_outbox o WHERE o.assembly_id = ${c.assemblyId} AND o.person_id = r.person_id)),
    ins AS (
      INSERT INTO governance_outbox (cooperative_id, assembly_id, person_id, to_address, subject, body, receipt_token_hash, created_at, mail_id)
      SELECT ${c.cooperativeId}, ${c.assemblyId}, person_id, email, CASE WHEN lang = 'en' THEN ${en.subject} ELSE ${it.subject} END,
             replace(replace(CASE WHEN lang = 'en' THEN ${en.body} ELSE ${it.body} END, '{name}', name), '{link}', ${base} || token),
             encode(sha256(convert_to(token, 'UTF8')), 'hex'), ${c.sentAt.toISOString()}::timestamptz, mail_id
        FROM tok RETURNING to_address, subject, body, mail_id),
    -- The same message through the platform's mailer (identity's mail_outbox), which delivers it over SMTP; the row
    -- above keeps the receipt token's hash, so opening the link records the proof of receipt, and the mail's id, so
    -- its sending stamps the row (migration 0033's trigger).
    mail AS (
      INSERT INTO mail_outbox (id, to_address, subject, text_body, template, locale, status, created_at)
      SELECT ins.mail_id, ins.to_address, ins.subject, ins.body, 'governance-convocation', tok.lang, ${c.mail === 'smtp' ? 'pending' : 'outbox'}, ${c.sentAt.toISOString()}::timestamptz
        FROM ins JOIN tok ON tok.mail_id = ins.mail_id RETURNING 1)
    SELECT count(*)::int AS n FROM mail`);
  return { notices: n?.n ?? 0, emails: e?.n ?? 0 };
}

export interface NoticeView {
  assemblyId: string;
  cooperativeId: string;
  cooperativeName: string;
  title: string;
  kind: string;
  status: string;
  firstCallAt: string;
  secondCallAt: string | null;
  createdAt: string;
  openedAt: string | null;
  acknowledgedAt: string | null;
}

const noticeColumns = sql`n.assembly_id AS "assemblyId", a.cooperative_id AS "cooperativeId", o.name AS "cooperativeName", a.title, a.kind, a.status,
  ${iso('a.first_call_at')} AS "firstCallAt", ${iso('a.second_call_at')} AS "secondCallAt", ${iso('n.created_at')} AS "createdAt",
  ${iso('n.opened_at')} AS "openedAt", ${iso('n.acknowledged_at')} AS "acknowledgedAt"`;

export async function myNotices(db: Db, p: Principal): Promise<NoticeView[]> {
  if (!p.personId) return [];
  return rows<NoticeView>(db, sql`
    SELECT ${noticeColumns} FROM governance_notices n JOIN assemblies a ON a.id = n.assembly_id JOIN organisations o ON o.id = a.cooperative_id
     WHERE n.person_id = ${p.personId} ORDER BY a.first_call_at DESC LIMIT 200`);
}

/** Marks the member's notice opened or acknowledged (the first time only: receipts keep their first moment). */
export async function markNotice(db: Db, p: Principal, assemblyId: string, what: 'open' | 'acknowledge'): Promise<NoticeView> {
  if (!p.personId) throw notFound('governance.notice.not-found');
  const set = what === 'open' ? sql`opened_at = coalesce(opened_at, now())` : sql`opened_at = coalesce(opened_at, now()), acknowledged_at = coalesce(acknowledged_at, now())`;
  const r = await one<{ ok: number }>(db, sql`UPDATE governance_notices SET ${set} WHERE assembly_id = ${assemblyId} AND person_id = ${p.personId} RETURNING 1 AS ok`);
  if (!r) throw notFound('governance.notice.not-found');
  const v = await one<NoticeView>(db, sql`
    SELECT ${noticeColumns} FROM governance_notices n JOIN assemblies a ON a.id = n.assembly_id JOIN organisations o ON o.id = a.cooperative_id
     WHERE n.assembly_id = ${assemblyId} AND n.person_id = ${p.personId}`);
  return v as NoticeView;
}

/** Follows the receipt link of an e-mail: records that it was opened (no sign-in: the token is the proof). */
export async function receiptByToken(db: Db, token: string): Promise<{ assemblyTitle: string; openedAt: string } | null> {
  const hash = createHash('sha256').update(token).digest('hex');
  const r = await one<{ assemblyId: string; personId: string | null }>(db, sql`
    UPDATE governance_outbox SET opened_at = coalesce(opened_at, now()) WHERE receipt_token_hash = ${hash}
    RETURNING assembly_id AS "assemblyId", person_id AS "personId"`);
  if (!r) return null;
  if (r.personId) {
    await db.execute(sql`UPDATE governance_notices SET opened_at = coalesce(opened_at, now()) WHERE assembly_id = ${r.assemblyId} AND person_id = ${r.personId}`);
  }
  return (await one<{ assemblyTitle: string; openedAt: string }>(db, sql`
    SELECT a.title AS "assemblyTitle", ${iso('o.opened_at')} AS "openedAt" FROM governance_outbox o JOIN assemblies a ON a.id = o.assembly_id
     WHERE o.receipt_token_hash = ${hash}`)) ?? null;
}

/** Receipt figures of an assembly's notices, and a page of them (administrators, staff). */
export async function noticeReport(db: Db, p: Principal, assemblyId: string, readAccess: boolean, page: number, pageSize: number) {
  if (!readAccess) throw forbidden();
  const [totals] = await rows<{ notices: number; opened: number; acknowledged: number; emails: number; emailsOpened: number }>(db, sql`
    SELECT (SELECT count(*)::int FROM governance_notices WHERE assembly_id = ${assemblyId}) AS notices,
           (SELECT count(*)::int FROM governance_notices WHERE assembly_id = ${assemblyId} AND opened_at IS NOT NULL) AS opened,
           (SELECT count(*)::int FROM governance_notices WHERE assembly_id = ${assemblyId} AND acknowledged_at IS NOT NULL) AS acknowledged,
           (SELECT count(*)::int FROM governance_outbox WHERE assembly_id = ${assemblyId}) AS emails,
           (SELECT count(*)::int FROM governance_outbox WHERE assembly_id = ${assemblyId} AND opened_at IS NOT NULL) AS "emailsOpened"`);
  const items = await rows<{ personId: string; name: string; registerNumber: number | null; openedAt: string | null; acknowledgedAt: string | null; email: string | null; emailOpenedAt: string | null }>(db, sql`
    SELECT n.person_id AS "personId", coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name, r.register_number AS "registerNumber",
           ${iso('n.opened_at')} AS "openedAt", ${iso('n.acknowledged_at')} AS "acknowledgedAt",
           ob.to_address AS email, ${iso('ob.opened_at')} AS "emailOpenedAt"
      FROM governance_notices n JOIN people pe ON pe.id = n.person_id
      LEFT JOIN assembly_roll r ON r.assembly_id = n.assembly_id AND r.person_id = n.person_id
      LEFT JOIN governance_outbox ob ON ob.assembly_id = n.assembly_id AND ob.person_id = n.person_id
     WHERE n.assembly_id = ${assemblyId}
     ORDER BY r.register_number NULLS LAST, n.person_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { totals: totals ?? { notices: 0, opened: 0, acknowledged: 0, emails: 0, emailsOpened: 0 }, items, page, pageSize };
}

/** The co-op's e-mail outbox, newest first (administrators). */
export async function listOutbox(db: Db, p: Principal, coopId: string, page: number, pageSize: number) {
  await requireManage(db, p, coopId);
  const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM governance_outbox WHERE cooperative_id = ${coopId}`);
  // delivery: the mailer's state of the e-mail ('outbox' without SMTP: read here, never sent); null once purged.
  const items = await rows<{ id: string; assemblyId: string | null; toAddress: string; subject: string; body: string; createdAt: string; sentAt: string | null; openedAt: string | null; delivery: 'pending' | 'sent' | 'failed' | 'outbox' | null }>(db, sql`
    SELECT g.id, g.assembly_id AS "assemblyId", g.to_address AS "toAddress", g.subject, g.body, ${iso('g.created_at')} AS "createdAt",
           ${iso('g.sent_at')} AS "sentAt", ${iso('g.opened_at')} AS "openedAt", coalesce(m.status, CASE WHEN g.sent_at IS NOT NULL THEN 'sent' END) AS delivery
      FROM governance_outbox g LEFT JOIN mail_outbox m ON m.id = g.mail_id
     WHERE g.cooperative_id = ${coopId} ORDER BY g.created_at DESC, g.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { items, total: count?.n ?? 0, page, pageSize };
}
