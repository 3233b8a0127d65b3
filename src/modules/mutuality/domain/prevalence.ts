// Prevailing mutuality (art. 2512-2513 c.c.): a co-op is "a mutualità prevalente" when more than half of its
// exchange is with members, measured on the financial-statement lines — revenues from members (A1, art. 2513
// c. 1 lett. a), members' labour cost (B9, lett. b), goods or services from members (B6/B7, lett. c). With several
// kinds of exchange the test is on their average weighted by the amounts (c. 2), i.e. Σ members ÷ Σ totals.
// Two consecutive years below 50% lose the status (art. 2545-octies). Exact integer comparisons; pure.
import { LINE_LETTER, LINE_NAMES, STATEMENT_LINES, type StatementLine, type Texts } from './kinds.ts';
import { joinTexts, money, percentNumber, percentOf, say, type Currency } from './words.ts';

export interface LineFigures {
  line: StatementLine;
  membersCents: number;
  othersCents: number;
}

export interface LineResult extends LineFigures {
  totalCents: number;
  /** Members' share, percent rounded down to 2 decimals (display); `passes` is decided exactly. */
  percent: number;
  passes: boolean;
}

export interface PrevalenceResult {
  lines: LineResult[];
  /** Σ members and Σ totals over the lines (the weighted average of art. 2513 c. 2). */
  membersCents: number;
  totalCents: number;
  percent: number;
  /** Null when there is nothing to measure (no line with a total). */
  passes: boolean | null;
  weighted: boolean;
  explanation: Texts;
}

export interface PrevalenceOptions {
  /** Social co-ops (L. 381/1991) are prevailing-mutuality co-ops whatever the figures (art. 111-septies disp. att. c.c.). */
  socialCooperative?: boolean;
  currency?: Currency;
}

/** More than half, exactly: 2 × members > total. */
export const moreThanHalf = (members: number | bigint, total: number | bigint): boolean => 2n * BigInt(members) > BigInt(total);

export function prevalence(input: readonly LineFigures[], opts: PrevalenceOptions = {}): PrevalenceResult {
  const currency = opts.currency ?? 'EUR';
  const lines: LineResult[] = [...input]
    .sort((a, b) => STATEMENT_LINES.indexOf(a.line) - STATEMENT_LINES.indexOf(b.line))
    .filter((l) => l.membersCents + l.othersCents > 0)
    .map((l) => {
      const total = l.membersCents + l.othersCents;
      return { ...l, totalCents: total, percent: percentNumber(l.membersCents, total), passes: moreThanHalf(l.membersCents, total) };
    });
  const members = lines.reduce((a, l) => a + l.membersCents, 0);
  const total = lines.reduce((a, l) => a + l.totalCents, 0);
  const weighted = lines.length > 1;
  const passes = total > 0 ? moreThanHalf(members, total) : null;
  const parts: Texts[] = [];
  for (const l of lines) {
    parts.push(
      say(
        {
          it: '{line}: soci {members} su un totale di {total} = {pct} (art. 2513 c. 1 lett. {letter} c.c.){verdict}.',
          en: '{line}: members {members} out of a total of {total} = {pct} (art. 2513(1)({letter}) Italian Civil Code){verdict}.',
        },
        {
          line: LINE_NAMES[l.line],
          members: money(l.membersCents, currency),
          total: money(l.totalCents, currency),
          pct: percentOf(l.membersCents, l.totalCents),
          letter: LINE_LETTER[l.line],
          verdict: weighted ? '' : l.passes ? { it: ', più della metà', en: ', more than half' } : { it: ', non più della metà', en: ', not more than half' },
        },
      ),
    );
  }
  if (lines.length === 0) {
    parts.push({
      it: 'Nessuna voce di bilancio inserita per l’anno: la prevalenza (art. 2512-2513 c.c.) non si può misurare.',
      en: 'No financial-statement line entered for the year: prevailing mutuality (art. 2512-2513 Italian Civil Code) cannot be measured.',
    });
  } else if (weighted) {
    parts.push(
      say(
        {
          it: 'Con più tipi di scambio vale la media ponderata in base ai rispettivi importi (art. 2513 c. 2 c.c.): {members} ÷ {total} = {pct}.',
          en: 'With several kinds of exchange the test is on their average weighted by the respective amounts (art. 2513(2)): {members} ÷ {total} = {pct}.',
        },
        { members: money(members, currency), total: money(total, currency), pct: percentOf(members, total) },
      ),
    );
  }
  if (passes !== null) {
    parts.push(
      passes
        ? {
            it: 'Lo scambio con i soci supera il 50%: la cooperativa è a mutualità prevalente (art. 2512 c.c.).',
            en: 'The exchange with members exceeds 50%: the co-op has prevailing mutuality (art. 2512 Italian Civil Code).',
          }
        : {
            it: 'Lo scambio con i soci non supera il 50%: la condizione di prevalenza (art. 2512 c.c.) non è rispettata per l’anno.',
            en: 'The exchange with members does not exceed 50%: the prevalence condition (art. 2512 Italian Civil Code) is not met for the year.',
          },
    );
  }
  if (opts.socialCooperative) {
    parts.push({
      it: 'Le cooperative sociali che rispettano la L. 381/1991 sono comunque a mutualità prevalente (art. 111-septies disp. att. c.c.).',
      en: 'Social co-ops complying with Law 381/1991 have prevailing mutuality regardless of these figures (art. 111-septies of the implementing provisions).',
    });
  }
  return {
    lines,
    membersCents: members,
    totalCents: total,
    percent: percentNumber(members, total),
    passes,
    weighted,
    explanation: joinTexts(parts),
  };
}

export interface YearVerdict {
  year: number;
  passes: boolean | null;
}

export interface PrevalenceWarning {
  code: 'prevalence.lost' | 'prevalence.at-risk';
  text: Texts;
}

/**
 * Warnings for `year` given the verdicts of the years (any order): two consecutive years below 50% lose the status
 * (art. 2545-octies c.c.); one year below is a notice that the next one decides.
 */
export function prevalenceWarnings(year: number, verdicts: readonly YearVerdict[]): PrevalenceWarning[] {
  const of = (y: number) => verdicts.find((v) => v.year === y)?.passes ?? null;
  const now = of(year);
  if (now !== false) return [];
  if (of(year - 1) === false) {
    return [
      {
        code: 'prevalence.lost',
        text: say(
          {
            it: 'Per il secondo anno consecutivo ({prev} e {year}) lo scambio con i soci non supera il 50%: la cooperativa perde la qualifica di cooperativa a mutualità prevalente (art. 2545-octies c.c.) e deve redigere un bilancio straordinario per determinare il patrimonio da vincolare.',
            en: 'For the second consecutive year ({prev} and {year}) the exchange with members does not exceed 50%: the co-op loses its prevailing-mutuality status (art. 2545-octies Italian Civil Code) and must draw up special accounts to determine the assets that remain locked.',
          },
          { prev: String(year - 1), year: String(year) },
        ),
      },
    ];
  }
  return [
    {
      code: 'prevalence.at-risk',
      text: say(
        {
          it: 'Nel {year} lo scambio con i soci non supera il 50%: se accade anche nel {next} la cooperativa perde la prevalenza (art. 2545-octies c.c.).',
          en: 'In {year} the exchange with members does not exceed 50%: if it happens again in {next} the co-op loses prevailing mutuality (art. 2545-octies Italian Civil Code).',
        },
        { year: String(year), next: String(year + 1) },
      ),
    },
  ];
}
