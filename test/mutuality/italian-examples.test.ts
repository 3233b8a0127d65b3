// Hand-worked examples from Italian practice, with the arithmetic written out: the ceiling from the surplus
// generated with members (art. 2545-sexies), the 30% cap of L. 142/2001, exact sharing by largest remainder, quality
// weights, the forms with the 12.5% withholding, and the allocation of net profit (art. 2545-quater).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateList, allocateProfit, planRun, splitForms, RULE_SETS, type KindTotals, type RunInputs } from '../../src/modules/mutuality/domain/index.ts';

const italy = RULE_SETS.IT;
const inputs = (over: Partial<RunInputs>): RunInputs => ({
  surplusCents: 0,
  incomeTaxesCents: 0,
  kinds: [],
  poolCents: null,
  forms: { cashBps: 10_000, capitalBps: 0, instrumentsBps: 0 },
  withholding: false,
  legalReserveBps: 3_000,
  dividendsCents: 0,
  ...over,
});
const euro = (e: number) => Math.round(e * 100);

test('consumer co-op: ceiling from A1, a pool of €1,000 over three members’ purchases, one spare cent', () => {
  // A1 revenues: members €2,400,000, others €600,000 (80%). Surplus €150,000.
  // Attributable to members: 150,000 × 2,400,000 ÷ 3,000,000 = €120,000 = the ceiling.
  const kinds: KindTotals[] = [{ kind: 'purchase', members: 3, valueCents: euro(6_000), weighted: BigInt(euro(6_000)) * 10_000n, capsCents: null }];
  const plan = planRun(italy, inputs({ surplusCents: euro(150_000), kinds: [{ kind: 'purchase', basis: 'value' }], poolCents: euro(1_000) }), [{ line: 'A1', membersCents: euro(2_400_000), othersCents: euro(600_000) }], kinds);
  assert.equal(plan.ceiling.ceilingCents, euro(120_000));
  assert.equal(plan.kindPools[0]?.poolCents, euro(1_000));
  // Purchases €1,000, €2,000, €3,000 (total €6,000); pool 100,000 cents:
  //   A: 100,000 × 1,000 ÷ 6,000 = 16,666.67 → 16,666 (remainder .67)
  //   B: 100,000 × 2,000 ÷ 6,000 = 33,333.33 → 33,333 (remainder .33)
  //   C: 100,000 × 3,000 ÷ 6,000 = 50,000.00 → 50,000
  // Floors sum to 99,999: the spare cent goes to the largest remainder, A → €166.67, €333.33, €500.00.
  assert.deepEqual(allocateList(100_000n, [100_000n, 200_000n, 300_000n]), [16_667n, 33_333n, 50_000n]);
});

test('worker co-op: the 30% cap of L. 142/2001 binds for one worker, the others share the rest', () => {
  // B9 labour cost: members €180,000, others €20,000. Surplus €80,000 → attributable 80,000 × 180 ÷ 200 = €72,000.
  // Wages: Anna €30,000 (quality weight 1.5), Bruno €25,000, Carla €5,000 (weight 1.0): caps 30% = €9,000, €7,500, €1,500,
  // €18,000 in all, so the ceiling is min(72,000, 18,000) = €18,000. The board proposes €16,000.
  const caps = [euro(9_000), euro(7_500), euro(1_500)];
  const weighted = [BigInt(euro(30_000)) * 15_000n, BigInt(euro(25_000)) * 10_000n, BigInt(euro(5_000)) * 10_000n];
  const totals: KindTotals[] = [{ kind: 'work', members: 3, valueCents: euro(60_000), weighted: weighted.reduce((a, b) => a + b, 0n), capsCents: euro(18_000) }];
  const plan = planRun(italy, inputs({ surplusCents: euro(80_000), kinds: [{ kind: 'work', basis: 'value' }], poolCents: euro(16_000) }), [{ line: 'B9', membersCents: euro(180_000), othersCents: euro(20_000) }], totals);
  assert.equal(plan.ceiling.kinds[0]?.attributableCents, euro(72_000));
  assert.equal(plan.ceiling.ceilingCents, euro(18_000));
  // Weighted exchange 45,000 + 25,000 + 5,000 = 75,000. Anna's quota 16,000 × 45 ÷ 75 = €9,600 > cap €9,000 → €9,000.
  // The other €7,000 over 25,000 + 5,000: Bruno 7,000 × 25 ÷ 30 = €5,833.333 → 583,333 cents;
  // Carla 7,000 × 5 ÷ 30 = €1,166.667 → 116,666 + the spare cent = 116,667. Sum 900,000 + 583,333 + 116,667 = 1,600,000.
  assert.deepEqual(allocateList(BigInt(euro(16_000)), weighted, caps.map(BigInt)), [900_000n, 583_333n, 116_667n]);
  // Anna takes it all as capital in €25 shares with the 12.5% withholding: 360 shares (€9,000) would owe €1,125 with no
  // cash to take it from, so ⌈1,125 ÷ 25⌉ = 45 shares go back to cash: 315 shares = €7,875, cash €1,125,
  // withholding 12.5% × 7,875 = €984.375 → €984.38, net cash €140.62.
  const f = splitForms(900_000, { cashBps: 0, capitalBps: 10_000, instrumentsBps: 0 }, { shareNominalCents: 2_500, withholdingBps: 1_250 });
  assert.deepEqual([f.capitalShares, f.capitalCents, f.cashCents, f.withholdingCents, f.netCashCents], [315, 787_500, 112_500, 98_438, 14_062]);
  // Net profit 80,000 − 16,000 − taxes 1,200 = €62,800: legal reserve 30% = €18,840, mutual funds 3% = €1,884,
  // indivisible reserve 62,800 − 18,840 − 1,884 = €42,076.
  const p = allocateProfit({ surplusCents: euro(80_000), ristorniCents: euro(16_000), incomeTaxesCents: euro(1_200), legalReserveBps: 3_000, mutualFundsBps: 300, dividendsCents: 0 });
  assert.deepEqual([p.netProfitCents, p.legalReserveCents, p.mutualFundsCents, p.reserveCents], [euro(62_800), euro(18_840), euro(1_884), euro(42_076)]);
});

test('agricultural co-op: deliveries by quantity and grade (A 1.2, B 1.0, C 0.8)', () => {
  // B6: members €400,000, others €100,000; surplus €10,000 → ceiling 10,000 × 400 ÷ 500 = €8,000; pool €5,000.
  // Deliveries: X 10,000 kg grade A → 12,000; Y 10,000 kg grade C → 8,000; Z 5,000 kg grade B → 5,000 (weighted kg 25,000).
  // X 5,000 × 12 ÷ 25 = €2,400; Y 5,000 × 8 ÷ 25 = €1,600; Z 5,000 × 5 ÷ 25 = €1,000 — exact, no rounding.
  const kg = (q: number, bps: bigint) => BigInt(q * 1000) * bps;
  const weighted = [kg(10_000, 12_000n), kg(10_000, 8_000n), kg(5_000, 10_000n)];
  const plan = planRun(
    italy,
    inputs({ surplusCents: euro(10_000), kinds: [{ kind: 'delivery', basis: 'quantity' }], poolCents: euro(5_000) }),
    [{ line: 'B6', membersCents: euro(400_000), othersCents: euro(100_000) }],
    [{ kind: 'delivery', members: 3, valueCents: euro(400_000), weighted: weighted.reduce((a, b) => a + b, 0n), capsCents: null }],
  );
  assert.equal(plan.ceiling.ceilingCents, euro(8_000));
  assert.deepEqual(allocateList(BigInt(euro(5_000)), weighted), [240_000n, 160_000n, 100_000n]);
});

test('co-op with two activities: each line’s share of the surplus, and the pool split by the ceilings', () => {
  // B9: members €100,000, others 0; A1: members €50,000, others €50,000; total activity €200,000; surplus €20,000.
  // Work: 20,000 × 100,000 ÷ 200,000 = €10,000 (the 30% cap, €30,000, does not bind);
  // purchases: 20,000 × 50,000 ÷ 200,000 = €5,000. Together €15,000 = 20,000 × 75% (the weighted prevalence).
  // The board proposes €9,000: shared 10 : 5 → €6,000 for work and €3,000 for purchases.
  const plan = planRun(
    italy,
    inputs({ surplusCents: euro(20_000), kinds: [{ kind: 'work', basis: 'value' }, { kind: 'purchase', basis: 'value' }], poolCents: euro(9_000) }),
    [{ line: 'B9', membersCents: euro(100_000), othersCents: 0 }, { line: 'A1', membersCents: euro(50_000), othersCents: euro(50_000) }],
    [
      { kind: 'work', members: 10, valueCents: euro(100_000), weighted: 1n, capsCents: euro(30_000) },
      { kind: 'purchase', members: 50, valueCents: euro(50_000), weighted: 1n, capsCents: null },
    ],
  );
  assert.deepEqual(plan.ceiling.kinds.map((k) => [k.kind, k.attributableCents, k.ceilingCents]), [['work', euro(10_000), euro(10_000)], ['purchase', euro(5_000), euro(5_000)]]);
  assert.equal(plan.ceiling.ceilingCents, euro(15_000));
  assert.deepEqual(plan.kindPools.map((k) => k.poolCents), [euro(6_000), euro(3_000)]);
  assert.throws(() => planRun(italy, inputs({ surplusCents: euro(20_000), kinds: [{ kind: 'work', basis: 'value' }], poolCents: euro(20_000) }), [{ line: 'B9', membersCents: 1, othersCents: 1 }], [{ kind: 'work', members: 1, valueCents: 1, weighted: 1n, capsCents: 1 }]), /exceeds the ceiling/);
});
