// Sectional assemblies (assemblee separate, art. 2540 c.c.): each section elects its delegates to the general
// assembly by STV, which gives minorities seats in proportion to their votes ("deve essere assicurata la
// proporzionale rappresentanza delle minoranze espresse dalle assemblee separate"); the delegates then carry, between
// them, the votes present or represented at their sectional meeting. This splits those votes among the delegates:
// equal shares, the remainder one vote each to the first elected, so the shares always add up to the section's votes.

export const RULE_SECTIONAL = { source: 'art. 2540 c.c.' } as const;

export function delegateWeights(sectionVotes: number, delegatesInElectionOrder: number): number[] {
  if (delegatesInElectionOrder <= 0) return [];
  const base = Math.floor(sectionVotes / delegatesInElectionOrder);
  const extra = sectionVotes - base * delegatesInElectionOrder;
  return Array.from({ length: delegatesInElectionOrder }, (_, i) => base + (i < extra ? 1 : 0));
}
