// Quorums (costitutivo) and majorities (deliberativo), counted in votes (art. 2538 c.c.), compared exactly.
import { q, mul, cmp, format, type Q } from './rational.ts';
import type { Threshold, QuorumRule } from './statute.ts';
import type { Explanation } from './eligibility.ts';

export interface ThresholdCheck {
  rule: Threshold;
  /** The figure the fraction is taken of (votes entitled, present, or yes + no). */
  baseVotes: string;
  /** The fraction of the base: the line to exceed (strict) or reach. */
  line: string;
  /** What was counted against the line. */
  counted: string;
  met: boolean;
}

/** Does `counted` meet `rule` over `base`? (strict: counted > line; otherwise counted ≥ line) */
export function checkThreshold(counted: Q, base: Q, rule: Threshold): ThresholdCheck {
  const line = mul(base, q(rule.num, rule.den));
  const c = cmp(counted, line);
  return { rule, baseVotes: format(base), line: format(line), counted: format(counted), met: rule.strict ? c > 0 : c >= 0 };
}

export interface ConstitutiveCheck {
  required: ThresholdCheck | null;
  met: boolean;
  source: string;
}

/** Is the assembly validly constituted with `present` votes out of `entitled`? (no rule: always) */
export function checkConstitutive(rule: QuorumRule, present: number, entitled: number): ConstitutiveCheck {
  if (!rule.constitutive) return { required: null, met: true, source: rule.source };
  const required = checkThreshold(q(present), q(entitled), rule.constitutive);
  return { required, met: required.met, source: rule.source };
}

export function explainConstitutive(c: ConstitutiveCheck): Explanation {
  if (!c.required) return { key: 'governance.quorum.constitutive.none', params: { source: c.source } };
  const r = c.required;
  return {
    key: `governance.quorum.constitutive.${c.met ? 'met' : 'missed'}.${r.rule.strict ? 'strict' : 'atleast'}`,
    params: { present: r.counted, entitled: r.baseVotes, num: r.rule.num, den: r.rule.den, line: r.line, source: c.source },
  };
}
