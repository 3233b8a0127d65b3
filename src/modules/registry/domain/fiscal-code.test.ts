import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MONTH_LETTERS,
  OMOCODE_LETTERS,
  OMOCODE_POSITIONS,
  applyOmocodeMask,
  computeCompanyCheckDigit,
  computePersonCheckChar,
  computePersonFiscalCode,
  daysInMonth,
  familyNamePart,
  generateCompanyFiscalCode,
  givenNamePart,
  isIsoDate,
  normalizeOmocode,
  toOmocode,
  validateCompanyFiscalCode,
  validateFiscalCode,
  validatePersonFiscalCode,
} from './fiscal-code.ts';
import type { FiscalGender, PersonFiscalCodeInput } from './fiscal-code.ts';

const REF = '2025-06-30';

// --- known vectors --------------------------------------------------------------------------------------------

test('known codes from public examples compute and validate', () => {
  // The two classic textbook examples (Mario Rossi; Matteo Moretti, born in Milano on 8 April 1991).
  assert.equal(
    computePersonFiscalCode({ familyName: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', gender: 'M', belfiore: 'A562' }),
    'RSSMRA85T10A562S',
  );
  assert.equal(
    computePersonFiscalCode({ familyName: 'Moretti', givenName: 'Matteo', birthDate: '1991-04-08', gender: 'M', belfiore: 'F205' }),
    'MRTMTT91D08F205J',
  );
  const r = validatePersonFiscalCode('MRTMTT91D08F205J', REF);
  assert.deepEqual(r, {
    ok: true,
    normalized: 'MRTMTT91D08F205J',
    baseCode: 'MRTMTT91D08F205J',
    omocode: false,
    birthDate: '1991-04-08',
    gender: 'M',
    belfiore: 'F205',
  });
});

test('input is trimmed, spaces removed and upper-cased', () => {
  const r = validatePersonFiscalCode('  mrtmtt91d08f205j \n', REF);
  assert.equal(r.ok && r.normalized, 'MRTMTT91D08F205J');
  const s = validatePersonFiscalCode('MRT MTT 91D08 F205J', REF);
  assert.equal(s.ok && s.normalized, 'MRTMTT91D08F205J');
});

test('women: day + 40, decoded back', () => {
  const code = computePersonFiscalCode({
    familyName: 'Bianchi',
    givenName: 'Giulia',
    birthDate: '2001-02-28',
    gender: 'F',
    belfiore: 'A944',
  });
  assert.equal(code.slice(0, 15), 'BNCGLI01B68A944');
  const r = validatePersonFiscalCode(code, REF);
  assert.ok(r.ok);
  assert.equal(r.gender, 'F');
  assert.equal(r.birthDate, '2001-02-28');
  assert.equal(r.belfiore, 'A944');
});

// --- error reasons ----------------------------------------------------------------------------------------------

test('error reasons are stable codes', () => {
  const base = 'MRTMTT91D08F205J';
  assert.deepEqual(validatePersonFiscalCode('', REF), { ok: false, reason: 'empty' });
  assert.deepEqual(validatePersonFiscalCode('   ', REF), { ok: false, reason: 'empty' });
  assert.deepEqual(validatePersonFiscalCode(base.slice(0, 15), REF), { ok: false, reason: 'length' });
  assert.deepEqual(validatePersonFiscalCode(base + 'A', REF), { ok: false, reason: 'length' });
  assert.deepEqual(validatePersonFiscalCode('1RTMTT91D08F205J', REF), { ok: false, reason: 'format' });
  assert.deepEqual(validatePersonFiscalCode('MRTMTTA1D08F205J', REF), { ok: false, reason: 'format' }); // A is no omocode letter
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91508F205J', REF), { ok: false, reason: 'format' }); // digit for month
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D08F205-', REF), { ok: false, reason: 'format' });
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D08F2051', REF), { ok: false, reason: 'format' }); // digit check char
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91F08F205J', REF), { ok: false, reason: 'month' }); // F is no month
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D00F205J', REF), { ok: false, reason: 'day' });
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D32F205J', REF), { ok: false, reason: 'day' });
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D40F205J', REF), { ok: false, reason: 'day' });
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D72F205J', REF), { ok: false, reason: 'day' });
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D31F205J', REF), { ok: false, reason: 'day' }); // 31 April
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D08F205K', REF), { ok: false, reason: 'check_digit' });
});

test('non-string input is rejected, not thrown', () => {
  assert.deepEqual(validatePersonFiscalCode(undefined as unknown as string, REF), { ok: false, reason: 'empty' });
  assert.deepEqual(validateFiscalCode(42 as unknown as string), { ok: false, reason: 'empty' });
});

test('every single-character substitution is rejected', () => {
  // Both tables give distinct values to the characters allowed at a position, so any one change moves the
  // sum mod 26 (or breaks the format, month or day).
  const base = 'MRTMTT91D08F205J';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (let i = 0; i < 16; i++) {
    for (const c of alphabet) {
      if (c === base[i]) continue;
      const mutated = base.slice(0, i) + c + base.slice(i + 1);
      assert.equal(validatePersonFiscalCode(mutated, REF).ok, false, `${mutated} accepted`);
    }
  }
});

// --- February 29, century guess ------------------------------------------------------------------------------------

test('29 February only in leap years', () => {
  const make = (birthDate: string) =>
    computePersonFiscalCode({ familyName: 'Verdi', givenName: 'Anna', birthDate, gender: 'F', belfiore: 'F257' });
  assert.ok(validatePersonFiscalCode(make('2004-02-29'), REF).ok);
  assert.ok(validatePersonFiscalCode(make('2000-02-29'), REF).ok);
  assert.throws(() => make('2023-02-29'), RangeError);
  // Hand-built 29/02/23 with a correct check character → 'day'
  const first15 = 'VRDNNA23B69F257';
  assert.deepEqual(validatePersonFiscalCode(first15 + computePersonCheckChar(first15), REF), {
    ok: false,
    reason: 'day',
  });
  // 29/02/00 read as 1900 (not leap) when the reference date is before 2000
  const c00 = make('2000-02-29');
  assert.deepEqual(validatePersonFiscalCode(c00, '1999-12-31'), { ok: false, reason: 'day' });
});

test('century is guessed relative to the reference date', () => {
  const code = computePersonFiscalCode({
    familyName: 'Neri',
    givenName: 'Luca',
    birthDate: '1925-06-30',
    gender: 'M',
    belfiore: 'H501',
  });
  const at = (ref: string) => {
    const r = validatePersonFiscalCode(code, ref);
    assert.ok(r.ok);
    return r.birthDate;
  };
  assert.equal(at('2025-06-30'), '2025-06-30'); // the same day: not in the future
  assert.equal(at('2025-06-29'), '1925-06-30');
  assert.equal(at('2024-01-01'), '1925-06-30');
  assert.throws(() => validatePersonFiscalCode(code, '30/06/2025'), RangeError);
});

// --- name rules ------------------------------------------------------------------------------------------------------

test('family-name and given-name letters (D.M. 23/12/1976)', () => {
  assert.equal(familyNamePart('Rossi'), 'RSS');
  assert.equal(familyNamePart('Bo'), 'BOX'); // consonants, vowels, then X
  assert.equal(familyNamePart('Fo'), 'FOX');
  assert.equal(familyNamePart('Ai'), 'AIX');
  assert.equal(familyNamePart('Y'), 'YXX'); // Y is a consonant
  assert.equal(familyNamePart("D'Angelo"), 'DNG');
  assert.equal(familyNamePart('De Luca'), 'DLC');
  assert.equal(familyNamePart('Nicolò'), 'NCL');
  assert.equal(familyNamePart('Aèèò'), 'AEE'); // accents stripped
  assert.equal(familyNamePart(''), 'XXX');
  assert.equal(givenNamePart('Gianfranco'), 'GFR'); // G N F R C → 1st, 3rd, 4th
  assert.equal(givenNamePart('Alessandro'), 'LSN'); // L S S N D R → L S N
  assert.equal(givenNamePart('Mario'), 'MRA'); // 2 consonants
  assert.equal(givenNamePart('Marco'), 'MRC'); // exactly 3 consonants
  assert.equal(givenNamePart('Luca'), 'LCU');
  assert.equal(givenNamePart('Ugo'), 'GUO');
  assert.equal(givenNamePart('Ea'), 'EAX');
  assert.equal(givenNamePart('Maria Grazia'), 'MGR'); // M R G R Z → M G R
});

test('computePersonFiscalCode rejects bad input', () => {
  const ok: PersonFiscalCodeInput = { familyName: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', gender: 'M', belfiore: 'A562' };
  assert.throws(() => computePersonFiscalCode({ ...ok, birthDate: '1985-13-10' }), RangeError);
  assert.throws(() => computePersonFiscalCode({ ...ok, birthDate: '10/12/1985' }), RangeError);
  assert.throws(() => computePersonFiscalCode({ ...ok, belfiore: 'A56' }), RangeError);
  assert.throws(() => computePersonFiscalCode({ ...ok, belfiore: '1562' }), RangeError);
  assert.throws(() => computePersonFiscalCode({ ...ok, gender: 'X' as FiscalGender }), RangeError);
  assert.equal(computePersonFiscalCode({ ...ok, belfiore: ' a562 ' }), 'RSSMRA85T10A562S');
});

// --- omocodia --------------------------------------------------------------------------------------------------------

test('omocodia: letters L..V replace digits, validate and normalize back', () => {
  assert.equal(OMOCODE_LETTERS, 'LMNPQRSTUV');
  assert.deepEqual(OMOCODE_POSITIONS, [6, 7, 9, 10, 12, 13, 14]);
  const base = 'MRTMTT91D08F205J';
  const level1 = toOmocode(base, 1); // last digit 5 → R
  assert.equal(level1.slice(0, 15), 'MRTMTT91D08F20R');
  const r1 = validatePersonFiscalCode(level1, REF);
  assert.ok(r1.ok);
  assert.equal(r1.omocode, true);
  assert.equal(r1.baseCode, base);
  assert.equal(r1.normalized, level1);
  assert.equal(r1.birthDate, '1991-04-08');
  assert.equal(r1.belfiore, 'F205');
  const all = toOmocode(base, 7);
  assert.equal(all.slice(0, 15), 'MRTMTTVMDLUFNLR');
  assert.equal(normalizeOmocode(all), base);
  assert.equal(normalizeOmocode(base), base);
  assert.equal(normalizeOmocode('not a code'), null);
  assert.equal(toOmocode(base, 0), base);
  assert.throws(() => toOmocode(base, 8), RangeError);
  assert.throws(() => applyOmocodeMask(base, 128), RangeError);
  assert.throws(() => applyOmocodeMask('XXX', 1), RangeError);
  // An omocode with the base check character (not recomputed) is rejected.
  assert.deepEqual(validatePersonFiscalCode('MRTMTT91D08F20RJ', REF), { ok: false, reason: 'check_digit' });
});

// --- property tests --------------------------------------------------------------------------------------------------

const isoDateArb = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 5, 30)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const nameArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z][a-z' àèéìòù]{0,14}$/),
  fc.constantFrom('Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', "Dell'Acqua", 'Oe', 'Io', 'Li'),
);
const personArb: fc.Arbitrary<PersonFiscalCodeInput> = fc.record({
  familyName: nameArb,
  givenName: nameArb,
  birthDate: isoDateArb,
  gender: fc.constantFrom<FiscalGender>('F', 'M'),
  belfiore: fc.tuple(fc.constantFrom(...'ABCDEFGHILMZ'), fc.integer({ min: 0, max: 999 })).map(([l, n]) => l + String(n).padStart(3, '0')),
});

test('property: every computed code validates and decodes its inputs', () => {
  fc.assert(
    fc.property(personArb, (p) => {
      const code = computePersonFiscalCode(p);
      assert.equal(code.length, 16);
      const r = validatePersonFiscalCode(code, REF);
      assert.ok(r.ok, `${code} rejected: ${JSON.stringify(r)}`);
      assert.equal(r.gender, p.gender);
      assert.equal(r.belfiore, p.belfiore);
      assert.equal(r.omocode, false);
      assert.equal(r.birthDate.slice(2), p.birthDate.slice(2)); // same yy-mm-dd; century is a guess
      if (p.birthDate >= '1925-07-01') assert.equal(r.birthDate, p.birthDate);
    }),
    { numRuns: 2000 },
  );
});

test('property: every omocode variant of a valid code validates and normalizes back', () => {
  fc.assert(
    fc.property(personArb, fc.integer({ min: 0, max: 127 }), (p, mask) => {
      const base = computePersonFiscalCode(p);
      const variant = applyOmocodeMask(base, mask);
      const r = validatePersonFiscalCode(variant, REF);
      assert.ok(r.ok, `${variant} rejected`);
      assert.equal(r.baseCode, base);
      assert.equal(r.omocode, mask !== 0);
      assert.equal(normalizeOmocode(variant), base);
      assert.equal(normalizeOmocode(variant.toLowerCase()), base);
      const plain = validatePersonFiscalCode(base, REF);
      assert.ok(plain.ok);
      assert.equal(r.birthDate, plain.birthDate);
      assert.equal(r.gender, plain.gender);
      assert.equal(r.belfiore, plain.belfiore);
    }),
    { numRuns: 1000 },
  );
});

test('property: validation never throws on arbitrary strings and only accepts 16 A-Z0-9', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Z0-9LMNPQRSTUV]{16}$/)), (s) => {
      const r = validatePersonFiscalCode(s, REF);
      if (r.ok) assert.match(r.normalized, /^[A-Z0-9]{16}$/);
      const any = validateFiscalCode(s, REF);
      assert.equal(typeof any.ok, 'boolean');
    }),
    { numRuns: 3000 },
  );
});

test('property: a wrong check character is always rejected', () => {
  fc.assert(
    fc.property(personArb, fc.integer({ min: 1, max: 25 }), (p, shift) => {
      const code = computePersonFiscalCode(p);
      const wrong = String.fromCharCode(65 + ((code.charCodeAt(15) - 65 + shift) % 26));
      assert.deepEqual(validatePersonFiscalCode(code.slice(0, 15) + wrong, REF), { ok: false, reason: 'check_digit' });
    }),
  );
});

test('month letters and calendar helpers', () => {
  assert.equal(MONTH_LETTERS, 'ABCDEHLMPRST');
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(daysInMonth(2023, 2), 28);
  assert.equal(daysInMonth(1900, 2), 28);
  assert.equal(daysInMonth(2000, 2), 29);
  assert.equal(daysInMonth(2024, 4), 30);
  assert.equal(daysInMonth(2024, 12), 31);
  assert.ok(isIsoDate('2024-02-29'));
  assert.ok(!isIsoDate('2023-02-29'));
  assert.ok(!isIsoDate('2024-2-9'));
  assert.ok(!isIsoDate(null as unknown as string));
  assert.throws(() => computePersonCheckChar('short'), RangeError);
});

// --- companies -------------------------------------------------------------------------------------------------------

test('company codes: Luhn check digit (partita IVA algorithm)', () => {
  // 0074311015: odd positions 0+7+3+1+1 = 12; even positions doubled 0+8+2+0+(10-9) = 11; (10 - 23 % 10) % 10 = 7
  assert.equal(computeCompanyCheckDigit('0074311015'), '7');
  assert.deepEqual(validateCompanyFiscalCode('00743110157'), { ok: true, normalized: '00743110157' });
  assert.deepEqual(validateCompanyFiscalCode(' IT00743110157 '), { ok: true, normalized: '00743110157' });
  assert.deepEqual(validateCompanyFiscalCode('it 00743110157'), { ok: true, normalized: '00743110157' });
  assert.deepEqual(validateCompanyFiscalCode('00743110158'), { ok: false, reason: 'check_digit' });
  assert.deepEqual(validateCompanyFiscalCode('0074311015'), { ok: false, reason: 'length' });
  assert.deepEqual(validateCompanyFiscalCode('0074311015A'), { ok: false, reason: 'format' });
  assert.deepEqual(validateCompanyFiscalCode('00000000000'), { ok: false, reason: 'format' });
  assert.deepEqual(validateCompanyFiscalCode(''), { ok: false, reason: 'empty' });
  assert.equal(computeCompanyCheckDigit('0000000001'), '8'); // 1 doubled = 2 → (10 - 2) % 10
  assert.equal(computeCompanyCheckDigit('0000000005'), '9'); // 5 doubled = 10 → 1 → 9
  assert.equal(computeCompanyCheckDigit('1000000000'), '9');
  assert.throws(() => computeCompanyCheckDigit('123'), RangeError);
});

test('property: a single changed digit of a company code is always detected', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{10}$/), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (first10, pos, delta) => {
      const code = first10 + computeCompanyCheckDigit(first10);
      fc.pre(code !== '00000000000');
      assert.ok(validateCompanyFiscalCode(code).ok);
      const d = (Number(code[pos]) + delta) % 10;
      const mutated = code.slice(0, pos) + d + code.slice(pos + 1);
      fc.pre(mutated !== '00000000000');
      assert.deepEqual(validateCompanyFiscalCode(mutated), { ok: false, reason: 'check_digit' });
    }),
    { numRuns: 2000 },
  );
});

test('property: generated company codes are valid, even with extreme rng values', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), (values) => {
      let i = 0;
      const code = generateCompanyFiscalCode(() => values[i++ % values.length] ?? 0);
      assert.match(code, /^\d{11}$/);
      assert.ok(validateCompanyFiscalCode(code).ok, code);
      const office = Number(code.slice(7, 10));
      assert.ok(office >= 1 && office <= 100);
      assert.notEqual(code.slice(0, 7), '0000000');
    }),
  );
  const seq = [0.999999, 0];
  let k = 0;
  assert.ok(validateCompanyFiscalCode(generateCompanyFiscalCode(() => seq[k++ % 2] ?? 0)).ok);
});

// --- dispatch -------------------------------------------------------------------------------------------------------

test('validateFiscalCode dispatches on length', () => {
  const person = validateFiscalCode('MRTMTT91D08F205J', REF);
  assert.ok(person.ok && person.kind === 'person');
  const company = validateFiscalCode('00743110157');
  assert.deepEqual(company, { ok: true, normalized: '00743110157', kind: 'company' });
  assert.deepEqual(validateFiscalCode('IT00743110157'), { ok: true, normalized: '00743110157', kind: 'company' });
  assert.deepEqual(validateFiscalCode('123'), { ok: false, reason: 'length' });
  assert.deepEqual(validateFiscalCode(''), { ok: false, reason: 'empty' });
  assert.deepEqual(validateFiscalCode('0074311015X'), { ok: false, reason: 'format' });
  assert.deepEqual(validateFiscalCode('MRTMTT91D08F205K', REF), { ok: false, reason: 'check_digit' });
});
