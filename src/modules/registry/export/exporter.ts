// Exports as streams: the register of a co-op and the co-op list, as CSV or XLSX, written page by page to any
// Writable (an HTTP response, a file for the CLI).
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { COOPERATIVE_EXPORT, MEMBER_EXPORT } from './columns.ts';
import { cooperativePages, memberPages, type CooperativeExportFilters, type MemberExportFilters } from './queries.ts';
import { csvChunks, writeXlsx } from './writers.ts';

export type ExportFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function exportMembers(database: Database, cooperativeId: string, filters: MemberExportFilters, format: ExportFormat, out: Writable): Promise<void> {
  const pages = memberPages(database, cooperativeId, filters);
  if (format === 'xlsx') await writeXlsx(out, 'Libro soci', MEMBER_EXPORT, pages);
  else await pipeline(Readable.from(csvChunks(MEMBER_EXPORT, pages)), out);
}

/** `principal` null = everything (CLI operator); otherwise the co-ops the principal may read. */
export async function exportCooperatives(database: Database, principal: Principal | null, filters: CooperativeExportFilters, format: ExportFormat, out: Writable): Promise<void> {
  const pages = cooperativePages(database, principal, filters);
  if (format === 'xlsx') await writeXlsx(out, 'Cooperative', COOPERATIVE_EXPORT, pages);
  else await pipeline(Readable.from(csvChunks(COOPERATIVE_EXPORT, pages)), out);
}

/** `attachment; filename=…` with an ASCII fallback and the RFC 5987 form. */
export function attachment(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
