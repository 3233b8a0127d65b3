// The allocation of the year's net profit after ristorni (art. 2545-quater c.c.): at least 30% to the legal reserve,
// 3% to the mutual funds for the promotion of co-operation (art. 11 L. 59/1992), then the dividends the assembly
// decides, and the rest to the indivisible reserve. Exact integer cents; pure.

export interface ProfitInput {
  /** Operating surplus before ristorni (avanzo di gestione). */
  surplusCents: number;
  ristorniCents: number;
  incomeTaxesCents: number;
  /** Legal-reserve rate in basis points (≥ 3000 in Italy; 0 where the law asks for none). */
  legalReserveBps: number;
  /** Mutual-funds rate in basis points (300 in Italy). */
  mutualFundsBps: number;
  dividendsCents: number;
}

export interface ProfitAllocation {
  surplusCents: number;
  ristorniCents: number;
  incomeTaxesCents: number;
  /** surplus − ristorni − taxes; negative is a loss (nothing to allocate). */
  netProfitCents: number;
  legalReserveCents: number;
  mutualFundsCents: number;
  dividendsCents: number;
  /** What is left: the indivisible reserve (or, outside Italy, retained earnings). */
  reserveCents: number;
}

/** ⌈a × bps / 10000⌉ — "at least" the rate, in whole cents. */
export const mulDivCeil = (a: number, bps: number): number => Number((BigInt(a) * BigInt(bps) + 9_999n) / 10_000n);

export class DividendsTooHighError extends Error {
  readonly availableCents: number;
  constructor(availableCents: number) {
    super(`dividends exceed what is left after the reserves (${availableCents} cents)`);
    this.availableCents = availableCents;
  }
}

/**
 * Net profit and its allocation. The legal reserve comes first and the mutual funds second, both rounded up so
 * neither falls below its rate; when the profit is too small for both, the mutual funds get what is left.
 */
export function allocateProfit(input: ProfitInput): ProfitAllocation {
  const netProfit = input.surplusCents - input.ristorniCents - input.incomeTaxesCents;
  const base = {
    surplusCents: input.surplusCents,
    ristorniCents: input.ristorniCents,
    incomeTaxesCents: input.incomeTaxesCents,
    netProfitCents: netProfit,
  };
  if (netProfit <= 0) {
    if (input.dividendsCents > 0) throw new DividendsTooHighError(0);
    return { ...base, legalReserveCents: 0, mutualFundsCents: 0, dividendsCents: 0, reserveCents: 0 };
  }
  const legal = Math.min(netProfit, mulDivCeil(netProfit, input.legalReserveBps));
  const mutual = Math.min(netProfit - legal, mulDivCeil(netProfit, input.mutualFundsBps));
  const available = netProfit - legal - mutual;
  if (input.dividendsCents > available) throw new DividendsTooHighError(available);
  return {
    ...base,
    legalReserveCents: legal,
    mutualFundsCents: mutual,
    dividendsCents: input.dividendsCents,
    reserveCents: available - input.dividendsCents,
  };
}
