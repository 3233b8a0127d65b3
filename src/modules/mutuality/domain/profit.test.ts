// Allocation of net profit (art. 2545-quater c.c.): reserves first and never below their rate, exact sums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocateProfit, DividendsTooHighError } from './profit.ts';

test('worked example: surplus €100,000, ristorni €40,000, taxes €2,000', () => {
  // net 58,000.00 → legal reserve 30% = 17,400.00; mutual funds 3% = 1,740.00; dividends 1,000.00;
  // indivisible reserve 58,000 − 17,400 − 1,740 − 1,000 = 37,860.00.
  const a = allocateProfit({ surplusCents: 10_000_000, ristorniCents: 4_000_000, incomeTaxesCents: 200_000, legalReserveBps: 3_000, mutualFundsBps: 300, dividendsCents: 100_000 });
  assert.deepEqual(a, {
    surplusCents: 10_000_000, ristorniCents: 4_000_000, incomeTaxesCents: 200_000, netProfitCents: 5_800_000,
    legalReserveCents: 1_740_000, mutualFundsCents: 174_000, dividendsCents: 100_000, reserveCents: 3_786_000,
  });
});

test('reserves are at least their rate, everything sums to the net profit', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 3_000, max: 10_000 }), (surplus, ristorni, legalBps) => {
      const a = allocateProfit({ surplusCents: surplus, ristorniCents: Math.min(ristorni, surplus), incomeTaxesCents: 0, legalReserveBps: legalBps, mutualFundsBps: 300, dividendsCents: 0 });
      if (a.netProfitCents <= 0) return assert.equal(a.legalReserveCents + a.mutualFundsCents + a.reserveCents, 0);
      assert.equal(a.legalReserveCents + a.mutualFundsCents + a.dividendsCents + a.reserveCents, a.netProfitCents);
      assert.ok(a.legalReserveCents * 10_000 >= a.netProfitCents * legalBps);
      if (a.netProfitCents - a.legalReserveCents >= Math.ceil(a.netProfitCents * 0.03)) assert.ok(a.mutualFundsCents * 10_000 >= a.netProfitCents * 300);
    }),
    { numRuns: 500 },
  );
});

test('a loss allocates nothing; dividends above what is left are refused', () => {
  const loss = allocateProfit({ surplusCents: 100, ristorniCents: 100, incomeTaxesCents: 50, legalReserveBps: 3_000, mutualFundsBps: 300, dividendsCents: 0 });
  assert.equal(loss.netProfitCents, -50);
  assert.equal(loss.reserveCents, 0);
  assert.throws(() => allocateProfit({ surplusCents: 10_000, ristorniCents: 0, incomeTaxesCents: 0, legalReserveBps: 3_000, mutualFundsBps: 300, dividendsCents: 6_800 }), DividendsTooHighError);
  // One cent of profit: the legal reserve takes it, nothing is left for the mutual funds.
  const tiny = allocateProfit({ surplusCents: 1, ristorniCents: 0, incomeTaxesCents: 0, legalReserveBps: 3_000, mutualFundsBps: 300, dividendsCents: 0 });
  assert.deepEqual([tiny.legalReserveCents, tiny.mutualFundsCents, tiny.reserveCents], [1, 0, 0]);
});
