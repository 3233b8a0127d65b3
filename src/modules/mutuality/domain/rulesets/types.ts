// A jurisdiction's rules for ristorni / patronage refunds, behind one interface so the year-end code is the same
// everywhere: how large the pool may be (ceiling), what limits each member's share (allocation constraints), which
// forms the refund may take, what is withheld, how the net profit is allocated, and the words that explain it.
import type { ExchangeKind, StatementLine, Texts } from '../kinds.ts';
import type { FormSplit, RistornoForm } from '../forms.ts';
import type { LineFigures } from '../prevalence.ts';
import type { ProfitAllocation } from '../profit.ts';
import type { Currency } from '../words.ts';

export const RULE_SET_IDS = ['IT', 'US'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];

/** What a kind's share of the pool follows: its value in cents (wages for work) or its quantity (hours, kg …). */
export type Basis = 'value' | 'quantity';

export interface KindChoice {
  kind: ExchangeKind;
  basis: Basis;
}

/** What the board enters for a year's ristorni (the draft run). */
export interface RunInputs {
  /** Operating surplus before ristorni (avanzo di gestione / net earnings before patronage refunds). */
  surplusCents: number;
  incomeTaxesCents: number;
  kinds: KindChoice[];
  /** The pool the board proposes; null = the ceiling. */
  poolCents: number | null;
  forms: FormSplit;
  /** Apply the optional withholding on the capitalised part (Italy: 12.5% for natural persons). */
  withholding: boolean;
  legalReserveBps: number;
  dividendsCents: number;
}

/** A kind's figures from the ledger for the year (members with a positive weighted basis only). */
export interface KindTotals {
  kind: ExchangeKind;
  members: number;
  /** Σ net value in cents (for work: wages). */
  valueCents: number;
  /** Σ weighted basis (basis × weight in basis points). */
  weighted: bigint;
  /** Σ per-member caps, null when the kind has none. */
  capsCents: number | null;
}

export interface CeilingInput {
  surplusCents: number;
  /** Every financial-statement line of the year (the whole activity is the denominator). */
  lines: readonly LineFigures[];
  /** The kinds in the run. */
  kinds: readonly KindTotals[];
}

export interface KindCeiling {
  kind: ExchangeKind;
  line: StatementLine;
  /** The surplus attributable to this kind's exchange with members. */
  attributableCents: number;
  /** A further cap on the kind's pool (Italy: 30% of worker members' wages), null when none. */
  capCents: number | null;
  ceilingCents: number;
  explanation: Texts;
}

export interface CeilingResult {
  /** Σ members' part and Σ total of the year's lines. */
  membersLinesCents: number;
  totalLinesCents: number;
  attributableCents: number;
  ceilingCents: number;
  kinds: KindCeiling[];
  explanation: Texts;
}

export interface AllocationConstraints {
  /** Each member's share of this kind is at most this fraction of their own value (basis points), or no cap. */
  capBpsOfValue: number | null;
  explanation: Texts | null;
}

export interface FormSpec {
  form: RistornoForm;
  name: Texts;
  description: Texts;
}

/** An input the rule set refuses: the field (under the run's inputs) and an i18n code. */
export interface InputProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export type ExplainTopic = 'ceiling' | 'allocation' | 'forms' | 'withholding' | 'profit' | 'approval';

export interface RistorniRuleSet {
  readonly id: RuleSetId;
  readonly name: Texts;
  readonly description: Texts;
  readonly currency: Currency;
  /** The capital form buys whole shares (Italy) or is credited in cents (US retained allocations). */
  readonly capitalUnit: 'shares' | 'cents';
  /** Share-capital rules: the least nominal value of a share and the statutory cap per member (null = none). */
  readonly shares: { minNominalCents: number | null; memberCapCents: number | null };
  /** Input defaults for a new run. */
  defaults(): Pick<RunInputs, 'forms' | 'withholding' | 'legalReserveBps'>;
  validate(inputs: RunInputs): InputProblem[];
  ceiling(input: CeilingInput): CeilingResult;
  allocationConstraints(kind: ExchangeKind): AllocationConstraints;
  forms(): FormSpec[];
  /** Withholding on the capitalised part for this member, basis points (0 = none). */
  withholding(member: { natural: boolean }, inputs: RunInputs): number;
  profitAllocation(figures: { surplusCents: number; ristorniCents: number }, inputs: RunInputs): { allocation: ProfitAllocation; explanation: Texts };
  /** The legal basis of each step, in words. */
  explain(topic: ExplainTopic): Texts;
}
