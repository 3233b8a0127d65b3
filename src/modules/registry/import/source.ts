// A spreadsheet as a stream of rows, whatever it came as: the file's format is sniffed from its first bytes
// (not trusted from the name), then CSV or XLSX readers yield the header and the rows with their spreadsheet row
// numbers. File-level problems (empty, not a spreadsheet) are ImportFileErrors, i.e. 400s naming the `file` field.
import { open, stat } from 'node:fs/promises';
import { ProblemError } from '../../../core/errors.ts';
import type { FileEncoding } from './encoding.ts';
import type { Delimiter } from './delimiter.ts';

/** A cell as the reader found it: CSV gives strings; XLSX also typed numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export interface SourceRow {
  /** Row number as the spreadsheet shows it (the header is usually row 1). */
  row: number;
  cells: Cell[];
}

/** A row the reader could not split into cells (e.g. a quote never closed); `fatal` when reading stopped there. */
export interface MalformedRow {
  row: number;
  malformed: string;
  fatal: boolean;
}

export interface RecordSource {
  format: 'csv' | 'xlsx';
  encoding: FileEncoding;
  delimiter: Delimiter | null;
  header: string[];
  headerRow: number;
  rows: AsyncIterable<SourceRow | MalformedRow>;
  /** Bytes of the file read so far (progress). */
  bytesRead(): number;
  totalBytes: number;
  close(): Promise<void>;
}

export class ImportFileError extends ProblemError {
  constructor(code: string, params?: Record<string, string | number>, more: { code: string; params?: Record<string, string | number> }[] = []) {
    super(400, 'validation', {
      fields: [{ field: 'file', code, ...(params ? { params } : {}) }, ...more.map((m) => ({ field: 'file', ...m }))],
      detailKey: code,
      ...(params ? { detailParams: params } : {}),
    });
  }
}

export type SniffedFormat = 'csv' | 'xlsx';

/** Decides the format from the first bytes; refuses what is not a CSV or an XLSX. */
export async function sniffFormat(path: string): Promise<{ format: SniffedFormat; size: number }> {
  const { size } = await stat(path);
  if (size === 0) throw new ImportFileError('import.file.empty');
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      // A zip ends with its central directory; an upload cut short has none, and the streaming reader would wait
      // for it forever.
      const tailLength = Math.min(size, 22 + 65_535);
      const tail = Buffer.alloc(tailLength);
      await fh.read(tail, 0, tailLength, size - tailLength);
      if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) throw new ImportFileError('import.file.damaged');
      return { format: 'xlsx', size };
    }
    if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new ImportFileError('import.file.xls');
    if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) throw new ImportFileError('import.file.utf16');
    // Text files have no NUL bytes; PDFs, images, archives and executables do.
    if (head.includes(0)) throw new ImportFileError('import.file.unsupported');
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new ImportFileError('import.file.unsupported');
    return { format: 'csv', size };
  } finally {
    await fh.close();
  }
}

/** True when every cell is empty or blank (a spreadsheet's empty row, or ";;;;" from Excel). */
export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    if (typeof c === 'string' && c.trim() === '') continue;
    return false;
  }
  return true;
}
