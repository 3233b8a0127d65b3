// Validation and normalisation of one exchange entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseEntry, milliToDecimal, withinMembership } from './exchange.ts';

const today = '2025-12-31';

test('work needs hours; its unit is always hours', () => {
  const ok = normaliseEntry({ kind: 'work', occurredOn: '2025-03-31', quantity: 152.5, valueCents: 180_000 }, today);
  assert.deepEqual(ok.entry, { kind: 'work', occurredOn: '2025-03-31', quantityMilli: 152_500, unit: 'h', valueCents: 180_000, grade: null, description: null });
  assert.deepEqual(normaliseEntry({ kind: 'work', occurredOn: '2025-03-31', valueCents: 1 }, today).problems.map((p) => p.code), ['exchange.hours-required']);
  assert.deepEqual(normaliseEntry({ kind: 'work', occurredOn: '2025-03-31', quantity: 1, unit: 'kg', valueCents: 1 }, today).problems.map((p) => p.code), ['exchange.work-unit']);
});

test('deliveries need a quantity and its unit; at most three decimals', () => {
  assert.deepEqual(
    normaliseEntry({ kind: 'delivery', occurredOn: '2025-09-10', valueCents: 1 }, today).problems.map((p) => p.field),
    ['quantity', 'unit'],
  );
  assert.equal(normaliseEntry({ kind: 'delivery', occurredOn: '2025-09-10', quantity: 1.2345, unit: 'kg', valueCents: 1 }, today).problems[0]?.code, 'exchange.quantity-decimals');
  assert.equal(normaliseEntry({ kind: 'delivery', occurredOn: '2025-09-10', quantity: 1.005, unit: 'kg', valueCents: 1, grade: ' A ' }, today).entry?.grade, 'A');
});

test('unknown kinds, future dates, negative or huge values are refused', () => {
  const r = normaliseEntry({ kind: 'gift', occurredOn: '2026-01-01', valueCents: -1 }, today);
  assert.deepEqual(r.problems.map((p) => p.field).sort(), ['kind', 'occurredOn', 'valueCents']);
  assert.equal(normaliseEntry({ kind: 'purchase', occurredOn: '2025-01-01', valueCents: 10_000_000_001 }, today).problems[0]?.field, 'valueCents');
});

test('membership period and decimal text', () => {
  assert.equal(withinMembership('2025-01-01', '2025-01-01', null), true);
  assert.equal(withinMembership('2024-12-31', '2025-01-01', null), false);
  assert.equal(withinMembership('2025-06-30', '2020-01-01', '2025-06-30'), true);
  assert.equal(withinMembership('2025-07-01', '2020-01-01', '2025-06-30'), false);
  assert.equal(milliToDecimal(152_500), '152.500');
  assert.equal(milliToDecimal(-5), '-0.005');
});
