// Import of exchange entries from CSV or XLSX (payroll, till, delivery systems), with the registry's spreadsheet
// reader: `;` or `,`, UTF-8/BOM/Latin-1, `1.234,56`, dd/mm/yyyy. Rows are validated, their member resolved by member
// number or tax code, and written in batches, each one transaction; a dry run does the same and rolls back.
// Re-importing is idempotent: every row has a natural key — its reference column, or a hash of its content and
// its occurrence in the file — stored as external_ref, so rows already imported are counted unchanged.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import {
  openSource,
  cellText,
  parseText,
  parseDateCell,
  parseCentsCell,
  parseIntCell,
  parseItalianNumber,
  isBlankRow,
  ImportFileError,
  type Cell,
  type SourceRow,
} from '../../registry/index.ts';
import { normaliseEntry, withinMembership, milliToDecimal, type NormalEntry } from '../domain/index.ts';
import { EXCHANGE_COLUMNS, KIND_VOCABULARY, mapExchangeColumns, type ExchangeColumnKey, type ExchangeMapping } from './columns.ts';
import { todayIso } from '../services/access.ts';

export type ImportMode = 'dry-run' | 'commit';

export interface ImportIssue {
  row: number | null;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
}

export interface ExchangeImportReport {
  mode: ImportMode;
  format: 'csv' | 'xlsx';
  encoding: string;
  delimiter: string | null;
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  inserted: number;
  unchanged: number;
  committed: boolean;
  errors: ImportIssue[];
  truncated: boolean;
  warnings: ImportIssue[];
  durationMs: number;
}

export interface ExchangeImportOptions {
  cooperativeId: string;
  path: string;
  mode: ImportMode;
  accountId: string | null;
  requestId?: string | null;
  locale?: Locale;
  batchSize?: number;
  maxErrors?: number;
}

interface ParsedRow {
  row: number;
  ref: string | null;
  registerNumber: number | null;
  codiceFiscale: string | null;
  entry: NormalEntry;
  cells: Partial<Record<ExchangeColumnKey, string>>;
}

interface Member {
  id: string;
  registerNumber: number;
  codiceFiscale: string | null;
  admittedOn: string;
  exitOn: string | null;
}

const ROLLBACK = Symbol('dry-run rollback');

export async function importExchanges(database: Database, opts: ExchangeImportOptions): Promise<ExchangeImportReport> {
  const started = Date.now();
  const locale = opts.locale ?? 'it';
  const batchSize = Math.max(1, opts.batchSize ?? 5000);
  const maxErrors = opts.maxErrors ?? 10_000;
  const source = await openSource(opts.path);
  const report: ExchangeImportReport = {
    mode: opts.mode,
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    totalRows: 0,
    validRows: 0,
    rejectedRows: 0,
    inserted: 0,
    unchanged: 0,
    committed: false,
    errors: [],
    truncated: false,
    warnings: [],
    durationMs: 0,
  };
  try {
    const mapping = mapExchangeColumns(source.header);
    const missing = EXCHANGE_COLUMNS.filter((c) => c.required && !mapping.index.has(c.key));
    const noMember = !mapping.index.has('registerNumber') && !mapping.index.has('codiceFiscale');
    if (missing.length || noMember) {
      const names = [...missing.map((c) => c[locale]), ...(noMember ? [`${EXCHANGE_COLUMNS[1]?.[locale]} / ${EXCHANGE_COLUMNS[2]?.[locale]}`] : [])];
      throw new ImportFileError('import.column.missing', { column: names[0] ?? '' }, names.slice(1).map((column) => ({ code: 'import.column.missing', params: { column } })));
    }
    for (const h of mapping.unknown) report.warnings.push({ row: source.headerRow, column: h, value: null, code: 'import.column.unknown', reason: t(locale, 'import.column.unknown') });
    for (const h of mapping.duplicates) report.warnings.push({ row: source.headerRow, column: h, value: null, code: 'import.column.duplicate', reason: t(locale, 'import.column.duplicate', { column: h }) });

    const rejected = new Set<number>();
    const issue = (row: number | null, key: ExchangeColumnKey | null, value: string | null, code: string, params: Record<string, string | number> = {}) => {
      if (row !== null) rejected.add(row);
      if (report.errors.length >= maxErrors) return void (report.truncated = true);
      const column = key ? (mapping.header.get(key) ?? EXCHANGE_COLUMNS.find((c) => c.key === key)?.[locale] ?? key) : null;
      report.errors.push({ row, column, value, code, reason: t(locale, code, { value: value ?? '', ...params }) });
    };
    const ctx: BatchContext = {
      database,
      opts,
      report,
      issue,
      members: new Map(),
      seenRefs: new Map(),
      occurrences: new Map(),
      today: todayIso(),
    };
    let batch: ParsedRow[] = [];
    for await (const item of source.rows) {
      if ('malformed' in item) {
        report.totalRows++;
        issue(item.row, null, null, item.malformed);
        if (item.fatal) break;
        continue;
      }
      if (isBlankRow(item.cells)) continue;
      report.totalRows++;
      const parsed = parseRow(item, mapping, (key, value, code, params) => issue(item.row, key, value, code, params), ctx.today);
      if (parsed) batch.push(parsed);
      if (batch.length >= batchSize) {
        await processBatch(ctx, batch);
        batch = [];
      }
    }
    if (batch.length) await processBatch(ctx, batch);
    if (report.totalRows === 0) throw new ImportFileError('import.file.header-only');
    report.rejectedRows = rejected.size;
    report.validRows = report.totalRows - report.rejectedRows;
    report.committed = opts.mode === 'commit';
    if (opts.mode === 'commit') {
      await audit(database.db, {
        actorAccountId: opts.accountId,
        action: 'exchange.import',
        subjectType: 'organisation',
        subjectId: opts.cooperativeId,
        organisationId: opts.cooperativeId,
        requestId: opts.requestId ?? null,
        details: { rows: report.totalRows, inserted: report.inserted, unchanged: report.unchanged, rejected: report.rejectedRows },
      });
    }
  } finally {
    await source.close();
  }
  report.durationMs = Date.now() - started;
  return report;
}

type Issue = (key: ExchangeColumnKey | null, value: string | null, code: string, params?: Record<string, string | number>) => void;

function parseRow(item: SourceRow, mapping: ExchangeMapping, issue: Issue, today: string): ParsedRow | null {
  const cell = (k: ExchangeColumnKey): Cell | undefined => {
    const i = mapping.index.get(k);
    return i === undefined ? undefined : item.cells[i];
  };
  const cells: Partial<Record<ExchangeColumnKey, string>> = {};
  for (const c of EXCHANGE_COLUMNS) if (mapping.index.has(c.key)) cells[c.key] = cellText(cell(c.key)).trim();
  let ok = true;
  const fail = (k: ExchangeColumnKey, code: string, params?: Record<string, string | number>) => {
    ok = false;
    issue(k, cells[k] ?? null, code, params);
  };
  if (item.cells.slice(mapping.width).some((c) => cellText(c).trim() !== '')) {
    ok = false;
    issue(null, null, 'import.row.extra-cells');
  }
  const text = (k: ExchangeColumnKey, max: number, multiline = false): string | null => {
    const r = parseText(cell(k), max, multiline);
    if (!r.ok) return fail(k, r.code, r.params), null;
    return r.value;
  };
  const ref = text('externalRef', 200);
  const cf = text('codiceFiscale', 16)?.toUpperCase() ?? null;
  const reg = parseIntCell(cell('registerNumber'), 1, 2_147_483_647);
  const registerNumber = reg.ok ? reg.value : (fail('registerNumber', reg.code, reg.params), null);
  if (reg.ok && registerNumber === null && cf === null) fail(mapping.index.has('registerNumber') ? 'registerNumber' : 'codiceFiscale', 'exchange.import.member-required');
  const kindText = text('kind', 60);
  const kind = kindText ? KIND_VOCABULARY.lookup(kindText) : undefined;
  if (kindText === null && ok) fail('kind', 'import.value.required');
  else if (kindText !== null && !kind) fail('kind', 'exchange.import.kind');
  const date = parseDateCell(cell('occurredOn'));
  if (!date.ok) fail('occurredOn', date.code, date.params);
  else if (date.value === null) fail('occurredOn', 'import.value.required');
  const value = parseCentsCell(cell('value'));
  if (!value.ok) fail('value', value.code, value.params);
  else if (value.value === null) fail('value', 'import.value.required');
  let quantity: number | null = null;
  const q = cell('quantity');
  if (q !== undefined && q !== null && cellText(q).trim() !== '') {
    quantity = typeof q === 'number' ? q : parseItalianNumber(cellText(q));
    if (quantity === null) fail('quantity', 'exchange.quantity-decimals');
  }
  const unit = text('unit', 20);
  const grade = text('grade', 40);
  const description = text('description', 500, true);
  if (!ok || !kind || !date.ok || date.value === null || !value.ok || value.value === null) return null;
  const { entry, problems } = normaliseEntry({ kind, occurredOn: date.value, quantity, unit, valueCents: value.value, grade, description }, today);
  const column: Record<string, ExchangeColumnKey> = { occurredOn: 'occurredOn', valueCents: 'value', quantity: 'quantity', unit: 'unit', kind: 'kind', grade: 'grade', description: 'description' };
  for (const p of problems) fail(column[p.field] ?? 'kind', p.code, p.params);
  if (!entry) return null;
  return { row: item.row, ref, registerNumber, codiceFiscale: cf, entry, cells };
}

interface BatchContext {
  database: Database;
  opts: ExchangeImportOptions;
  report: ExchangeImportReport;
  issue: (row: number | null, key: ExchangeColumnKey | null, value: string | null, code: string, params?: Record<string, string | number>) => void;
  /** Members already looked up, by `n:<number>` and `cf:<code>`. */
  members: Map<string, Member | null>;
  /** Explicit references seen in the file → the row's content hash (a repeat with other data is an error). */
  seenRefs: Map<string, string>;
  /** How many times each content hash occurred (the natural key of rows without a reference). */
  occurrences: Map<string, number>;
  today: string;
}

async function resolveMembers(db: Db, coopId: string, rows: ParsedRow[], cache: Map<string, Member | null>): Promise<void> {
  const numbers = [...new Set(rows.map((r) => r.registerNumber).filter((n): n is number => n !== null && !cache.has(`n:${n}`)))];
  const codes = [...new Set(rows.map((r) => r.codiceFiscale).filter((c): c is string => c !== null && !cache.has(`cf:${c}`)))];
  if (numbers.length === 0 && codes.length === 0) return;
  const found = await queryRows<Member>(db, sql`
    SELECT m.id, m.register_number AS "registerNumber", p.codice_fiscale AS "codiceFiscale", m.admitted_on AS "admittedOn", m.exit_on AS "exitOn"
      FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE m.cooperative_id = ${coopId}
       AND (m.register_number = ANY (${`{${numbers.join(',')}}`}::int[]) OR p.codice_fiscale = ANY (${pgTextArray(codes)}::text[]))`);
  for (const n of numbers) cache.set(`n:${n}`, found.find((m) => m.registerNumber === n) ?? null);
  for (const c of codes) {
    // A person may have left and been admitted again: prefer the open membership.
    const all = found.filter((m) => m.codiceFiscale === c);
    cache.set(`cf:${c}`, all.find((m) => m.exitOn === null) ?? all[0] ?? null);
  }
}

const contentHash = (membershipId: string, e: NormalEntry) =>
  createHash('sha256').update([e.kind, membershipId, e.occurredOn, e.quantityMilli ?? '', e.unit ?? '', e.valueCents, e.grade ?? '', e.description ?? ''].join('|')).digest('hex').slice(0, 32);

interface Ready {
  row: number;
  key: string;
  hash: string;
  membershipId: string;
  entry: NormalEntry;
}

async function processBatch(ctx: BatchContext, rows: ParsedRow[]): Promise<void> {
  const { database, opts, report } = ctx;
  const coopId = opts.cooperativeId;
  await resolveMembers(database.db, coopId, rows, ctx.members);
  const ready: Ready[] = [];
  for (const r of rows) {
    const byNumber = r.registerNumber !== null ? ctx.members.get(`n:${r.registerNumber}`) : undefined;
    const byCode = r.codiceFiscale !== null ? ctx.members.get(`cf:${r.codiceFiscale}`) : undefined;
    const member = byNumber ?? byCode ?? null;
    if (byNumber === null || byCode === null || !member) {
      const column: ExchangeColumnKey = byNumber === null ? 'registerNumber' : 'codiceFiscale';
      ctx.issue(r.row, column, r.cells[column] ?? null, 'exchange.import.member-unknown');
      continue;
    }
    if (byNumber && byCode && byNumber.id !== byCode.id) {
      ctx.issue(r.row, 'codiceFiscale', r.cells.codiceFiscale ?? null, 'exchange.import.member-mismatch');
      continue;
    }
    if (!withinMembership(r.entry.occurredOn, member.admittedOn, member.exitOn)) {
      ctx.issue(r.row, 'occurredOn', r.cells.occurredOn ?? null, 'exchange.outside-membership');
      continue;
    }
    const hash = contentHash(member.id, r.entry);
    let key: string;
    if (r.ref) {
      const prior = ctx.seenRefs.get(r.ref);
      if (prior !== undefined && prior !== hash) {
        ctx.issue(r.row, 'externalRef', r.ref, 'exchange.import.ref-duplicate');
        continue;
      }
      ctx.seenRefs.set(r.ref, hash);
      key = r.ref;
    } else {
      const n = (ctx.occurrences.get(hash) ?? 0) + 1;
      ctx.occurrences.set(hash, n);
      key = `auto:${hash}:${n}`;
    }
    ready.push({ row: r.row, key, hash, membershipId: member.id, entry: r.entry });
  }
  if (ready.length === 0) return;
  const outcome = { inserted: 0, unchanged: 0 };
  try {
    await database.db.transaction(async (tx) => {
      const years = [...new Set(ready.map((r) => Number(r.entry.occurredOn.slice(0, 4))))].sort();
      const closed = new Set<number>();
      for (const y of years) {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(1836413045, hashtext(${coopId}::text || ':' || ${y}::text))`);
        const [c] = await queryRows<{ closed: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM ristorni_runs WHERE cooperative_id = ${coopId} AND year = ${y} AND status <> 'draft') AS closed`);
        if (c?.closed) closed.add(y);
      }
      const existing = await queryRows<{ ref: string; membershipId: string; kind: string; occurredOn: string; quantityMilli: number | null; unit: string | null; valueCents: number; grade: string | null; description: string | null }>(tx, sql`
        SELECT external_ref AS ref, membership_id AS "membershipId", kind, occurred_on AS "occurredOn", round(quantity * 1000)::float8 AS "quantityMilli",
               unit, value_cents::float8 AS "valueCents", grade, description
          FROM exchange_entries WHERE cooperative_id = ${coopId} AND external_ref = ANY (${pgTextArray(ready.map((r) => r.key))}::text[])`);
      const byRef = new Map(existing.map((e) => [e.ref, contentHash(e.membershipId, { ...e, kind: e.kind as NormalEntry['kind'] })]));
      const toInsert: Ready[] = [];
      const inBatch = new Set<string>();
      for (const r of ready) {
        const prior = byRef.get(r.key);
        if (prior !== undefined || inBatch.has(r.key)) {
          if (prior !== undefined && prior !== r.hash) ctx.issue(r.row, 'externalRef', r.key, 'exchange.import.ref-conflict');
          else outcome.unchanged++;
          continue;
        }
        if (closed.has(Number(r.entry.occurredOn.slice(0, 4)))) {
          ctx.issue(r.row, 'occurredOn', r.entry.occurredOn, 'exchange.year-closed', { year: r.entry.occurredOn.slice(0, 4) });
          continue;
        }
        inBatch.add(r.key);
        toInsert.push(r);
      }
      if (toInsert.length) {
        const json = JSON.stringify(
          toInsert.map((r) => ({
            membership_id: r.membershipId,
            kind: r.entry.kind,
            occurred_on: r.entry.occurredOn,
            quantity: r.entry.quantityMilli === null ? null : milliToDecimal(r.entry.quantityMilli),
            unit: r.entry.unit,
            value_cents: r.entry.valueCents,
            grade: r.entry.grade,
            description: r.entry.description,
            external_ref: r.key,
          })),
        );
        const [ins] = await queryRows<{ n: number }>(tx, sql`
          WITH ins AS (
            INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, grade, description, external_ref, recorded_by)
            SELECT ${coopId}, x.membership_id, x.kind, x.occurred_on, x.quantity, x.unit, x.value_cents, x.grade, x.description, x.external_ref, ${opts.accountId}
              FROM jsonb_to_recordset(${json}::jsonb) AS x(membership_id uuid, kind text, occurred_on date, quantity numeric, unit text, value_cents bigint,
                                                          grade text, description text, external_ref text)
            ON CONFLICT (cooperative_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
            RETURNING 1)
          SELECT count(*)::int AS n FROM ins`);
        outcome.inserted += ins?.n ?? 0;
        // A concurrent import of the same rows: what it wrote counts as unchanged here.
        outcome.unchanged += toInsert.length - (ins?.n ?? 0);
      }
      if (opts.mode === 'dry-run') throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  report.inserted += outcome.inserted;
  report.unchanged += outcome.unchanged;
}

/** A PostgreSQL text[] literal (elements quoted and escaped). */
function pgTextArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
