// The import pipeline: file → rows (streamed, CSV or XLSX) → validated records → batches written each in one
// transaction, with the next batch parsed while the previous one is in the database (one batch in flight, so
// memory stays bounded whatever the file size). A dry run runs the very same checks and rolls every batch back.
// Re-running an import is safe: rows are upserted by their natural keys and only rows that differ are written.
import type { Database } from '../../../core/db.ts';
import { ProblemError } from '../../../core/errors.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import { refreshMemberStats } from '../stats.ts';
import './messages.ts';
import { columnTitle, mapColumns, type ColumnMapping, type CooperativeColumnKey, type ImportKind, type MemberColumnKey } from './columns.ts';
import { openCsv } from './csv.ts';
import { openXlsx } from './xlsx.ts';
import { ImportFileError, isBlankRow, sniffFormat, type RecordSource, type SourceRow } from './source.ts';
import type { FileEncoding } from './encoding.ts';
import type { Delimiter } from './delimiter.ts';
import { FirstSeen, FirstSeenInt, hashValues } from './dedupe.ts';
import {
  AssociationDirectory,
  cooperativeKeys,
  memberKeys,
  validateCooperativeRow,
  validateMemberRow,
  type AssociationRef,
  type CooperativeRecord,
  type MemberRecord,
  type RowError,
} from './rows.ts';
import { memberBatchText, memberSql, processMemberBatch, type BatchOutcome } from './members-batch.ts';
import { cooperativeSql, processCooperativeBatch } from './cooperatives-batch.ts';

export type ImportMode = 'dry-run' | 'commit';

/** Who imports: decides which associations a co-ops import may write under. */
export interface ImportActor {
  accountId: string | null;
  platformAdmin: boolean;
  /** Organisations the actor is association staff of (their subtrees are where co-ops may be created). */
  staffRoots: string[];
  requestId?: string | null;
}

/** The operator running the CLI: no scope limits, no account. */
export const SYSTEM_ACTOR: ImportActor = { accountId: null, platformAdmin: true, staffRoots: [] };

export interface ImportIssue {
  /** Row as the spreadsheet shows it (null for file-level warnings). */
  row: number | null;
  /** Column header as written in the file. */
  column: string | null;
  value: string | null;
  /** Stable i18n key. */
  code: string;
  /** `code` translated to the requested locale. */
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  mode: ImportMode;
  format: 'csv' | 'xlsx';
  encoding: FileEncoding;
  /** null for XLSX. */
  delimiter: Delimiter | null;
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  errors: ImportIssue[];
  /** True when more errors were found than `errors` holds (counts stay exact). */
  truncated: boolean;
  warnings: ImportIssue[];
  durationMs: number;
}

export interface ImportOptions {
  kind: ImportKind;
  /** The file on disk (uploads are streamed to a temporary file first). */
  path: string;
  mode: ImportMode;
  /** Members imports: the co-op whose register this is. */
  cooperativeId?: string;
  actor?: ImportActor;
  locale?: Locale;
  /** Rows per transaction. */
  batchSize?: number;
  /** Errors kept in the report (default 10,000). */
  maxErrors?: number;
  onProgress?: (rowsDone: number, bytes: { read: number; total: number }) => void;
  /** Every rejected row's errors, also those beyond `maxErrors` (the CLI's --report file). */
  onRowError?: (issue: ImportIssue) => void;
  signal?: AbortSignal;
  /** Fault injection for tests: runs inside a members batch between the people and memberships writes. */
  testHooks?: { beforeMemberships?: (batch: number) => void | Promise<void> };
}

const DEFAULT_BATCH = 5000;
const DEFAULT_MAX_ERRORS = 10_000;
/** New rows from which an import refreshes the planner's statistics and the visibility map. */
const BULK_ROWS = 10_000;
const ROLLBACK = Symbol('dry-run rollback');

export async function openSource(path: string): Promise<RecordSource> {
  const { format, size } = await sniffFormat(path);
  return format === 'xlsx' ? openXlsx(path, size) : openCsv(path, size);
}

/** Imports a CSV/XLSX file; throws ImportFileError (a 400 naming `file`) when the file as a whole is unusable. */
export async function importFile(database: Database, opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const locale = opts.locale ?? 'it';
  const actor = opts.actor ?? SYSTEM_ACTOR;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  const maxErrors = opts.maxErrors ?? DEFAULT_MAX_ERRORS;

  let cooperativeCategory: string | null = null;
  if (opts.kind === 'members') {
    if (!opts.cooperativeId) throw new ProblemError(400, 'validation', { fields: [{ field: 'cooperativeId', code: 'field.required' }] });
    const coop = await findCooperative(database, opts.cooperativeId);
    if (!coop) throw new ProblemError(404, 'not-found', { detailKey: 'import.cooperative.unknown', fields: [{ field: 'cooperativeId', code: 'import.cooperative.unknown' }] });
    cooperativeCategory = coop.category;
  }

  const source = await openSource(opts.path);
  try {
    const mapping = mapColumns<string>(opts.kind, source.header);
    if (mapping.duplicates.length) throw new ImportFileError('import.column.duplicate', { column: mapping.duplicates[0] as string });
    if (mapping.missing.length) {
      const [first, ...rest] = mapping.missing.map((d) => ({ code: 'import.column.missing', params: { column: d.it } }));
      throw new ImportFileError(first!.code, first!.params, rest);
    }

    const report: ImportReport = {
      kind: opts.kind,
      mode: opts.mode,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      totalRows: 0,
      validRows: 0,
      rejectedRows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      committed: false,
      errors: [],
      truncated: false,
      warnings: mapping.unknown.map((h) => issue(locale, { row: source.headerRow, column: h, value: null, code: 'import.column.unknown' })),
      durationMs: 0,
    };

    const reject = (errors: readonly RowError[]) => {
      report.rejectedRows++;
      for (const e of errors) {
        const i = issue(locale, e);
        opts.onRowError?.(i);
        if (report.errors.length < maxErrors) report.errors.push(i);
        else report.truncated = true;
      }
    };
    const absorb = (o: BatchOutcome) => {
      const byRow = new Map<number, RowError[]>();
      for (const e of o.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
      for (const errs of byRow.values()) reject(errs);
      report.inserted += o.inserted;
      report.updated += o.updated;
      report.unchanged += o.unchanged;
      report.validRows += o.inserted + o.updated + o.unchanged;
    };

    const pipeline =
      opts.kind === 'members'
        ? memberPipeline(opts, actor, mapping as ColumnMapping<MemberColumnKey>, cooperativeCategory)
        : await cooperativePipeline(database, opts, actor, mapping as ColumnMapping<CooperativeColumnKey>);

    // One batch in flight: parse the next while the database works on this one.
    let pending: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    let batch: unknown[] = [];
    let batchNo = 0;
    let rowsSeen = 0;
    const flush = async () => {
      const records = batch;
      batch = [];
      const rowsAtFlush = rowsSeen;
      const no = ++batchNo;
      const prepared = pipeline.prepare(records);
      await pending;
      if (failure) throw failure;
      pending = runBatch(database, opts.mode, (tx) => pipeline.write(tx, records, no, prepared)).then(
        (o) => {
          absorb(o);
          opts.onProgress?.(rowsAtFlush, { read: source.bytesRead(), total: source.totalBytes });
        },
        (e: unknown) => {
          failure = e;
        },
      );
    };

    for await (const item of source.rows) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('import aborted');
      if (failure) throw failure;
      if ('malformed' in item) {
        report.totalRows++;
        rowsSeen++;
        reject([{ row: item.row, column: null, value: null, code: item.malformed }]);
        continue;
      }
      if (isBlankRow(item.cells)) continue;
      report.totalRows++;
      rowsSeen++;
      const res = pipeline.validate(item);
      if (!res.ok) reject(res.errors);
      else {
        batch.push(res.record);
        if (batch.length >= batchSize) await flush();
      }
    }
    if (batch.length) await flush();
    await pending;
    if (failure) throw failure;
    if (report.totalRows === 0) throw new ImportFileError('import.file.header-only');

    if (opts.mode === 'commit') {
      if (opts.kind === 'members') {
        // Always, even when nothing changed: an earlier run killed after its last batch left them stale.
        await database.rawTransaction((tx) => refreshMemberStats(tx, [opts.cooperativeId as string]));
        // After a bulk load the planner's row estimates are stale (a 200k-member register estimated at 4 rows sorts
        // on disk instead of walking the index), and index-only scans need the visibility map that VACUUM sets;
        // PGlite has no autovacuum to do either later.
        if (report.inserted >= BULK_ROWS) await database.query('VACUUM (ANALYZE) memberships, people');
      }
      report.committed = true;
    }
    report.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    report.durationMs = Date.now() - started;
    opts.onProgress?.(rowsSeen, { read: source.totalBytes, total: source.totalBytes });
    return report;
  } finally {
    await source.close();
  }
}

function issue(locale: Locale, e: RowError): ImportIssue {
  return { row: e.row, column: e.column, value: e.value, code: e.code, reason: t(locale, e.code, { ...(e.params ?? {}), value: e.value ?? '' }) };
}

async function runBatch(database: Database, mode: ImportMode, fn: (tx: Parameters<Parameters<Database['rawTransaction']>[0]>[0]) => Promise<BatchOutcome>): Promise<BatchOutcome> {
  if (mode === 'commit') return database.rawTransaction(fn);
  let out: BatchOutcome | undefined;
  try {
    await database.rawTransaction(async (tx) => {
      out = await fn(tx);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out as BatchOutcome;
}

interface Pipeline {
  validate(row: SourceRow): { ok: true; record: unknown } | { ok: false; errors: RowError[] };
  /** Work on a batch that needs no database (done while the previous batch is being written). */
  prepare(records: unknown[]): string | undefined;
  write(tx: Parameters<Parameters<Database['rawTransaction']>[0]>[0], records: unknown[], batch: number, prepared: string | undefined): Promise<BatchOutcome>;
}

export async function findCooperative(database: Database, idOrCode: string): Promise<{ id: string; name: string; category: string | null } | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  const { rows } = await database.query<{ id: string; name: string; category: string | null }>(
    `SELECT c.organisation_id AS id, o.name, c.albo_category AS category
       FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id
      WHERE ${isUuid ? 'c.organisation_id = $1::uuid' : 'c.codice_fiscale = $1'}`,
    [isUuid ? idOrCode : idOrCode.replace(/\s+/g, '')],
  );
  return rows[0] ?? null;
}

function memberPipeline(opts: ImportOptions, actor: ImportActor, mapping: ColumnMapping<MemberColumnKey>, category: string | null): Pipeline {
  const provided = new Set(mapping.index.keys());
  const sqlText = memberSql(provided);
  const registerNumbers = new FirstSeenInt();
  const fiscalCodes = new FirstSeen();
  const title = (k: MemberColumnKey) => columnTitle(mapping, k);
  const FIRST_INVALID = 0xffffffff;
  const ctx = { cooperativeCategory: category, today: new Date().toISOString().slice(0, 10) };
  return {
    validate(row) {
      const errors: RowError[] = [];
      const res = validateMemberRow(row, mapping, ctx);
      // Keys of a rejected row are read leniently, so a later duplicate of it is still reported.
      const keys = res.ok ? { registerNumber: res.record.registerNumber, codiceFiscale: res.record.codiceFiscale } : memberKeys(row, mapping);
      if (keys.registerNumber !== null) {
        const first = registerNumbers.seen(keys.registerNumber, row.row);
        if (first > 0) errors.push({ row: row.row, column: title('registerNumber'), value: String(keys.registerNumber), code: 'import.duplicate.register-number', params: { row: first } });
      }
      const cf = res.ok ? res.record.codiceFiscale : keys.codiceFiscale?.replace(/^IT(?=\d{11}$)/, '') ?? null;
      if (cf) {
        // One person may appear twice only for a re-admission: at most one open membership, same personal data.
        const rec = res.ok ? res.record : null;
        const open = rec ? rec.exitOn === null : true;
        const tag = rec ? ((personHash(rec) & ~1) | (open ? 1 : 0)) >>> 0 : FIRST_INVALID;
        const slot = fiscalCodes.seen(cf, row.row, tag);
        if (slot >= 0) {
          const prev = fiscalCodes.tagAt(slot);
          const first = fiscalCodes.rowAt(slot);
          const dup = (code: string) => errors.push({ row: row.row, column: title('codiceFiscale'), value: cf, code, params: { row: first } });
          if (prev === FIRST_INVALID || tag === FIRST_INVALID || (open && (prev & 1) === 1)) dup('import.duplicate.fiscal-code');
          else if ((prev & ~1) >>> 0 !== (tag & ~1) >>> 0) dup('import.duplicate.person-data');
          else if (open) fiscalCodes.setTag(slot, (prev | 1) >>> 0);
        }
      }
      if (!res.ok) return { ok: false, errors: [...errors, ...res.errors] };
      if (errors.length) return { ok: false, errors };
      return res;
    },
    prepare: (records) => memberBatchText(records as MemberRecord[]),
    write(tx, records, batch, prepared) {
      return processMemberBatch(tx, sqlText, records as MemberRecord[], {
        cooperativeId: opts.cooperativeId as string,
        provided,
        write: opts.mode === 'commit',
        title,
        audit: { actorAccountId: actor.accountId, requestId: actor.requestId ?? null, batch },
        ...(opts.testHooks?.beforeMemberships ? { beforeMemberships: opts.testHooks.beforeMemberships } : {}),
      }, prepared);
    },
  };
}

function personHash(r: MemberRecord): number {
  return hashValues([r.kind, r.givenName, r.familyName, r.legalName, r.gender, r.birthDate, r.email, r.phone, r.comune, r.province]);
}

async function cooperativePipeline(database: Database, opts: ImportOptions, actor: ImportActor, mapping: ColumnMapping<CooperativeColumnKey>): Promise<Pipeline> {
  const provided = new Set(mapping.index.keys());
  const sqlText = cooperativeSql(provided);
  const { rows: orgs } = await database.query<AssociationRef>(
    `SELECT id, kind, name, short_name AS "shortName" FROM organisations WHERE kind IN ('territorial', 'sectoral')`,
  );
  const directory = new AssociationDirectory(orgs);
  let allowed: Set<string> | null = null;
  if (!actor.platformAdmin) {
    const { rows } = await database.query<{ id: string }>(
      `SELECT DISTINCT k.descendant_id AS id FROM organisation_closure k JOIN organisations o ON o.id = k.descendant_id
        WHERE k.ancestor_id = ANY($1::uuid[]) AND o.kind IN ('territorial', 'sectoral')`,
      [actor.staffRoots],
    );
    allowed = new Set(rows.map((r) => r.id));
  }
  const codes = new FirstSeen();
  const albo = new FirstSeen();
  const title = (k: CooperativeColumnKey) => columnTitle(mapping, k);
  const today = new Date().toISOString().slice(0, 10);
  return {
    validate(row) {
      const errors: RowError[] = [];
      const keys = cooperativeKeys(row, mapping);
      if (keys.codiceFiscale) {
        const slot = codes.seen(keys.codiceFiscale, row.row);
        if (slot >= 0) errors.push({ row: row.row, column: title('codiceFiscale'), value: keys.codiceFiscale, code: 'import.duplicate.fiscal-code', params: { row: codes.rowAt(slot) } });
      }
      if (keys.alboNumber) {
        const slot = albo.seen(keys.alboNumber, row.row);
        if (slot >= 0) errors.push({ row: row.row, column: title('alboNumber'), value: keys.alboNumber, code: 'import.duplicate.albo-number', params: { row: albo.rowAt(slot) } });
      }
      const res = validateCooperativeRow(row, mapping, directory, { today });
      if (!res.ok) return { ok: false, errors: [...errors, ...res.errors] };
      if (errors.length) return { ok: false, errors };
      return res;
    },
    prepare: () => undefined,
    write(tx, records, batch) {
      return processCooperativeBatch(tx, sqlText, records as CooperativeRecord[], {
        provided,
        write: opts.mode === 'commit',
        allowed,
        roots: actor.platformAdmin ? [] : actor.staffRoots,
        directory,
        title,
        audit: { actorAccountId: actor.accountId, requestId: actor.requestId ?? null, batch },
      });
    },
  };
}
