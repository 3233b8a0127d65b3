// The forms a member's ristorno takes, as the assembly decides (art. 2545-sexies c. 3 c.c.): cash, a capital
// increase (new shares) or financial instruments, split by percentages; and the optional 12.5% withholding on the
// capitalised part for natural persons. Exact integer cents; pure.

export type RistornoForm = 'cash' | 'capital' | 'instruments';

/** Percentages in basis points (10000 = 100%); they sum to 10000. */
export interface FormSplit {
  cashBps: number;
  capitalBps: number;
  instrumentsBps: number;
}

export interface MemberForms {
  amountCents: number;
  cashCents: number;
  capitalCents: number;
  /** New shares the capital part buys (0 when capital is kept in cents). */
  capitalShares: number;
  instrumentsCents: number;
  withholdingCents: number;
  /** Cash actually paid: cash − withholding. */
  netCashCents: number;
}

export interface SplitOptions {
  /**
   * Nominal value of one share: the capital part buys whole shares and the rest of it is paid in cash. Null when
   * the capital part is credited in cents (a US retained allocation).
   */
  shareNominalCents: number | null;
  /** Withholding on the capitalised part, basis points (1250 = 12.5%); 0 when not applicable. */
  withholdingBps: number;
}

export const BPS = 10_000;

export function splitIsValid(s: FormSplit): boolean {
  const parts = [s.cashBps, s.capitalBps, s.instrumentsBps];
  return parts.every((p) => Number.isInteger(p) && p >= 0 && p <= BPS) && parts.reduce((a, b) => a + b, 0) === BPS;
}

/** ⌊x ÷ d⌋ for a non-negative safe integer x: the float quotient, corrected by one where it rounded. */
function floorDiv(x: number, d: number): number {
  let q = Math.floor(x / d);
  if (q * d > x) q--;
  else if ((q + 1) * d <= x) q++;
  return q;
}
// Millions of members go through here: plain numbers while a × bps stays exact in a double, BigInt beyond.
const mulDivFloor = (a: number, bps: number): number =>
  a * bps <= Number.MAX_SAFE_INTEGER ? floorDiv(a * bps, BPS) : Number((BigInt(a) * BigInt(bps)) / BigInt(BPS));
/** Round half up of a × bps / 10000. */
const mulDivRound = (a: number, bps: number): number =>
  a * bps * 2 + BPS <= Number.MAX_SAFE_INTEGER ? floorDiv(a * bps * 2 + BPS, 2 * BPS) : Number((BigInt(a) * BigInt(bps) * 2n + BigInt(BPS)) / (2n * BigInt(BPS)));

/**
 * Splits a member's ristorno. The capital and instruments parts are rounded down (capital to whole shares) and cash
 * takes what is left, so the parts always sum to the amount and cash is never below its percentage. The withholding
 * is taken from the cash; when the cash is not enough, shares are moved back to cash until it is.
 */
export function splitForms(amountCents: number, split: FormSplit, opts: SplitOptions): MemberForms {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError('amount must be a non-negative safe integer');
  if (!splitIsValid(split)) throw new RangeError('the form percentages must be whole basis points summing to 10000');
  const nominal = opts.shareNominalCents;
  if (nominal !== null && (!Number.isSafeInteger(nominal) || nominal <= 0)) throw new RangeError('share nominal must be positive');
  const instruments = mulDivFloor(amountCents, split.instrumentsBps);
  const capitalRaw = mulDivFloor(amountCents, split.capitalBps);
  let shares = nominal === null ? 0 : Math.floor(capitalRaw / nominal);
  let capital = nominal === null ? capitalRaw : shares * nominal;
  let withholding = mulDivRound(capital, opts.withholdingBps);
  let cash = amountCents - capital - instruments;
  while (withholding > cash) {
    // Give back just enough capital to cover the tax on what stays capitalised.
    if (nominal === null) capital -= withholding - cash;
    else {
      const back = Math.max(1, Math.ceil((withholding - cash) / nominal));
      shares -= back;
      capital = shares * nominal;
    }
    cash = amountCents - capital - instruments;
    withholding = mulDivRound(capital, opts.withholdingBps);
  }
  return {
    amountCents,
    cashCents: cash,
    capitalCents: capital,
    capitalShares: shares,
    instrumentsCents: instruments,
    withholdingCents: withholding,
    netCashCents: cash - withholding,
  };
}
