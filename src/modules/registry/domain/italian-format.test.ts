import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatEuro,
  formatItalianDate,
  formatItalianNumber,
  parseEuroToCents,
  parseInteger,
  parseItalianDate,
  parseItalianNumber,
} from './italian-format.ts';

const NBSP = '\u00A0';

test('parseItalianNumber: Italian, plain and spreadsheet forms', () => {
  const cases: Array<[string, number]> = [
    ['1.234,56', 1234.56],
    ['1234,56', 1234.56],
    ['1234.56', 1234.56], // single dot, 2 decimals: decimal point
    ['1234.5', 1234.5],
    ['0.125', 0.125], // "0" cannot open a thousands group
    ['3.14159', 3.14159],
    ['1234.567', 1234.567], // "1234" cannot be a first group of 3
    ['1.234', 1234], // dot + exactly 3 digits: thousands
    ['12.345.678', 12345678],
    ['12.345.678,9', 12345678.9],
    ['-1.234', -1234],
    ['+1.234', 1234],
    ['\u22121.234,5', -1234.5], // Unicode minus
    ['€ 1.234,56', 1234.56],
    ['€1.234,56', 1234.56],
    ['1.234,56 €', 1234.56],
    [`1.234,56${NBSP}€`, 1234.56],
    ['-€ 1.234,56', -1234.56],
    ['€ -1.234,56', -1234.56],
    ['EUR 10', 10],
    ['10 eur', 10],
    ['1 234,56', 1234.56],
    [`1${NBSP}234${NBSP}567,8`, 1234567.8],
    ['1\u202F234', 1234],
    ['  42  ', 42],
    ['0', 0],
    ['-0', 0],
    ['0,5', 0.5],
    ['007', 7],
  ];
  for (const [input, expected] of cases) assert.equal(parseItalianNumber(input), expected, JSON.stringify(input));
  assert.ok(Object.is(parseItalianNumber('-0'), 0), '-0 becomes 0');
});

test('parseItalianNumber: garbage and ambiguous forms give null', () => {
  const bad = [
    '',
    ' ',
    '-',
    '€',
    'abc',
    '12a',
    '1,234.56', // English format
    '1,2,3',
    '1.23.456', // group of 2
    '1.2345.678',
    '0.123.456', // first group cannot start with 0
    '1.234.5',
    '1..234',
    '.5',
    ',5',
    '5,',
    '5.',
    '1 234.56', // spaces then dot
    '1  234',
    '12 34',
    '1.234 567', // mixed separators
    '1e3',
    '0x10',
    'Infinity',
    'NaN',
    '--1',
    '+-1',
    '€ 1 €',
    '$ 10',
    '1.234,56-',
    '(1.234)',
  ];
  for (const s of bad) assert.equal(parseItalianNumber(s), null, JSON.stringify(s));
  assert.equal(parseItalianNumber(null as unknown as string), null);
  assert.equal(parseItalianNumber(12 as unknown as string), null);
});

test('parseEuroToCents: exact integer cents', () => {
  const cases: Array<[string, number]> = [
    ['1.234,56', 123456],
    ['€ 1.234,56', 123456],
    ['1234,5', 123450],
    ['1234.56', 123456],
    ['0,01', 1],
    ['0,1', 10],
    ['-0,01', -1],
    ['12.345', 1234500], // thousands, not decimals
    ['0,29', 29], // 0.29 * 100 = 28.999999999999996 in floating point
    ['1.005,07', 100507],
    ['90.071.992.547.409,91', 9007199254740991],
    ['-0', 0],
  ];
  for (const [input, expected] of cases) assert.equal(parseEuroToCents(input), expected, input);
  assert.ok(Object.is(parseEuroToCents('-0,00'), 0));
  assert.equal(parseEuroToCents('12,345'), null); // 3 decimals: not money
  assert.equal(parseEuroToCents('1234.567'), null);
  assert.equal(parseEuroToCents('90.071.992.547.409,92'), null); // beyond Number.MAX_SAFE_INTEGER
  assert.equal(parseEuroToCents('abc'), null);
  assert.equal(parseEuroToCents(''), null);
});

test('parseInteger', () => {
  assert.equal(parseInteger('1.234'), 1234);
  assert.equal(parseInteger('1 234'), 1234);
  assert.equal(parseInteger('-12'), -12);
  assert.equal(parseInteger(' 7 '), 7);
  assert.equal(parseInteger('12,00'), 12);
  assert.equal(parseInteger('12,'), null);
  assert.equal(parseInteger('12,5'), null);
  assert.equal(parseInteger('1.5'), null);
  assert.equal(parseInteger('9.007.199.254.740.991'), Number.MAX_SAFE_INTEGER);
  assert.equal(parseInteger('9.007.199.254.740.992'), null);
  assert.equal(parseInteger('x'), null);
  assert.ok(Object.is(parseInteger('-0'), 0));
});

test('parseItalianDate: accepted forms', () => {
  const cases: Array<[string, string]> = [
    ['31/12/2024', '2024-12-31'],
    ['1/2/2024', '2024-02-01'],
    ['01/02/2024', '2024-02-01'],
    ['31-12-2024', '2024-12-31'],
    ['31.12.2024', '2024-12-31'],
    ['2024-12-31', '2024-12-31'],
    [' 29/02/2024 ', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
  ];
  for (const [input, expected] of cases) assert.equal(parseItalianDate(input), expected, input);
});

test('parseItalianDate: rejected forms', () => {
  const bad = [
    '29/02/2023',
    '29/02/1900', // not leap: divisible by 100, not by 400
    '31/04/2024',
    '32/01/2024',
    '00/01/2024',
    '01/00/2024',
    '01/13/2024',
    '31/12/24', // 2-digit year
    '31-12/2024', // mixed separators
    '31 12 2024',
    '2024/12/31',
    '2024-2-3',
    '2024-13-01',
    '2024-02-30',
    '12/31/2024', // US order → month 31
    '001/01/2024',
    '01/01/0999',
    '',
    'oggi',
    '2024-12-31T00:00:00',
  ];
  for (const s of bad) assert.equal(parseItalianDate(s), null, s);
  assert.equal(parseItalianDate(undefined as unknown as string), null);
});

test('formatting with Intl it-IT', () => {
  assert.equal(formatEuro(123456), `1.234,56${NBSP}€`);
  assert.equal(formatEuro(5), `0,05${NBSP}€`);
  assert.equal(formatEuro(0), `0,00${NBSP}€`);
  assert.equal(formatEuro(-123450), `-1.234,50${NBSP}€`);
  assert.equal(formatEuro(Number.MAX_SAFE_INTEGER), `90.071.992.547.409,91${NBSP}€`);
  assert.throws(() => formatEuro(1.5), RangeError);
  assert.throws(() => formatEuro(Number.MAX_SAFE_INTEGER + 1), RangeError);
  assert.equal(formatItalianNumber(1234.5), '1.234,5');
  assert.equal(formatItalianNumber(1234567), '1.234.567');
  assert.equal(formatItalianNumber(2.5, { minimumFractionDigits: 2 }), '2,50');
  assert.equal(formatItalianNumber(2.456, { maximumFractionDigits: 1 }), '2,5');
  assert.throws(() => formatItalianNumber(Number.NaN), RangeError);
  assert.equal(formatItalianDate('2024-12-31'), '31/12/2024');
  assert.equal(formatItalianDate('2024-02-01'), '01/02/2024');
  assert.throws(() => formatItalianDate('2023-02-29'), RangeError);
  assert.throws(() => formatItalianDate('31/12/2024'), RangeError);
});

// --- properties -----------------------------------------------------------------------------------------------

const centsArb = fc.oneof(
  fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);

test('property: formatting then parsing cents round-trips exactly', () => {
  fc.assert(
    fc.property(centsArb, (cents) => {
      assert.equal(parseEuroToCents(formatEuro(cents)), cents === 0 ? 0 : cents);
    }),
    { numRuns: 3000 },
  );
});

test('property: a 2-decimal amount parses to the same value as a number and as cents', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
      const text = formatItalianNumber(cents / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      assert.equal(parseEuroToCents(text), cents === 0 ? 0 : cents);
      assert.equal(parseItalianNumber(text), cents / 100 === 0 ? 0 : cents / 100);
    }),
    { numRuns: 2000 },
  );
});

test('property: integers round-trip through formatItalianNumber', () => {
  fc.assert(
    fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
      const text = formatItalianNumber(n);
      assert.equal(parseInteger(text), n === 0 ? 0 : n);
      assert.equal(parseItalianNumber(text), n === 0 ? 0 : n);
    }),
    { numRuns: 2000 },
  );
});

test('property: parsers never throw on arbitrary strings', () => {
  const noisy = fc.oneof(
    fc.string(),
    fc.string({ unit: fc.constantFrom(...'0123456789.,- /€EUR\u00A0+') }),
    fc.string({ unit: 'grapheme' }),
  );
  fc.assert(
    fc.property(noisy, (s) => {
      const d = parseItalianDate(s);
      if (d !== null) assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
      const n = parseItalianNumber(s);
      if (n !== null) assert.ok(Number.isFinite(n));
      const c = parseEuroToCents(s);
      if (c !== null) assert.ok(Number.isSafeInteger(c));
      const i = parseInteger(s);
      if (i !== null) assert.ok(Number.isSafeInteger(i));
    }),
    { numRuns: 5000 },
  );
});

test('property: any real date round-trips through every accepted Italian form', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
      fc.constantFrom('/', '-', '.'),
      fc.boolean(),
      (date, sep, pad) => {
        const iso = date.toISOString().slice(0, 10);
        assert.equal(parseItalianDate(iso), iso);
        assert.equal(parseItalianDate(formatItalianDate(iso)), iso);
        const [y, m, d] = iso.split('-') as [string, string, string];
        const dd = pad ? d : String(Number(d));
        const mm = pad ? m : String(Number(m));
        assert.equal(parseItalianDate(`${dd}${sep}${mm}${sep}${y}`), iso);
      },
    ),
    { numRuns: 2000 },
  );
});

test('property: a parsed date is always a real calendar date', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1000, max: 9999 }), (d, m, y) => {
      const parsed = parseItalianDate(`${d}/${m}/${y}`);
      const real = new Date(Date.UTC(y, m - 1, d));
      const exists = m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
      assert.equal(parsed !== null, exists, `${d}/${m}/${y}`);
    }),
    { numRuns: 3000 },
  );
});
