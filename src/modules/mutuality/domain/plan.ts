// The year-end plan before anyone's share is computed: the rule set's ceiling, the pool the board proposes (at most
// the ceiling) and its split into one pool per kind of exchange (art. 2545-sexies c. 2 c.c.: each mutual activity
// is accounted separately). Pure.
import { allocateList } from './allocate.ts';
import type { ExchangeKind } from './kinds.ts';
import type { LineFigures } from './prevalence.ts';
import type { CeilingResult, KindTotals, RistorniRuleSet, RunInputs } from './rulesets/types.ts';

export interface KindPool {
  kind: ExchangeKind;
  ceilingCents: number;
  poolCents: number;
}

export interface RunPlan {
  ceiling: CeilingResult;
  poolCents: number;
  kindPools: KindPool[];
}

export class PoolAboveCeilingError extends Error {
  readonly ceilingCents: number;
  constructor(ceilingCents: number) {
    super(`the proposed pool exceeds the ceiling of ${ceilingCents} cents`);
    this.ceilingCents = ceilingCents;
  }
}

export function planRun(rs: RistorniRuleSet, inputs: RunInputs, lines: readonly LineFigures[], kinds: readonly KindTotals[]): RunPlan {
  const ceiling = rs.ceiling({ surplusCents: inputs.surplusCents, lines, kinds });
  const pool = inputs.poolCents ?? ceiling.ceilingCents;
  if (pool > ceiling.ceilingCents) throw new PoolAboveCeilingError(ceiling.ceilingCents);
  // Each kind's pool follows its ceiling and never exceeds it (the ceilings are also the caps).
  const ceilings = ceiling.kinds.map((k) => BigInt(k.ceilingCents));
  const pools = allocateList(BigInt(pool), ceilings, ceilings);
  return {
    ceiling,
    poolCents: pool,
    kindPools: ceiling.kinds.map((k, i) => ({ kind: k.kind, ceilingCents: k.ceilingCents, poolCents: Number(pools[i] ?? 0n) })),
  };
}
