// The append-only audit log: every service writes an entry in the same transaction as its change.
import { pgTable, bigserial, uuid, text, timestamp, jsonb } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  actorAccountId: uuid('actor_account_id'),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  organisationId: uuid('organisation_id'),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
});

export interface AuditEntry {
  actorAccountId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  organisationId?: string | null;
  requestId?: string | null;
  /** Ids and codes only: no personal data beyond ids. */
  details?: Record<string, unknown>;
}

/** Appends an entry; pass the transaction so the entry commits or rolls back with the change. */
export async function audit(db: Pick<Db, 'insert'>, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorAccountId: entry.actorAccountId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    organisationId: entry.organisationId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? {},
  });
}
