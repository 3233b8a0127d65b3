// Streaming writers. CSV: UTF-8 with BOM, ";" and CRLF, Italian numbers and dates — what Excel in Italy opens
// without a wizard and what our import reads back unchanged. XLSX: exceljs' streaming WorkbookWriter with typed
// cells (dates as dates, money as numbers with two decimals), committing each row as it is written.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatItalianDate } from '../domain/index.ts';
import type { ExportColumn, ExportValue } from './columns.ts';

/** 123456 → "1.234,56" (string arithmetic: exact for any cents). */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const s = String(Math.abs(Math.trunc(cents))).padStart(3, '0');
  const int = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}${int},${s.slice(-2)}`;
}

// A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet: defuse it with an apostrophe,
// which the import strips again.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText<R>(col: ExportColumn<R>, v: ExportValue): string {
  if (v === null || v === undefined) return '';
  switch (col.type) {
    case 'int':
      return String(v);
    case 'money':
      return formatCents(v as number);
    case 'date':
      return formatItalianDate(String(v));
    case 'list':
      return (v as readonly string[]).join(col.separator ?? ', ');
    default: {
      const s = String(v);
      return FORMULA_START.test(s) ? `'${s}` : s;
    }
  }
}

export function csvField(s: string, delimiter = ';'): string {
  if (s === '') return '';
  const needs = s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') || s !== s.trim();
  return needs ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV as text chunks: BOM and header, then one chunk per page of rows. */
export async function* csvChunks<R>(columns: readonly ExportColumn<R>[], pages: AsyncIterable<readonly R[]>): AsyncGenerator<string> {
  yield '\uFEFF' + columns.map((c) => csvField(c.header)).join(';') + '\r\n';
  for await (const page of pages) {
    let out = '';
    for (const row of page) out += columns.map((c) => csvField(csvText(c, c.get(row)))).join(';') + '\r\n';
    if (out) yield out;
  }
}

function xlsxValue<R>(col: ExportColumn<R>, v: ExportValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (col.type) {
    case 'int':
      return v as number;
    case 'money':
      return (v as number) / 100;
    case 'date': {
      const [y, mo, d] = String(v).split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, mo - 1, d));
    }
    case 'list':
      return (v as readonly string[]).join(col.separator ?? ', ');
    default:
      return String(v);
  }
}

/** Writes an XLSX workbook with one sheet to `out`, a page at a time, waiting for `out` to drain between pages. */
export async function writeXlsx<R>(out: Writable, sheetName: string, columns: readonly ExportColumn<R>[], pages: AsyncIterable<readonly R[]>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.type === 'money' ? { numFmt: '#,##0.00' } : c.type === 'text' || c.type === 'list' ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const page of pages) {
    for (const row of page) ws.addRow(columns.map((c) => xlsxValue(c, c.get(row)))).commit();
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  ws.commit();
  await wb.commit();
}
