// Erasure (GDPR art. 17) driven by the catalogue: every exported table's rule says what happens to the member's rows
// — deleted, kept whole by law, or updated column by column (emptied, redacted, pseudonymised with HMAC-SHA256 under
// a key kept outside the database, or closed). Runs inside the caller's transaction, so it is all or nothing, and
// returns the receipt: per table what was deleted, pseudonymised and kept, with the legal basis.
import { createHmac } from 'node:crypto';
import type { SqlRunner } from '../../../core/db.ts';
import { CATALOGUE, EXPORTED, type Bilingual, type ColumnErasure, type ExportedTable } from '../catalogue.ts';

export interface ErasureSubject {
  accountId: string;
  personIds: string[];
}

export interface TableOutcome {
  table: string;
  section: string | null;
  title: Bilingual | null;
  outcome: 'deleted' | 'kept' | 'updated';
  rows: number;
  /** For updated rows: columns emptied or redacted, pseudonymised, and kept. */
  erased: string[];
  pseudonymised: string[];
  kept: string[];
  basis: Bilingual | null;
}

export interface ConnectedClient {
  clientId: string;
  clientName: string;
  /** The pairwise subject this client knows the member by. */
  subject: string;
}

export interface ErasureReport {
  executedAt: string;
  tables: TableOutcome[];
  clients: ConnectedClient[];
}

/** Replaces a NOT NULL text that must go (a name, a comment, a credential's content). */
export const REDACTED = '[dati cancellati / data erased]';

/** The keyed hash: the same value gives the same pseudonym (so the key holder can match it), nobody else can invert it. */
export const pseudonym = (key: string, value: string): string => `hmac-sha256:${createHmac('sha256', key).update(value).digest('base64url')}`;

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** Types both parameters ($1 person ids, $2 account id) even for a predicate that uses one of them. */
const SUBJECT = 'WITH subject AS (SELECT $1::uuid[] AS p, $2::uuid AS a)';

function setClause(col: string, rule: ColumnErasure): string | null {
  if (rule === 'keep' || rule === 'pseudonymise') return null;
  if (rule === 'null') return `${q(col)} = NULL`;
  if (rule === 'redact') return `${q(col)} = ${lit(REDACTED)}`;
  return `${q(col)} = coalesce(${q(col)}, ${rule.fill === 'now' ? 'now()' : lit(rule.fill)})`;
}

/**
 * The applications the member authorised (from their OIDC grants), with the pairwise subject each knows them by:
 * HMAC-SHA256(salt, sector|account), the provider's rule, where the sector is the host of the sector identifier URI
 * or of the first redirect URI (oidc-provider's sector_identifier helper).
 */
async function connectedClients(tx: SqlRunner, accountId: string): Promise<ConnectedClient[]> {
  const { rows } = await tx.query<{ client_id: string; name: string; redirect_uris: string[]; sector_identifier_uri: string | null }>(
    `SELECT DISTINCT c.client_id, c.name, c.redirect_uris, c.sector_identifier_uri
       FROM oidc_models g JOIN oidc_clients c ON c.client_id = g.payload->>'clientId'
      WHERE g.model = 'Grant' AND g.payload->>'accountId' = $1::text ORDER BY c.client_id`,
    [accountId],
  );
  if (rows.length === 0) return [];
  const { rows: salt } = await tx.query<{ value: string }>(`SELECT value FROM platform_secrets WHERE name = 'oidc-pairwise-salt'`);
  return rows.map((r) => {
    const sector = new URL(r.sector_identifier_uri ?? r.redirect_uris[0] ?? `https://${r.client_id}.invalid`).host;
    const subject = salt[0] ? createHmac('sha256', salt[0].value).update(`${sector}|${accountId}`).digest('base64url') : '';
    return { clientId: r.client_id, clientName: r.name, subject };
  });
}

/** Erases the subject's data as the catalogue says. Call inside a transaction. */
export async function executeErasure(tx: SqlRunner, subject: ErasureSubject, key: string): Promise<ErasureReport> {
  const params = [subject.personIds, subject.accountId];
  const clients = await connectedClients(tx, subject.accountId);
  const outcomes = new Map<string, TableOutcome>();
  const outcome = (e: ExportedTable | null, table: string, o: Omit<TableOutcome, 'table' | 'section' | 'title'>) =>
    outcomes.set(table, { table, section: e?.section ?? null, title: e?.title ?? null, ...o });

  // Deletions first, children before parents (reverse catalogue order), and before the updates: some predicates
  // (failed sign-ins, mail) find rows by the account's e-mail, which the updates pseudonymise.
  for (const e of [...CATALOGUE].reverse()) {
    const rule = e.erasure;
    if (!rule || rule.action !== 'delete') continue;
    const where = rule.rows ?? (e.kind === 'export' ? e.rows : null);
    if (!where) continue;
    const { affectedRows } = await tx.query(`${SUBJECT} DELETE FROM "${e.table}" t WHERE (${where})`, params);
    if (e.kind === 'export' && affectedRows > 0) outcome(e, e.table, { outcome: 'deleted', rows: affectedRows, erased: Object.keys(e.columns), pseudonymised: [], kept: [], basis: null });
  }

  for (const e of EXPORTED) {
    const rule = e.erasure;
    if (rule.action === 'delete') continue;
    const where = (rule.action === 'update' ? rule.rows : undefined) ?? e.rows;
    const { rows: counted } = await tx.query<{ n: number }>(`${SUBJECT} SELECT count(*)::int AS n FROM "${e.table}" t WHERE (${where})`, params);
    const n = Number(counted[0]?.n ?? 0);
    if (n === 0) continue;
    if (rule.action === 'keep') {
      outcome(e, e.table, { outcome: 'kept', rows: n, erased: [], pseudonymised: [], kept: Object.keys(e.columns), basis: rule.basis });
      continue;
    }
    const cols = Object.entries(rule.columns);
    // Pseudonymise value by value (the hash is computed here: the key never reaches the database).
    for (const [col] of cols.filter(([, r]) => r === 'pseudonymise')) {
      const { rows: values } = await tx.query<{ v: string }>(`${SUBJECT} SELECT DISTINCT t.${q(col)}::text AS v FROM "${e.table}" t WHERE (${where}) AND t.${q(col)} IS NOT NULL`, params);
      for (const { v } of values) {
        if (v.startsWith('hmac-sha256:')) continue; // already a pseudonym (a second erasure)
        await tx.query(`${SUBJECT} UPDATE "${e.table}" t SET ${q(col)} = $4 WHERE (${where}) AND t.${q(col)}::text = $3`, [...params, v, pseudonym(key, v)]);
      }
    }
    const sets = cols.map(([c, r]) => setClause(c, r)).filter((s): s is string => s !== null);
    if (sets.length > 0) await tx.query(`${SUBJECT} UPDATE "${e.table}" t SET ${sets.join(', ')} WHERE (${where})`, params);
    outcome(e, e.table, {
      outcome: 'updated',
      rows: n,
      erased: cols.filter(([, r]) => r === 'null' || r === 'redact').map(([c]) => c),
      pseudonymised: cols.filter(([, r]) => r === 'pseudonymise').map(([c]) => c),
      kept: cols.filter(([, r]) => r === 'keep' || typeof r === 'object').map(([c]) => c),
      basis: rule.basis,
    });
  }

  const order = new Map(CATALOGUE.map((e, i) => [e.table, i]));
  const tables = [...outcomes.values()].sort((a, b) => (order.get(a.table) ?? 0) - (order.get(b.table) ?? 0));
  return { executedAt: new Date().toISOString(), tables, clients };
}
