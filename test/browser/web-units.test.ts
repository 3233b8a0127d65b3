// The web app's plain modules, without a browser: catalogues, formatting, the API client's URLs, redirects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import it from '../../web/src/i18n/it.json' with { type: 'json' };
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import { formatDate, formatMoney, formatNumber } from '../../web/src/core/format.ts';
import { apiUrl } from '../../web/src/core/api.ts';
import { safeNext } from '../../web/src/identity/next.ts';

const WEB_SRC = join(import.meta.dirname, '..', '..', 'web', 'src');

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

test('the Italian and English catalogues have the same keys, none empty', () => {
  const itKeys = keys(it).sort();
  const enKeys = keys(en).sort();
  assert.deepEqual(enKeys, itKeys);
  for (const [name, cat] of [['it', it], ['en', en]] as const) {
    for (const k of keys(cat)) {
      const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], cat);
      assert.ok(typeof v === 'string' && v.trim() !== '', `${name}: ${k} is empty`);
    }
  }
});

test('every literal key the code translates exists in the catalogues', () => {
  const known = new Set(keys(it).map((k) => k.replace(/_(one|many|other)$/, '')));
  const missing: string[] = [];
  for (const file of sources(WEB_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      if (!known.has(m[1] ?? '')) missing.push(`${file.slice(WEB_SRC.length + 1)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('dates are dd/mm/yyyy in both languages, whatever the time zone', () => {
  assert.equal(formatDate('2024-03-01', 'it'), '01/03/2024');
  assert.equal(formatDate('2024-03-01', 'en'), '01/03/2024');
  assert.equal(formatDate('1999-12-31', 'it'), '31/12/1999');
  assert.equal(formatDate(null, 'it'), '');
  assert.equal(formatDate('not a date', 'it'), 'not a date');
});

test('money from integer cents, as euros', () => {
  assert.equal(formatMoney(123456, 'it').replace(/\s/g, ' '), '1.234,56 €');
  assert.equal(formatMoney(123456, 'en'), '€1,234.56');
  assert.equal(formatMoney(0, 'it').replace(/\s/g, ' '), '0,00 €');
  assert.equal(formatMoney(-2500, 'en'), '-€25.00');
  assert.equal(formatNumber(1234567, 'it'), '1.234.567');
  assert.equal(formatNumber(1234567, 'en'), '1,234,567');
  // A US co-op's amounts (its rule set's currency), in the reader's language.
  assert.equal(formatMoney(37500, 'en', 'USD'), 'US$375.00');
  assert.equal(formatMoney(37500, 'it', 'USD').replace(/\s/g, ' '), '375,00 USD');
});

test('API URLs leave out empty filters', () => {
  assert.equal(apiUrl('/cooperatives', { q: '', province: 'BO', page: 2, status: undefined, x: null }), '/api/v1/cooperatives?province=BO&page=2');
  assert.equal(apiUrl('/me/memberships'), '/api/v1/me/memberships');
  assert.equal(apiUrl('/cooperatives', { q: 'a&b c' }), '/api/v1/cooperatives?q=a%26b+c');
});

test('after signing in, only same-site paths are followed', () => {
  assert.equal(safeNext('/cooperative/1?pagina=2'), '/cooperative/1?pagina=2');
  assert.equal(safeNext(null), '/');
  assert.equal(safeNext('https://evil.example'), '/');
  assert.equal(safeNext('//evil.example'), '/');
  assert.equal(safeNext('/\\evil.example'), '/');
  assert.equal(safeNext('/accedi'), '/');
});
