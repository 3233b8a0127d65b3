// The part of the surplus attributable to the exchange with members, as Italian practice computes it for ristorni
// (and US practice for patronage-sourced earnings): surplus × members' exchange ÷ total exchange, per activity. The
// denominator is the whole activity of the year (every financial-statement line entered); each kind's numerator is
// the members' part of its line, shared between kinds on the same line in proportion to their ledger value.
import { allocateList } from './allocate.ts';
import { KIND_LINE, type ExchangeKind, type StatementLine } from './kinds.ts';
import type { LineFigures } from './prevalence.ts';
import type { KindTotals } from './rulesets/types.ts';

export interface KindAttribution {
  kind: ExchangeKind;
  line: StatementLine;
  /** The members' part of the line. */
  lineMembersCents: number;
  /** The line's attributable surplus before it is shared between kinds on the same line. */
  lineAttributableCents: number;
  /** Whether another kind of the run shares this line. */
  shared: boolean;
  attributableCents: number;
}

export interface Attribution {
  membersLinesCents: number;
  totalLinesCents: number;
  kinds: KindAttribution[];
}

/** ⌊a × b ÷ c⌋ exactly (0 when c is 0). */
export const mulDivFloor = (a: number, b: number, c: number): number => (c === 0 ? 0 : Number((BigInt(a) * BigInt(b)) / BigInt(c)));

export function attributeSurplus(surplusCents: number, lines: readonly LineFigures[], kinds: readonly KindTotals[]): Attribution {
  const total = lines.reduce((a, l) => a + l.membersCents + l.othersCents, 0);
  const membersOf = (line: StatementLine) => lines.find((l) => l.line === line)?.membersCents ?? 0;
  const byLine = new Map<StatementLine, KindTotals[]>();
  for (const k of kinds) {
    const line = KIND_LINE[k.kind];
    byLine.set(line, [...(byLine.get(line) ?? []), k]);
  }
  const out: KindAttribution[] = [];
  let membersLines = 0;
  for (const [line, group] of byLine) {
    const m = membersOf(line);
    membersLines += m;
    const lineAttributable = mulDivFloor(Math.max(0, surplusCents), m, total);
    // Kinds on one line share it by their members' ledger value (largest remainder, so the parts sum exactly).
    const parts = group.length === 1 ? [BigInt(lineAttributable)] : allocateList(BigInt(lineAttributable), group.map((k) => BigInt(Math.max(0, k.valueCents))));
    group.forEach((k, i) =>
      out.push({ kind: k.kind, line, lineMembersCents: m, lineAttributableCents: lineAttributable, shared: group.length > 1, attributableCents: Number(parts[i] ?? 0n) }),
    );
  }
  const order = kinds.map((k) => k.kind);
  out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { membersLinesCents: membersLines, totalLinesCents: total, kinds: out };
}
