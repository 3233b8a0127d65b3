// Cell → typed value, the way Italian spreadsheets write things: "1.234,56" euro to exact cents, "31/12/2024"
// (or ISO) dates, "sì/no" booleans, coded values by their code or any of their Italian/English labels. XLSX cells
// may already be numbers or dates and are taken as such. Every parser returns a value or a stable error code.
import { parseEuroToCents, parseInteger, parseItalianDate, parseItalianNumber } from '../domain/index.ts';
import type { Cell } from './source.ts';
import { normalizeLabel } from './columns.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, params?: Record<string, string | number>): Parsed<never> => (params ? { ok: false, code, params } : { ok: false, code });

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const isoOfDate = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The cell as text, for reporting and for text columns. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c;
  if (c instanceof Date) return isoOfDate(c);
  return String(c);
}

// C0 controls other than tab/newline, DEL, and U+FFFE/FFFF are never data; NUL would also break PostgreSQL text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;
const LINE_BREAK = /[\r\n\t]/;
// A leading apostrophe is how our CSV export defuses formulas (=, +, -, @); take it off again.
const DEFUSED = /^'(?=[=+\-@])/;

export function parseText(c: Cell | undefined, max: number, multiline = false): Parsed<string | null> {
  const s = cellText(c).trim().replace(DEFUSED, '');
  if (s === '') return ok(null);
  if (CONTROL.test(s) || (!multiline && LINE_BREAK.test(s))) return fail('import.value.characters');
  if (s.length > max) return fail('import.value.too-long', { max });
  return ok(s);
}

const MIN_DATE = '1800-01-01';
const MAX_DATE = '2200-12-31';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function parseDateCell(c: Cell | undefined): Parsed<string | null> {
  let iso: string | null;
  if (c === null || c === undefined) return ok(null);
  if (c instanceof Date) iso = isoOfDate(new Date(c.getTime() + 30_000)); // exceljs rounding: never fall back a day
  else if (typeof c === 'number') {
    // A date typed in a cell without a date format arrives as Excel's serial day number.
    if (!(c >= 1 && c < 2958466)) return fail('import.value.date');
    iso = isoOfDate(new Date(EXCEL_EPOCH + Math.floor(c) * 86_400_000));
  } else if (typeof c === 'boolean') return fail('import.value.date');
  else {
    const s = c.trim();
    if (s === '') return ok(null);
    iso = parseItalianDate(s) ?? (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s) ? parseItalianDate(s.slice(0, 10)) : null);
    if (iso === null) return fail('import.value.date');
  }
  if (iso < MIN_DATE || iso > MAX_DATE) return fail('import.value.date-range');
  return ok(iso);
}

export function parseIntCell(c: Cell | undefined, min: number, max: number): Parsed<number | null> {
  let n: number | null;
  if (c === null || c === undefined) return ok(null);
  if (typeof c === 'number') n = Number.isInteger(c) ? c : null;
  else if (typeof c === 'string') {
    if (c.trim() === '') return ok(null);
    n = parseInteger(c);
  } else n = null;
  if (n === null) return fail('import.value.integer');
  if (n < min || n > max) return fail('import.value.range', { min, max });
  return ok(n);
}

export function parseCentsCell(c: Cell | undefined): Parsed<number | null> {
  let cents: number | null;
  if (c === null || c === undefined) return ok(null);
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) return fail('import.value.money');
    cents = Math.round(c * 100);
    if (Math.abs(c * 100 - cents) > 1e-6) return fail('import.value.money-decimals');
  } else if (typeof c === 'string') {
    if (c.trim() === '') return ok(null);
    cents = parseEuroToCents(c);
    if (cents === null && parseItalianNumber(c) !== null) return fail('import.value.money-decimals');
  } else cents = null;
  if (cents === null) return fail('import.value.money');
  if (cents < 0) return fail('import.value.negative');
  if (cents > Number.MAX_SAFE_INTEGER / 10) return fail('import.value.money');
  return ok(cents);
}

const TRUE_WORDS = new Set(['si', 'sì', 's', 'yes', 'y', 'true', 'vero', 'v', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'falso', 'f', '0']);

export function parseBoolCell(c: Cell | undefined): Parsed<boolean | null> {
  if (c === null || c === undefined) return ok(null);
  if (typeof c === 'boolean') return ok(c);
  if (typeof c === 'number') return c === 1 ? ok(true) : c === 0 ? ok(false) : fail('import.value.boolean');
  const s = cellText(c).trim().toLowerCase();
  if (s === '') return ok(null);
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail('import.value.boolean');
}

/** A closed list of codes, looked up by code or by any label, case/accents/punctuation-insensitively. */
export class Vocabulary<C extends string> {
  private readonly map = new Map<string, C>();

  constructor(entries: readonly (readonly [C, ...string[]])[]) {
    for (const [code, ...names] of entries) {
      for (const n of [code, ...names]) {
        const k = normalizeLabel(n);
        if (k) this.map.set(k, code);
      }
    }
  }

  lookup(text: string): C | undefined {
    return this.map.get(normalizeLabel(text));
  }
}

/** Splits a list cell ("lavoratore, utente", "lavoratore|utente", one per line) into trimmed non-empty items. */
export function splitList(s: string, separators = /[,;|/\n]+/): string[] {
  return s
    .split(separators)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}
