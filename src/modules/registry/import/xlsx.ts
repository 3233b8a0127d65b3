// XLSX reader: exceljs' streaming WorkbookReader over the first worksheet, so a large workbook is read row by row
// (only the shared-strings table is kept, as the format requires). Cells keep their types: numbers, dates (when
// the cell has a date format), booleans; rich text, hyperlinks and formulas become their text or result.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { ImportFileError, isBlankRow, type Cell, type MalformedRow, type RecordSource, type SourceRow } from './source.ts';

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return cellValue(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

function rowCells(values: unknown): Cell[] {
  // exceljs rows are 1-based sparse arrays.
  const arr = Array.isArray(values) ? values : [];
  const out: Cell[] = [];
  for (let i = 1; i < arr.length; i++) out.push(cellValue(arr[i]));
  return out;
}

/** After the whole file was read, a step that makes no progress for this long means a damaged archive. */
export const xlsxLimits = { stallMs: 15_000 };

export async function openXlsx(path: string, totalBytes: number): Promise<RecordSource> {
  let bytes = 0;
  let endedAt = 0;
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  file.on('data', (c) => (bytes += c.length));
  file.on('end', () => (endedAt = Date.now()));
  // Some corruptions leave the streaming unzip waiting for data that will never come: a watchdog gives up on the
  // step in progress instead of hanging the request.
  let pendingReject: ((e: Error) => void) | null = null;
  let lastProgress = Date.now();
  const watchdog = setInterval(() => {
    if (pendingReject && endedAt && Date.now() - Math.max(lastProgress, endedAt) > xlsxLimits.stallMs) {
      const reject = pendingReject;
      pendingReject = null;
      reject(new Error('xlsx reader stalled'));
    }
  }, 250);
  const stop = () => {
    clearInterval(watchdog);
    file.destroy();
  };
  const guarded = <T>(p: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pendingReject = reject;
      lastProgress = Date.now();
      p.then(
        (v) => {
          pendingReject = null;
          lastProgress = Date.now();
          resolve(v);
        },
        (e: unknown) => {
          pendingReject = null;
          reject(e);
        },
      );
    });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  } as never);

  let sheetRows: AsyncIterator<{ number: number; values: unknown }> | null = null;
  const sheets = reader[Symbol.asyncIterator]();
  try {
    const first = await guarded(sheets.next());
    if (!first.done) sheetRows = (first.value as unknown as AsyncIterable<{ number: number; values: unknown }>)[Symbol.asyncIterator]();
  } catch {
    stop();
    throw new ImportFileError('import.file.unsupported');
  }
  if (!sheetRows) {
    stop();
    throw new ImportFileError('import.file.unsupported'); // a zip without worksheets: not a workbook
  }
  const rowsIt = sheetRows;
  let header: string[] | null = null;
  let headerRow = 1;
  try {
    for (;;) {
      const r = await guarded(rowsIt.next());
      if (r.done) break;
      const cells = rowCells(r.value.values);
      if (isBlankRow(cells)) continue;
      header = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)));
      headerRow = r.value.number;
      break;
    }
  } catch {
    stop();
    throw new ImportFileError('import.file.unsupported');
  }
  if (!header) {
    stop();
    throw new ImportFileError('import.file.empty');
  }

  async function* rows(): AsyncGenerator<SourceRow | MalformedRow> {
    let last = headerRow;
    try {
      for (;;) {
        let r: IteratorResult<{ number: number; values: unknown }>;
        try {
          r = await guarded(rowsIt.next());
        } catch {
          // A damaged archive: report where reading stopped instead of failing the whole request.
          yield { row: last + 1, malformed: 'import.row.unreadable', fatal: true };
          return;
        }
        if (r.done) break;
        last = r.value.number;
        yield { row: r.value.number, cells: rowCells(r.value.values) };
      }
    } finally {
      stop();
    }
  }
  return {
    format: 'xlsx',
    encoding: 'utf-8',
    delimiter: null,
    header,
    headerRow,
    rows: rows(),
    bytesRead: () => bytes,
    totalBytes,
    async close() {
      stop();
    },
  };
}
