// Every server string exists in Italian and English, and the locale is picked as documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueKeys, pickLocale, t } from '../../src/core/i18n.ts';
import '../../src/app.ts'; // loads every module's catalogue

test('the Italian and English catalogues carry the same keys', () => {
  const it = new Set(catalogueKeys('it'));
  const en = new Set(catalogueKeys('en'));
  assert.deepEqual([...it].filter((k) => !en.has(k)), [], 'missing in English');
  assert.deepEqual([...en].filter((k) => !it.has(k)), [], 'missing in Italian');
});

test('locale: ?lang= first, then the preferred one, then Accept-Language, then Italian', () => {
  assert.equal(pickLocale({ lang: 'en' }, 'it'), 'en');
  assert.equal(pickLocale({}, 'en-GB,en;q=0.8'), 'en');
  assert.equal(pickLocale({}, 'fr-FR, en;q=0.5, it;q=0.9'), 'it');
  assert.equal(pickLocale({}, 'fr-FR'), 'it');
  assert.equal(pickLocale({}, undefined, 'en'), 'en');
  assert.equal(t('en', 'field.type', { expected: 'integer' }), 'Invalid type: expected integer');
});
