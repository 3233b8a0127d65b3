// Public face of the mutuality module's pure domain code (no I/O): the allocator, forms, prevalence, profit
// allocation, the rule sets, the year-end plan, the statement in words and the share-capital rules.
export { allocate, allocateList, NO_CAP, type Allocation } from './allocate.ts';
export { splitForms, splitIsValid, BPS, type FormSplit, type MemberForms, type RistornoForm, type SplitOptions } from './forms.ts';
export { allocateProfit, DividendsTooHighError, type ProfitAllocation, type ProfitInput } from './profit.ts';
export { prevalence, prevalenceWarnings, moreThanHalf, type LineFigures, type PrevalenceResult, type PrevalenceWarning, type YearVerdict } from './prevalence.ts';
export { attributeSurplus } from './attributable.ts';
export { planRun, PoolAboveCeilingError, type RunPlan, type KindPool } from './plan.ts';
export { weightOf, type RunFigures, type KindFigures, type QualityWeight, type FormTotals, type RunWarning } from './figures.ts';
export { explainStatement, wasCapped, type StatementInput, type MemberLine, type GradeLine, type Approval, type ExplainedStatement } from './statement.ts';
export { normaliseEntry, withinMembership, milliToDecimal, toMilli, type EntryInput, type NormalEntry, type EntryProblem } from './exchange.ts';
export * as shareCapital from './share-capital.ts';
export type { Balance, Deltas, MovementKind, Refusal } from './share-capital.ts';
export { RULE_SETS, RULE_SET_IDS, DEFAULT_RULE_SET, ruleSet } from './rulesets/index.ts';
export type { RistorniRuleSet, RuleSetId, RunInputs, KindChoice, KindTotals, Basis, CeilingResult, InputProblem } from './rulesets/types.ts';
export * from './kinds.ts';
export { say, money, percentOf, percentNumber, day, bps, type Lang, type Currency } from './words.ts';
