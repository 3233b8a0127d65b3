// The simulated election the record and CLI tests share: 3 trustees (k = 2), 60 voters with weights 1..5 in two groups
// ("ordinary" and "financing"), 10 of whom vote again (the last ballot counts), a yes/no/abstain resolution.
import { simulateElection, type ElectionSetup } from '../../../src/modules/governance/verifiable/simulate.ts';
import type { ElectionRecord, RollEntry } from '../../../src/modules/governance/verifiable/index.ts';

export function buildRecord(): { record: ElectionRecord; setup: ElectionSetup; expected: { group: string; counts: number[] }[] } {
  const roll: RollEntry[] = Array.from({ length: 60 }, (_, i) => ({ voterSlot: `slot-${String(i).padStart(3, '0')}`, weight: 1 + (i % 5), group: i % 4 === 0 ? 'financing' : 'ordinary' }));
  const pick = (i: number, round: number) => [0, 1, 2].map((j) => (j === (i * 7 + round) % 3 ? 1 : 0));
  const votes = roll.map((r, i) => ({ voterSlot: r.voterSlot, selections: pick(i, 0) }));
  // Ten voters change their mind later on.
  for (let i = 0; i < 60; i += 6) votes.push({ voterSlot: roll[i]!.voterSlot, selections: pick(i, 1) });
  const { record, setup } = simulateElection({ electionId: 'assembly-2026-resolution-3', choices: ['yes', 'no', 'abstain'], minSelections: 1, maxSelections: 1, trustees: 3, threshold: 2, roll, votes, decryptors: [1, 3] });
  const last = new Map(votes.map((v) => [v.voterSlot, v.selections]));
  const expected = ['financing', 'ordinary'].map((group) => ({
    group,
    counts: [0, 1, 2].map((j) => roll.filter((r) => r.group === group).reduce((s, r) => s + r.weight * (last.get(r.voterSlot)?.[j] ?? 0), 0)),
  }));
  return { record, setup, expected };
}
