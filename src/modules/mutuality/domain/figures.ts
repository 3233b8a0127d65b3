// The figures a ristorni run freezes when it is computed (stored as JSON with the run): everything a member's
// statement and the board's review need, so later changes to weights or statement lines cannot alter them.
import type { ExchangeKind, StatementLine, Texts } from './kinds.ts';
import type { LineFigures } from './prevalence.ts';
import type { ProfitAllocation } from './profit.ts';
import type { Basis, RuleSetId } from './rulesets/types.ts';
import type { Currency } from './words.ts';

export interface QualityWeight {
  kind: ExchangeKind;
  /** '' = the kind's default weight. */
  grade: string;
  weightBps: number;
}

export interface KindFigures {
  kind: ExchangeKind;
  basis: Basis;
  line: StatementLine;
  /** Members with a positive weighted exchange of this kind. */
  members: number;
  valueCents: number;
  quantityMilli: number;
  /** Σ weighted exchange (basis × weight in basis points), as a decimal string (it may exceed 2^53). */
  weighted: string;
  capsCents: number | null;
  attributableCents: number;
  capCents: number | null;
  ceilingCents: number;
  poolCents: number;
  allocatedCents: number;
  /** Members held at their own cap, their amounts and weighted exchange: the rest of the pool is shared pro rata. */
  cappedMembers: number;
  cappedCents: number;
  cappedWeighted: string;
  explanation: Texts;
  constraint: Texts | null;
}

export interface FormTotals {
  cashCents: number;
  capitalCents: number;
  capitalShares: number;
  instrumentsCents: number;
  withholdingCents: number;
}

export interface RunWarning {
  code: string;
  text: Texts;
}

export interface RunFigures {
  ruleSet: RuleSetId;
  currency: Currency;
  year: number;
  lines: LineFigures[];
  weights: QualityWeight[];
  kinds: KindFigures[];
  ceiling: { membersLinesCents: number; totalLinesCents: number; attributableCents: number; ceilingCents: number; explanation: Texts };
  poolCents: number;
  allocatedCents: number;
  /** Distinct members with an allocation. */
  members: number;
  forms: FormTotals;
  profit: ProfitAllocation;
  profitExplanation: Texts;
  warnings: RunWarning[];
  explanation: Texts;
}

/** The weight of an entry: its grade's weight, else the kind's default, else 1.0 (10000 basis points). */
export function weightOf(weights: readonly QualityWeight[], kind: ExchangeKind, grade: string | null): number {
  const exact = grade ? weights.find((w) => w.kind === kind && w.grade === grade) : undefined;
  return (exact ?? weights.find((w) => w.kind === kind && w.grade === ''))?.weightBps ?? 10_000;
}
