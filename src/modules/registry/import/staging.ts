// Bulk loading of a batch into a temporary table with COPY (the fastest path into PostgreSQL, and the one PGlite
// supports too): the table lives only for the batch's transaction (ON COMMIT DROP), so a killed import leaves
// nothing behind.
import type { SqlRunner } from '../../../core/db.ts';

export type StageValue = string | number | boolean | null | readonly string[];

/** One CSV field for COPY … (FORMAT csv): NULL is an unquoted empty field, text is always quoted. */
export function copyField(v: StageValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'string') return `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`;
  // Arrays hold codes and uuids only ([a-z0-9_-]), so the array literal needs no inner quoting.
  return `"{${v.join(',')}}"`;
}

export interface StageColumn {
  name: string;
  type: string;
}

/** The COPY payload of a batch: built while the previous batch is still in the database. */
export function copyText(rows: readonly (readonly StageValue[])[]): string {
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as readonly StageValue[];
    let line = copyField(r[0] as StageValue);
    for (let j = 1; j < r.length; j++) line += ',' + copyField(r[j] as StageValue);
    lines[i] = line;
  }
  return lines.join('\n') + '\n';
}

export async function stage(tx: SqlRunner, table: string, columns: readonly StageColumn[], text: string): Promise<void> {
  await tx.query(`CREATE TEMP TABLE ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  if (text === '\n') return;
  await tx.copyFrom(`COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN WITH (FORMAT csv)`, text);
}

/** Serialises writers to one register (or to the co-op list) across processes for the batch's transaction. */
export async function lockFor(tx: SqlRunner, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

export async function auditBatch(
  tx: SqlRunner,
  entry: { actorAccountId: string | null; action: string; subjectType: string; subjectId: string | null; organisationId: string | null; requestId: string | null; details: Record<string, unknown> },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_account_id, action, subject_type, subject_id, organisation_id, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [entry.actorAccountId, entry.action, entry.subjectType, entry.subjectId, entry.organisationId, entry.requestId, JSON.stringify(entry.details)],
  );
}
