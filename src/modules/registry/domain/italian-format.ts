// Parsing and formatting of values as Italian spreadsheets and people write them: "1.234,56", "€ 1.234,56",
// "31/12/2024". Pure functions, no I/O. Conventions: CLDR it-IT (comma as decimal separator, dot or space as
// thousands separator, day/month/year dates); parsing is strict and returns null on anything ambiguous.

/** A parsed decimal number kept as digit strings, so money never goes through floating point. */
interface DecimalParts {
  readonly negative: boolean;
  /** Integer digits, separators removed (may have leading zeros). */
  readonly int: string;
  /** Fraction digits after the decimal separator ('' when none). */
  readonly frac: string;
}

const SPACES = /[\u00A0\u2007\u202F\t]/g; // NBSP, figure space, narrow NBSP (Intl uses them) and tabs → space
const NUMBER_SHAPE = /^([-+\u2212])?\s*(€|eur)?\s*([-+\u2212])?\s*([\d., ]+?)\s*(€|eur)?$/i;
const GROUPED_DOTS = /^[1-9]\d{0,2}(?:\.\d{3})+$/; // 1.234 / 12.345.678
const GROUPED_SPACES = /^[1-9]\d{0,2}(?: \d{3})+$/; // 1 234 / 12 345 678

function integerPart(s: string): string | null {
  if (/^\d+$/.test(s)) return s;
  if (GROUPED_DOTS.test(s) || GROUPED_SPACES.test(s)) return s.replace(/[. ]/g, '');
  return null;
}

/**
 * Splits an Italian-formatted number into sign, integer and fraction digits.
 * - one comma: decimal separator; before it digits, or groups of 3 separated by dots or by spaces;
 * - no comma: dots between groups of exactly 3 digits are thousands ("1.234", "1.234.567"); a single dot
 *   that cannot be a thousands separator is a decimal point ("1234.56", "0.125", "3.14159");
 * - an optional sign and an optional € / EUR before or after; anything else → null.
 */
function parseDecimalParts(input: string): DecimalParts | null {
  if (typeof input !== 'string') return null;
  const m = NUMBER_SHAPE.exec(input.replace(SPACES, ' ').trim());
  if (!m) return null;
  const [, sign1, cur1, sign2, body = '', cur2] = m;
  if ((sign1 && sign2) || (cur1 && cur2)) return null;
  const negative = (sign1 ?? sign2 ?? '+') !== '+';

  const commas = body.split(',');
  if (commas.length > 2) return null;
  if (commas.length === 2) {
    const [left = '', right = ''] = commas;
    const int = integerPart(left);
    if (int === null || !/^\d+$/.test(right)) return null;
    return { negative, int, frac: right };
  }
  const int = integerPart(body);
  if (int !== null) return { negative, int, frac: '' };
  // A single dot that is not a thousands separator is a decimal point.
  const dot = /^(\d+)\.(\d+)$/.exec(body);
  if (dot) return { negative, int: dot[1] ?? '', frac: dot[2] ?? '' };
  return null;
}

/** Parses an Italian-formatted number ("1.234,56", "-1.234", "€ 1.234,56", "1 234,5", "1234.56"); null if not one. */
export function parseItalianNumber(s: string): number | null {
  const p = parseDecimalParts(s);
  if (!p) return null;
  const n = Number(`${p.int}.${p.frac || '0'}`);
  if (!Number.isFinite(n)) return null;
  return p.negative && n !== 0 ? -n : n;
}

/**
 * Parses an amount in euro to exact integer cents with string arithmetic (no floating point).
 * More than 2 decimals ("12,345") is rejected as not a money amount; so are amounts beyond the safe integer range.
 */
export function parseEuroToCents(s: string): number | null {
  const p = parseDecimalParts(s);
  if (!p || p.frac.length > 2) return null;
  const cents = BigInt(p.int) * 100n + BigInt(p.frac.padEnd(2, '0'));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const n = Number(cents);
  return p.negative && n !== 0 ? -n : n;
}

/** Parses an integer written the Italian way ("1.234", "-12", "1 234", "12,00"); null for fractions or garbage. */
export function parseInteger(s: string): number | null {
  const p = parseDecimalParts(s);
  if (!p || !/^0*$/.test(p.frac)) return null;
  const v = BigInt(p.int);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const n = Number(v);
  return p.negative && n !== 0 ? -n : n;
}

// --- dates ---------------------------------------------------------------------------------------------------

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Parses a date as written in Italy to ISO yyyy-mm-dd: "31/12/2024", "1/2/2024", "31-12-2024", "31.12.2024",
 * or ISO "2024-12-31". Years must have 4 digits (2-digit years are ambiguous); the date must exist in the
 * Gregorian calendar (29/02 only in leap years). Returns null otherwise; never throws.
 */
export function parseItalianDate(s: string): string | null {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const it = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (it) return isoOf(Number(it[4]), Number(it[3]), Number(it[1]));
  return null;
}

// --- formatting (Intl, it-IT) ----------------------------------------------------------------------------------

/** Options for `formatItalianNumber`. */
export interface ItalianNumberFormatOptions {
  readonly minimumFractionDigits?: number;
  readonly maximumFractionDigits?: number;
}

/** Formats a number the Italian way with Intl it-IT, always grouping thousands: 1234.5 → "1.234,5". */
export function formatItalianNumber(n: number, options: ItalianNumberFormatOptions = {}): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot format ${n}`);
  return new Intl.NumberFormat('it-IT', { useGrouping: 'always', ...options }).format(n);
}

const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', useGrouping: 'always' });

/** Formats integer cents as euro with Intl it-IT: 123456 → "1.234,56 €" (the space is a no-break space). */
export function formatEuro(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  const abs = String(Math.abs(cents)).padStart(3, '0');
  // Intl formats a decimal string exactly, so large amounts are not rounded through a float.
  const decimal = `${cents < 0 ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
  return EURO.format(decimal as Intl.StringNumericLiteral);
}

/** Formats an ISO date yyyy-mm-dd as "dd/mm/yyyy"; throws RangeError if it is not a real date. */
export function formatItalianDate(iso: string): string {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m || isoOf(Number(m[1]), Number(m[2]), Number(m[3])) === null) throw new RangeError(`invalid ISO date: ${iso}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}
