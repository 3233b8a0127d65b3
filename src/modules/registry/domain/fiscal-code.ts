// Italian tax codes (codice fiscale / partita IVA): validation and computation. Pure functions, no I/O.
//
// Sources:
// - natural persons: D.M. Finanze 23 dicembre 1976 ("Sistemi di codificazione dei soggetti da iscrivere
//   all'anagrafe tributaria"), issued under D.P.R. 605/1973 art. 2; omocodia: the same decree, as applied by the
//   Agenzia delle Entrate (digits replaced by letters, then the check character recomputed).
// - companies: the 11-digit numeric codice fiscale / partita IVA of D.P.R. 605/1973 art. 6 and D.P.R. 633/1972
//   art. 35, whose last digit is a Luhn check digit (D.M. Finanze 23 dicembre 1976, numeric codes).

/** Stable reason codes for a rejected tax code. */
export type FiscalCodeError =
  | 'empty' // nothing left after trimming
  | 'length' // neither 16 (person) nor 11 (company) characters
  | 'format' // wrong character class at some position
  | 'month' // birth-month letter not in A B C D E H L M P R S T
  | 'day' // birth day not in 1–31 / 41–71, or not a real calendar date
  | 'check_digit'; // check character/digit does not match

/** Gender encoded in a person's codice fiscale (day + 40 for women). */
export type FiscalGender = 'F' | 'M';

/** A valid person's codice fiscale, decoded. */
export interface PersonFiscalCodeInfo {
  readonly ok: true;
  /** The code as issued: trimmed and upper-cased (omocode letters kept). */
  readonly normalized: string;
  /** The code with omocodia undone and the check character recomputed (equals `normalized` when not an omocode). */
  readonly baseCode: string;
  /** Whether any digit was replaced by an omocodia letter. */
  readonly omocode: boolean;
  /** Birth date (ISO yyyy-mm-dd); the century is guessed relative to the reference date. */
  readonly birthDate: string;
  readonly gender: FiscalGender;
  /** Cadastral (Belfiore) code of the comune of birth, or Z### for a foreign country. */
  readonly belfiore: string;
}

/** A valid company codice fiscale / partita IVA. */
export interface CompanyFiscalCodeInfo {
  readonly ok: true;
  readonly normalized: string;
}

/** A rejected tax code. */
export interface FiscalCodeFailure {
  readonly ok: false;
  readonly reason: FiscalCodeError;
}

/** Result of `validatePersonFiscalCode`. */
export type PersonFiscalCodeResult = PersonFiscalCodeInfo | FiscalCodeFailure;
/** Result of `validateCompanyFiscalCode`. */
export type CompanyFiscalCodeResult = CompanyFiscalCodeInfo | FiscalCodeFailure;
/** Result of `validateFiscalCode`, tagged with the kind of subject. */
export type FiscalCodeResult =
  | (PersonFiscalCodeInfo & { readonly kind: 'person' })
  | (CompanyFiscalCodeInfo & { readonly kind: 'company' })
  | FiscalCodeFailure;

// --- tables (D.M. 23/12/1976) ---------------------------------------------------------------------------------

/** Month letters, January..December (D.M. 23/12/1976, table of months). */
export const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Omocodia letters replacing the digits 0..9 (D.M. 23/12/1976). */
export const OMOCODE_LETTERS = 'LMNPQRSTUV';

/** 0-based positions whose digits may be replaced by omocodia letters (1-based: 7, 8, 10, 11, 13, 14, 15). */
export const OMOCODE_POSITIONS: readonly number[] = [6, 7, 9, 10, 12, 13, 14];

// Values for characters in odd positions (1-based) of the check-character algorithm; digits 0-9 share the
// values of letters A-J.
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function charValue(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65; // '0'..'9' → 0..9, 'A'..'Z' → 0..25
}

/** Check character of the first 15 characters (upper-case, already format-checked) of a person's code. */
export function computePersonCheckChar(first15: string): string {
  if (!/^[A-Z0-9]{15}$/.test(first15)) throw new RangeError('computePersonCheckChar needs 15 characters A-Z/0-9');
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = charValue(first15.charAt(i));
    // 1-based odd positions are 0-based even indexes
    sum += i % 2 === 0 ? (ODD_VALUES[v] ?? 0) : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

// Shape after trimming and upper-casing: 6 letters, 2 digit/omo, month letter, 2 digit/omo, letter,
// 3 digit/omo, check letter.
const D = '[0-9LMNPQRSTUV]';
const PERSON_SHAPE = new RegExp(`^[A-Z]{6}${D}{2}[A-Z]${D}{2}[A-Z]${D}{3}[A-Z]$`);

function clean(code: string): string {
  return typeof code === 'string' ? code.replace(/\s+/g, '').toUpperCase() : '';
}

/** Replaces omocodia letters with their digits (check character left unchanged). */
function undoOmocode(code: string): string {
  const chars = code.split('');
  for (const p of OMOCODE_POSITIONS) {
    const c = chars[p] ?? '';
    const d = OMOCODE_LETTERS.indexOf(c);
    if (d >= 0) chars[p] = String(d);
  }
  return chars.join('');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/**
 * Validates a natural person's 16-character codice fiscale (D.M. 23/12/1976), accepting omocodes.
 * `referenceDate` (ISO yyyy-mm-dd, default today) fixes the century: the birth year is 20yy unless that date
 * would be after the reference date, then 19yy (so people over 100 years old are read as a century younger).
 */
export function validatePersonFiscalCode(cf: string, referenceDate?: string): PersonFiscalCodeResult {
  const code = clean(cf);
  if (code === '') return { ok: false, reason: 'empty' };
  if (code.length !== 16) return { ok: false, reason: 'length' };
  if (!PERSON_SHAPE.test(code)) return { ok: false, reason: 'format' };

  const plain = undoOmocode(code);
  const month = MONTH_LETTERS.indexOf(plain.charAt(8)) + 1;
  if (month === 0) return { ok: false, reason: 'month' };
  const rawDay = Number(plain.slice(9, 11));
  const gender: FiscalGender = rawDay > 40 ? 'F' : 'M';
  const day = gender === 'F' ? rawDay - 40 : rawDay;
  if (day < 1 || day > 31) return { ok: false, reason: 'day' };

  const yy = Number(plain.slice(6, 8));
  const ref = referenceDate ?? todayIso();
  if (!isIsoDate(ref)) throw new RangeError(`invalid reference date: ${ref}`);
  let year = 2000 + yy;
  if (`${year}-${pad2(month)}-${pad2(day)}` > ref) year -= 100;
  if (day > daysInMonth(year, month)) return { ok: false, reason: 'day' };
  // The check character covers the code as written (omocode letters included).
  if (computePersonCheckChar(code.slice(0, 15)) !== code.charAt(15)) return { ok: false, reason: 'check_digit' };

  const baseCode = plain.slice(0, 15) + computePersonCheckChar(plain.slice(0, 15));
  return {
    ok: true,
    normalized: code,
    baseCode,
    omocode: baseCode !== code,
    birthDate: `${year}-${pad2(month)}-${pad2(day)}`,
    gender,
    belfiore: plain.slice(11, 15),
  };
}

/**
 * Undoes omocodia: digits back in positions 7, 8, 10, 11, 13, 14, 15 and the check character recomputed.
 * Returns null when the input is not a valid person's code.
 */
export function normalizeOmocode(cf: string): string | null {
  const r = validatePersonFiscalCode(cf, '9999-12-31');
  return r.ok ? r.baseCode : null;
}

/**
 * The omocode of a valid code at a given level, as the Agenzia issues them: the `level` (0..7) rightmost
 * digits of positions 7, 8, 10, 11, 13, 14, 15 become letters, and the check character is recomputed.
 */
export function toOmocode(cf: string, level: number): string {
  if (!Number.isInteger(level) || level < 0 || level > 7) throw new RangeError('omocode level must be 0..7');
  return applyOmocodeMask(cf, (1 << level) - 1);
}

/** Like `toOmocode` but with an arbitrary bit mask (0..127) over the 7 omocodia positions, rightmost = bit 0. */
export function applyOmocodeMask(cf: string, mask: number): string {
  if (!Number.isInteger(mask) || mask < 0 || mask > 127) throw new RangeError('omocode mask must be 0..127');
  const base = normalizeOmocode(cf);
  if (base === null) throw new RangeError('not a valid person fiscal code');
  const chars = base.split('');
  OMOCODE_POSITIONS.slice()
    .reverse()
    .forEach((p, bit) => {
      if ((mask >> bit) & 1) chars[p] = OMOCODE_LETTERS.charAt(Number(chars[p]));
    });
  const first15 = chars.slice(0, 15).join('');
  return first15 + computePersonCheckChar(first15);
}

// --- computing a person's code -----------------------------------------------------------------------------------

/** Inputs for `computePersonFiscalCode`. */
export interface PersonFiscalCodeInput {
  readonly familyName: string;
  readonly givenName: string;
  /** ISO yyyy-mm-dd. */
  readonly birthDate: string;
  readonly gender: FiscalGender;
  /** Cadastral code of the comune of birth (letter + 3 digits), or Z### for a foreign country. */
  readonly belfiore: string;
}

const VOWELS = 'AEIOU';

/** Upper-case A-Z letters of a name, accents stripped (À → A), other characters dropped. */
function nameLetters(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function splitLetters(name: string): { consonants: string; vowels: string } {
  const letters = nameLetters(name);
  let consonants = '';
  let vowels = '';
  for (const c of letters) {
    if (VOWELS.includes(c)) vowels += c;
    else consonants += c;
  }
  return { consonants, vowels };
}

/** Three letters for the family name: consonants, then vowels, then X padding (D.M. 23/12/1976). */
export function familyNamePart(familyName: string): string {
  const { consonants, vowels } = splitLetters(familyName);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/** Three letters for the given name: 1st, 3rd and 4th consonant when there are 4 or more, otherwise like the family name. */
export function givenNamePart(givenName: string): string {
  const { consonants, vowels } = splitLetters(givenName);
  if (consonants.length >= 4) return consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/** Whether `iso` is a real calendar date written yyyy-mm-dd. */
export function isIsoDate(iso: string): boolean {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * Computes the (non-omocode) codice fiscale of a natural person (D.M. 23/12/1976).
 * Throws RangeError on an invalid date or cadastral code. The Agenzia delle Entrate may have issued an omocode
 * instead: only its own register is authoritative.
 */
export function computePersonFiscalCode(input: PersonFiscalCodeInput): string {
  if (!isIsoDate(input.birthDate)) throw new RangeError(`invalid birth date: ${input.birthDate}`);
  const belfiore = input.belfiore.trim().toUpperCase();
  if (!/^[A-Z]\d{3}$/.test(belfiore)) throw new RangeError(`invalid cadastral code: ${input.belfiore}`);
  if (input.gender !== 'F' && input.gender !== 'M') throw new RangeError(`invalid gender: ${String(input.gender)}`);
  const [y, m, d] = input.birthDate.split('-').map(Number) as [number, number, number];
  const first15 =
    familyNamePart(input.familyName) +
    givenNamePart(input.givenName) +
    pad2(y % 100) +
    MONTH_LETTERS.charAt(m - 1) +
    pad2(input.gender === 'F' ? d + 40 : d) +
    belfiore;
  return first15 + computePersonCheckChar(first15);
}

// --- companies (11 digits) ---------------------------------------------------------------------------------------

/** Luhn check digit of the first 10 digits of a partita IVA / numeric codice fiscale. */
export function computeCompanyCheckDigit(first10: string): string {
  if (!/^\d{10}$/.test(first10)) throw new RangeError('computeCompanyCheckDigit needs exactly 10 digits');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += digit; // 1-based odd positions: the digit itself
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2; // even positions: doubled, minus 9 if over 9
  }
  return String((10 - (sum % 10)) % 10);
}

/** Validates an 11-digit company codice fiscale / partita IVA (an optional "IT" VAT prefix is accepted). */
export function validateCompanyFiscalCode(code: string): CompanyFiscalCodeResult {
  let c = clean(code);
  if (c === '') return { ok: false, reason: 'empty' };
  if (c.length === 13 && c.startsWith('IT')) c = c.slice(2);
  if (c.length !== 11) return { ok: false, reason: 'length' };
  if (!/^\d{11}$/.test(c) || c === '00000000000') return { ok: false, reason: 'format' };
  if (computeCompanyCheckDigit(c.slice(0, 10)) !== c.charAt(10)) return { ok: false, reason: 'check_digit' };
  return { ok: true, normalized: c };
}

/**
 * Generates a random valid company code for demo data: a 7-digit registration number (not all zeros), a
 * provincial office code 001–100 and the check digit. `rng` returns numbers in [0, 1) like Math.random.
 */
export function generateCompanyFiscalCode(rng: () => number): string {
  const pick = (n: number): number => Math.min(n - 1, Math.max(0, Math.floor(rng() * n)));
  const serial = String(1 + pick(9_999_999)).padStart(7, '0');
  const office = String(1 + pick(100)).padStart(3, '0');
  const first10 = serial + office;
  return first10 + computeCompanyCheckDigit(first10);
}

/** Validates a codice fiscale of either kind, dispatching on length: 16 → person, 11 digits → company. */
export function validateFiscalCode(code: string, referenceDate?: string): FiscalCodeResult {
  const c = clean(code);
  if (c === '') return { ok: false, reason: 'empty' };
  if (c.length === 16) {
    const r = validatePersonFiscalCode(c, referenceDate);
    return r.ok ? { ...r, kind: 'person' } : r;
  }
  if (c.length === 11 || (c.length === 13 && c.startsWith('IT'))) {
    const r = validateCompanyFiscalCode(c);
    return r.ok ? { ...r, kind: 'company' } : r;
  }
  return { ok: false, reason: 'length' };
}
