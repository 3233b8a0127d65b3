// The share-capital rules (art. 2525, 2530, 2535 c.c.): each movement's deltas or its refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, EMPTY_BALANCE, nominalProblem, opening, payment, redemption, ristorno, subscription, transfer, type Balance, type Outcome } from './share-capital.ts';

const deltas = (o: Outcome) => {
  assert.ok(o.ok, JSON.stringify(o));
  return o.deltas;
};
const refusal = (o: { ok: boolean; refusal?: { code: string } }) => {
  assert.equal(o.ok, false);
  return o.refusal?.code;
};
const natural = { capCents: 10_000_000, natural: true };

test('a share is worth at least €25 (art. 2525 c. 1)', () => {
  assert.equal(nominalProblem(2_499, 2_500)?.code, 'field.share-minimum');
  assert.equal(nominalProblem(2_500, 2_500), null);
  assert.equal(nominalProblem(100, null), null);
  assert.equal(refusal(subscription(EMPTY_BALANCE, 1, 2_000, natural, 2_500)), 'field.share-minimum');
});

test('subscribe, pay in instalments, never pay more than subscribed', () => {
  let b: Balance = EMPTY_BALANCE;
  b = apply(b, deltas(subscription(b, 4, 2_500, natural, 2_500)), 'subscription');
  assert.deepEqual(b, { shares: 4, subscribedCents: 10_000, paidCents: 0, ristorniCents: 0 });
  b = apply(b, deltas(payment(b, 6_000)), 'payment');
  b = apply(b, deltas(payment(b, 4_000)), 'payment');
  assert.equal(b.paidCents, 10_000);
  assert.equal(refusal(payment(b, 1)), 'share-capital.overpaid');
});

test('the per-member cap counts natural persons only and leaves capitalised ristorni out (art. 2525 c. 2-4)', () => {
  let b: Balance = apply(EMPTY_BALANCE, deltas(subscription(EMPTY_BALANCE, 3_999, 2_500, natural, 2_500)), 'subscription'); // €99,975
  assert.equal(refusal(subscription(b, 2, 2_500, natural, 2_500)), 'share-capital.cap-exceeded');
  assert.ok(subscription(b, 2, 2_500, { capCents: 10_000_000, natural: false }, 2_500).ok, 'a legal person is not capped');
  b = apply(b, deltas(ristorno(50_000, 20)), 'ristorno'); // €500 of ristorni: exempt
  assert.equal(b.subscribedCents, 10_047_500);
  assert.ok(subscription(b, 1, 2_500, natural, 2_500).ok, 'ristorni do not use up the cap');
});

test('transfer moves shares with what was paid on them; the receiver is capped too', () => {
  const from: Balance = { shares: 4, subscribedCents: 10_000, paidCents: 7_500, ristorniCents: 0 };
  const to: Balance = { shares: 1, subscribedCents: 2_500, paidCents: 2_500, ristorniCents: 0 };
  const t = transfer(from, to, { shares: 2, nominalCents: 2_500, toNominalCents: 2_500 }, natural);
  assert.ok(t.ok);
  assert.deepEqual(t.out, { sharesDelta: -2, subscribedDeltaCents: -5_000, paidDeltaCents: -3_750 });
  assert.deepEqual(t.in, { sharesDelta: 2, subscribedDeltaCents: 5_000, paidDeltaCents: 3_750 });
  assert.equal(refusal(transfer(from, to, { shares: 5, nominalCents: 2_500, toNominalCents: 2_500 }, natural)), 'share-capital.not-enough-shares');
  assert.equal(refusal(transfer(from, to, { shares: 1, nominalCents: 2_500, toNominalCents: 5_000 }, natural)), 'share-capital.nominal-differs');
  // Giving away fully unpaid shares while keeping more paid than subscribed is refused.
  assert.equal(refusal(transfer(from, to, { shares: 3, paidCents: 0, nominalCents: 2_500, toNominalCents: 2_500 }, natural)), 'share-capital.transfer-paid');
});

test('redemption only after exit, refunds at most what was paid, closes the position', () => {
  const b: Balance = { shares: 4, subscribedCents: 10_000, paidCents: 7_500, ristorniCents: 0 };
  assert.equal(refusal(redemption(b, false)), 'share-capital.not-exited');
  assert.equal(refusal(redemption(b, true, 7_501)), 'share-capital.refund-above-paid');
  const r = redemption(b, true);
  assert.ok(r.ok);
  assert.equal(r.refundCents, 7_500);
  assert.deepEqual(apply(b, r.deltas, 'redemption'), { shares: 0, subscribedCents: 0, paidCents: 0, ristorniCents: 0 });
  assert.equal(refusal(redemption(EMPTY_BALANCE, true)), 'share-capital.nothing-to-redeem');
});

test('opening balance once, before any movement', () => {
  assert.ok(opening(false, { shares: 4, subscribedCents: 10_000, paidCents: 7_500 }).ok);
  assert.equal(refusal(opening(true, { shares: 4, subscribedCents: 10_000, paidCents: 7_500 })), 'share-capital.opening-exists');
  assert.equal(refusal(opening(false, { shares: 4, subscribedCents: 10_000, paidCents: 17_500 })), 'field.paid-exceeds-subscribed');
});

test('any accepted sequence keeps 0 ≤ paid ≤ subscribed and non-negative shares', () => {
  const step = fc.oneof(
    fc.record({ k: fc.constant('sub' as const), n: fc.integer({ min: -1, max: 50 }) }),
    fc.record({ k: fc.constant('pay' as const), n: fc.integer({ min: -10, max: 200_000 }) }),
    fc.record({ k: fc.constant('ris' as const), n: fc.integer({ min: 0, max: 100_000 }) }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
      let b: Balance = EMPTY_BALANCE;
      for (const s of steps) {
        const o = s.k === 'sub' ? subscription(b, s.n, 2_500, natural, 2_500) : s.k === 'pay' ? payment(b, s.n) : ristorno(s.n, Math.floor(s.n / 2_500));
        if (o.ok) b = apply(b, o.deltas, s.k === 'sub' ? 'subscription' : s.k === 'pay' ? 'payment' : 'ristorno');
        assert.ok(b.paidCents >= 0 && b.paidCents <= b.subscribedCents && b.shares >= 0);
      }
    }),
  );
});
