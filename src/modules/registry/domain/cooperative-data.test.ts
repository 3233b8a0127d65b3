import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ALBO_CATEGORIES,
  ALBO_SECTIONS,
  CODE_LISTS,
  COMUNI,
  COOPERATIVE_STATUSES,
  EXIT_KINDS,
  FINANCING_MEMBER_TYPES,
  GENDERS,
  LEGAL_MODELS,
  MEMBER_TYPES,
  PROVINCES,
  REGIONAL_CAPITALS,
  REGIONS,
  SOCIAL_COOP_TYPES,
  comuneByBelfiore,
  isCodeOf,
  isLegalMemberType,
  label,
  provinceByCode,
  validateAlboNumber,
  validateAtecoCode,
  validatePec,
} from './cooperative-data.ts';
import type { CodeEntry } from './cooperative-data.ts';
import { computePersonFiscalCode, validatePersonFiscalCode } from './fiscal-code.ts';

test('the Albo has 14 categories and 2 sections', () => {
  assert.equal(ALBO_CATEGORIES.length, 14);
  assert.deepEqual(
    ALBO_SECTIONS.map((s) => s.code),
    ['mutualita_prevalente', 'mutualita_non_prevalente'],
  );
  assert.equal(ALBO_CATEGORIES[0].it, 'Cooperative di produzione e lavoro');
  assert.equal(ALBO_CATEGORIES[13].code, 'altre');
});

test('fixed code lists', () => {
  assert.deepEqual(LEGAL_MODELS.map((e) => e.code), ['spa', 'srl']);
  assert.deepEqual(COOPERATIVE_STATUSES.map((e) => e.code), ['active', 'liquidation', 'struck_off']);
  assert.deepEqual(SOCIAL_COOP_TYPES.map((e) => e.code), ['A', 'B', 'AB']);
  assert.deepEqual(MEMBER_TYPES.map((e) => e.code), ['lavoratore', 'utente', 'conferente', 'sovventore', 'finanziatore', 'volontario']);
  assert.deepEqual(EXIT_KINDS.map((e) => e.code), ['recesso', 'esclusione', 'decesso', 'trasferimento']);
  assert.deepEqual(GENDERS.map((e) => e.code), ['F', 'M', 'X']);
  for (const t of FINANCING_MEMBER_TYPES) assert.ok(isLegalMemberType(t));
});

test('every code list: unique codes, snake_case or official upper-case codes, non-empty labels in both locales', () => {
  const all: string[] = [];
  for (const [name, list] of Object.entries(CODE_LISTS)) {
    const entries: readonly CodeEntry[] = list;
    for (const e of entries) {
      assert.match(e.code, /^(?:[a-z][a-z0-9_]*|[A-Z]{1,2})$/, `${name}.${e.code}`);
      assert.ok(e.it.trim().length > 0 && e.en.trim().length > 0, `${name}.${e.code} labels`);
      assert.equal(label(e.code, 'it'), e.it);
      assert.equal(label(e.code, 'en'), e.en);
      all.push(e.code);
    }
  }
  assert.equal(new Set(all).size, all.length, 'codes collide across lists, so label() would be ambiguous');
  assert.equal(label('unknown_code', 'en'), 'unknown_code');
  assert.equal(label('sociali', 'en'), 'Social co-operatives');
  assert.equal(label('recesso', 'it'), 'Recesso');
});

test('member types: volunteers only in social co-operatives (L. 381/1991 art. 2)', () => {
  for (const m of MEMBER_TYPES) assert.ok(isLegalMemberType(m.code));
  assert.ok(!isLegalMemberType('fondatore'));
  assert.ok(!isLegalMemberType(undefined));
  assert.ok(!isLegalMemberType(3));
  assert.ok(isLegalMemberType('volontario', { category: 'sociali' }));
  assert.ok(!isLegalMemberType('volontario', { category: 'consumo' }));
  assert.ok(isLegalMemberType('volontario', {}));
  assert.ok(isLegalMemberType('lavoratore', { category: 'consumo' }));
  assert.ok(isCodeOf(GENDERS, 'X'));
  assert.ok(!isCodeOf(GENDERS, 'x'));
});

test('107 provinces in 20 regions, unique siglas', () => {
  assert.equal(PROVINCES.length, 107);
  assert.equal(REGIONS.length, 20);
  assert.equal(new Set(PROVINCES.map((p) => p.code)).size, 107);
  assert.equal(new Set(PROVINCES.map((p) => p.name)).size, 107);
  const regionNames = new Set<string>(REGIONS.map((r) => r.name));
  for (const p of PROVINCES) {
    assert.match(p.code, /^[A-Z]{2}$/);
    assert.ok(regionNames.has(p.region), p.code);
  }
  // every region has at least one province; counts per region (ISTAT)
  const count = (region: string) => PROVINCES.filter((p) => p.region === region).length;
  const expected: Record<string, number> = {
    Piemonte: 8,
    "Valle d'Aosta": 1,
    Lombardia: 12,
    'Trentino-Alto Adige': 2,
    Veneto: 7,
    'Friuli-Venezia Giulia': 4,
    Liguria: 4,
    'Emilia-Romagna': 9,
    Toscana: 10,
    Umbria: 2,
    Marche: 5,
    Lazio: 5,
    Abruzzo: 4,
    Molise: 2,
    Campania: 5,
    Puglia: 6,
    Basilicata: 2,
    Calabria: 5,
    Sicilia: 9,
    Sardegna: 5,
  };
  for (const r of REGIONS) assert.equal(count(r.name), expected[r.name], r.name);
  assert.deepEqual(provinceByCode('bo'), { code: 'BO', name: 'Bologna', region: 'Emilia-Romagna' });
  assert.equal(provinceByCode('XX'), undefined);
  assert.equal(provinceByCode(null as unknown as string), undefined);
  assert.deepEqual(
    REGIONS.map((r) => r.code),
    Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')),
  );
});

test('comuni sample: ≥ 3 per Emilia-Romagna province, every regional capital, well-formed codes', () => {
  assert.equal(new Set(COMUNI.map((c) => c.belfiore)).size, COMUNI.length);
  for (const c of COMUNI) {
    assert.match(c.belfiore, /^[A-M]\d{3}$/, c.name);
    assert.ok(provinceByCode(c.province), c.name);
  }
  for (const p of PROVINCES.filter((x) => x.region === 'Emilia-Romagna')) {
    assert.ok(COMUNI.filter((c) => c.province === p.code).length >= 3, p.code);
  }
  for (const r of REGIONS) {
    const capital = comuneByBelfiore(REGIONAL_CAPITALS[r.name]);
    assert.ok(capital, r.name);
    assert.equal(provinceByCode(capital.province)?.region, r.name);
  }
  assert.equal(comuneByBelfiore('a944')?.name, 'Bologna');
  assert.equal(comuneByBelfiore('F257')?.name, 'Modena');
  assert.equal(comuneByBelfiore('H501')?.name, 'Roma');
  assert.equal(comuneByBelfiore('Z999'), undefined);
});

test('the sample comuni work as birthplaces of fiscal codes', () => {
  for (const c of COMUNI) {
    const code = computePersonFiscalCode({ familyName: 'Rossi', givenName: 'Anna', birthDate: '1990-05-17', gender: 'F', belfiore: c.belfiore });
    const r = validatePersonFiscalCode(code, '2025-01-01');
    assert.ok(r.ok);
    assert.equal(comuneByBelfiore(r.belfiore)?.name, c.name);
  }
});

test('validateAtecoCode: NN, NN.N, NN.NN, NN.NN.N, NN.NN.NN with division 01–99', () => {
  for (const ok of ['01', '62', '62.0', '62.01', '62.01.0', '62.01.00', '99.00.00', ' 47.11.10 ']) {
    const r = validateAtecoCode(ok);
    assert.ok(r.ok, ok);
    assert.equal(r.normalized, ok.trim());
  }
  const bad: Array<[string, string]> = [
    ['', 'empty'],
    ['6', 'format'],
    ['620', 'format'],
    ['62.', 'format'],
    ['62.0.1', 'format'],
    ['62.012', 'format'],
    ['62.01.001', 'format'],
    ['620100', 'format'],
    ['62-01', 'format'],
    ['AB.01', 'format'],
    ['00', 'division'],
    ['00.11', 'division'],
  ];
  for (const [code, reason] of bad) assert.deepEqual(validateAtecoCode(code), { ok: false, reason }, code);
});

test('validateAlboNumber: A + 6 digits', () => {
  assert.deepEqual(validateAlboNumber('A123456'), { ok: true, normalized: 'A123456' });
  assert.deepEqual(validateAlboNumber(' a 123456 '), { ok: true, normalized: 'A123456' });
  for (const bad of ['A12345', 'A1234567', 'B123456', '123456', 'AA23456', 'A12345X']) {
    assert.deepEqual(validateAlboNumber(bad), { ok: false, reason: 'format' }, bad);
  }
  assert.deepEqual(validateAlboNumber(''), { ok: false, reason: 'empty' });
});

test('validatePec: e-mail syntax', () => {
  for (const ok of ['coop@pec.it', 'Cooperativa.Sociale@Legalmail.IT', 'a+b@pec.coop.example.it', "o'neil@pec-mail.it", 'x@a1.io']) {
    const r = validatePec(ok);
    assert.ok(r.ok, ok);
    assert.equal(r.normalized, ok.toLowerCase());
  }
  const bad = [
    'coop',
    'coop@',
    '@pec.it',
    'coop@pec',
    'coop@@pec.it',
    'a@b@pec.it',
    'coop.@pec.it',
    '.coop@pec.it',
    'co..op@pec.it',
    'coop@-pec.it',
    'coop@pec-.it',
    'coop@pec..it',
    'coop@pec.i',
    'coop@pec.123',
    'co op@pec.it',
    'coop@pec.it.',
    'coop@[127.0.0.1]',
  ];
  for (const b of bad) assert.deepEqual(validatePec(b), { ok: false, reason: 'format' }, b);
  assert.deepEqual(validatePec(''), { ok: false, reason: 'empty' });
  assert.deepEqual(validatePec(`${'a'.repeat(65)}@pec.it`), { ok: false, reason: 'length' });
  assert.deepEqual(validatePec(`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.it`), {
    ok: false,
    reason: 'length',
  });
});

test('property: format checks never throw and accept only what they normalize to', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const a = validateAtecoCode(s);
      if (a.ok) assert.ok(validateAtecoCode(a.normalized).ok);
      const n = validateAlboNumber(s);
      if (n.ok) assert.match(n.normalized, /^A\d{6}$/);
      const p = validatePec(s);
      if (p.ok) assert.deepEqual(validatePec(p.normalized), p);
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.emailAddress(), (e) => {
      // fast-check's generator follows RFC 5322 dot-atoms; ours additionally wants an alphabetic TLD of 2+ letters
      const r = validatePec(e);
      const tld = e.slice(e.lastIndexOf('.') + 1);
      if (/^[A-Za-z]{2,63}$/.test(tld) && e.length <= 254 && e.indexOf('@') <= 64) assert.ok(r.ok, e);
    }),
    { numRuns: 1000 },
  );
});
