// The rule sets a co-op may choose (Italy by default). Adding a jurisdiction means adding a RistorniRuleSet here.
import { italy } from './italy.ts';
import { unitedStates } from './us.ts';
import { RULE_SET_IDS, type RistorniRuleSet, type RuleSetId } from './types.ts';

export const RULE_SETS: Readonly<Record<RuleSetId, RistorniRuleSet>> = { IT: italy, US: unitedStates };
export const DEFAULT_RULE_SET: RuleSetId = 'IT';

export function ruleSet(id: string): RistorniRuleSet {
  return RULE_SETS[(RULE_SET_IDS as readonly string[]).includes(id) ? (id as RuleSetId) : DEFAULT_RULE_SET];
}

export { RULE_SET_IDS };
export type * from './types.ts';
export { WORKER_CAP_BPS, LEGAL_RESERVE_MIN_BPS, MUTUAL_FUNDS_BPS, CAPITAL_WITHHOLDING_BPS } from './italy.ts';
export { QUALIFIED_NOTICE_CASH_MIN_BPS } from './us.ts';
