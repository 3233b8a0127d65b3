// The share-capital ledger's rules (art. 2525 c.c. and the statute): each movement's signed deltas from the member's
// balance and the request, or the reason it is refused. Balances are the sums of the movements. Pure.
//
// - subscription: new shares at the membership's nominal value (≥ €25, art. 2525 c. 1), within the per-member cap
//   (art. 2525 c. 2: €100,000 unless the co-op sets another); the cap applies to natural persons only and leaves out
//   capitalised ristorni (c. 4);
// - payment: an instalment of what was subscribed, never more than is still due;
// - ristorno: new fully paid shares from a capitalised ristorno (exempt from the cap);
// - transfer: shares moved to another member of the same co-op with what was paid on them (art. 2530);
// - redemption: on exit the whole position is closed and what is refunded (at most what was paid) recorded (art. 2535).

export type MovementKind = 'opening' | 'subscription' | 'payment' | 'ristorno' | 'transfer_in' | 'transfer_out' | 'redemption';

export interface Balance {
  shares: number;
  subscribedCents: number;
  paidCents: number;
  /** Capitalised ristorni in the balance: outside the per-member cap. */
  ristorniCents: number;
}

export interface Deltas {
  sharesDelta: number;
  subscribedDeltaCents: number;
  paidDeltaCents: number;
}

export interface Refusal {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export type Outcome = { ok: true; deltas: Deltas } | { ok: false; refusal: Refusal };

export const EMPTY_BALANCE: Balance = { shares: 0, subscribedCents: 0, paidCents: 0, ristorniCents: 0 };

const ok = (deltas: Deltas): Outcome => ({ ok: true, deltas });
const no = (field: string, code: string, params?: Record<string, string | number>): Outcome => ({ ok: false, refusal: params ? { field, code, params } : { field, code } });

export interface CapRule {
  /** The cap per member in cents (null = none). */
  capCents: number | null;
  natural: boolean;
}

/** Art. 2525 c. 1: the least nominal value of a share (null = no minimum in this jurisdiction). */
export function nominalProblem(nominalCents: number, minNominalCents: number | null): Refusal | null {
  if (!Number.isSafeInteger(nominalCents) || nominalCents <= 0) return { field: 'shareNominalCents', code: 'field.range' };
  if (minNominalCents !== null && nominalCents < minNominalCents) return { field: 'shareNominalCents', code: 'field.share-minimum' };
  return null;
}

/** The capital the cap counts: everything subscribed except capitalised ristorni. */
const cappedCapital = (b: Balance) => Math.max(0, b.subscribedCents - b.ristorniCents);

function exceedsCap(b: Balance, addedCents: number, cap: CapRule): boolean {
  return cap.natural && cap.capCents !== null && cappedCapital(b) + addedCents > cap.capCents;
}

/** The opening balance of a membership that had capital before the ledger was kept (once, before any movement). */
export function opening(hasMovements: boolean, input: { shares: number; subscribedCents: number; paidCents: number }): Outcome {
  if (hasMovements) return no('membershipId', 'share-capital.opening-exists');
  if (![input.shares, input.subscribedCents, input.paidCents].every((n) => Number.isSafeInteger(n) && n >= 0)) return no('subscribedCents', 'field.range');
  if (input.paidCents > input.subscribedCents) return no('paidCents', 'field.paid-exceeds-subscribed');
  return ok({ sharesDelta: input.shares, subscribedDeltaCents: input.subscribedCents, paidDeltaCents: input.paidCents });
}

export function subscription(b: Balance, shares: number, nominalCents: number, cap: CapRule, minNominalCents: number | null): Outcome {
  if (!Number.isSafeInteger(shares) || shares < 1) return no('shares', 'field.range');
  const nominal = nominalProblem(nominalCents, minNominalCents);
  if (nominal) return { ok: false, refusal: nominal };
  const added = shares * nominalCents;
  if (exceedsCap(b, added, cap)) return no('shares', 'share-capital.cap-exceeded', { cap: cap.capCents ?? 0 });
  return ok({ sharesDelta: shares, subscribedDeltaCents: added, paidDeltaCents: 0 });
}

export function payment(b: Balance, amountCents: number): Outcome {
  if (!Number.isSafeInteger(amountCents) || amountCents < 1) return no('amountCents', 'field.range');
  if (b.paidCents + amountCents > b.subscribedCents) return no('amountCents', 'share-capital.overpaid', { due: b.subscribedCents - b.paidCents });
  return ok({ sharesDelta: 0, subscribedDeltaCents: 0, paidDeltaCents: amountCents });
}

/** A capitalised ristorno: `capitalCents` buys `shares` new fully paid shares (0 when credited in cents). */
export function ristorno(capitalCents: number, shares: number): Outcome {
  if (!Number.isSafeInteger(capitalCents) || capitalCents < 1) return no('capitalCents', 'field.range');
  return ok({ sharesDelta: shares, subscribedDeltaCents: capitalCents, paidDeltaCents: capitalCents });
}

/**
 * A transfer of `shares` from one member to another (same nominal value): the subscribed value of the shares moves,
 * with `paidCents` of what was paid (default: in proportion). Returns the giver's and the receiver's deltas.
 */
export function transfer(
  from: Balance,
  to: Balance,
  input: { shares: number; paidCents?: number | undefined; nominalCents: number; toNominalCents: number },
  toCap: CapRule,
): { ok: true; out: Deltas; in: Deltas } | { ok: false; refusal: Refusal } {
  if (!Number.isSafeInteger(input.shares) || input.shares < 1) return { ok: false, refusal: { field: 'shares', code: 'field.range' } };
  if (input.nominalCents !== input.toNominalCents) return { ok: false, refusal: { field: 'toMembershipId', code: 'share-capital.nominal-differs' } };
  if (input.shares > from.shares) return { ok: false, refusal: { field: 'shares', code: 'share-capital.not-enough-shares', params: { shares: from.shares } } };
  const subscribed = input.shares * input.nominalCents;
  if (subscribed > from.subscribedCents) return { ok: false, refusal: { field: 'shares', code: 'share-capital.not-enough-shares', params: { shares: from.shares } } };
  const paid = input.paidCents ?? (from.shares === 0 ? 0 : Math.floor((from.paidCents * input.shares) / from.shares));
  if (!Number.isSafeInteger(paid) || paid < 0 || paid > subscribed || paid > from.paidCents) return { ok: false, refusal: { field: 'paidCents', code: 'field.range' } };
  // What stays with the giver must still have paid ≤ subscribed.
  if (from.paidCents - paid > from.subscribedCents - subscribed) return { ok: false, refusal: { field: 'paidCents', code: 'share-capital.transfer-paid' } };
  if (exceedsCap(to, subscribed, toCap)) return { ok: false, refusal: { field: 'shares', code: 'share-capital.cap-exceeded', params: { cap: toCap.capCents ?? 0 } } };
  return {
    ok: true,
    out: { sharesDelta: -input.shares, subscribedDeltaCents: -subscribed, paidDeltaCents: -paid },
    in: { sharesDelta: input.shares, subscribedDeltaCents: subscribed, paidDeltaCents: paid },
  };
}

/** Closes the whole position of a member who has left; `refundCents` (default: all that was paid) ≤ paid. */
export function redemption(b: Balance, exited: boolean, refundCents?: number): Outcome & { refundCents?: number } {
  if (!exited) return no('membershipId', 'share-capital.not-exited');
  if (b.shares === 0 && b.subscribedCents === 0 && b.paidCents === 0) return no('membershipId', 'share-capital.nothing-to-redeem');
  const refund = refundCents ?? b.paidCents;
  if (!Number.isSafeInteger(refund) || refund < 0 || refund > b.paidCents) return no('refundCents', 'share-capital.refund-above-paid', { paid: b.paidCents });
  return { ok: true, deltas: { sharesDelta: -b.shares, subscribedDeltaCents: -b.subscribedCents, paidDeltaCents: -b.paidCents }, refundCents: refund };
}

export function apply(b: Balance, d: Deltas, kind: MovementKind): Balance {
  return {
    shares: b.shares + d.sharesDelta,
    subscribedCents: b.subscribedCents + d.subscribedDeltaCents,
    paidCents: b.paidCents + d.paidDeltaCents,
    ristorniCents: kind === 'ristorno' ? b.ristorniCents + d.subscribedDeltaCents : kind === 'redemption' ? 0 : b.ristorniCents,
  };
}
