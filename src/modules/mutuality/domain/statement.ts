// A member's ristorno statement in words (Italian and English): from the run's frozen figures and the member's
// allocation lines, every step of the computation with its figures and its legal basis. Pure.
import type { ExchangeKind, Texts } from './kinds.ts';
import { KIND_NAMES, WORK_UNIT, capitalised } from './kinds.ts';
import type { KindFigures, RunFigures } from './figures.ts';
import type { RistorniRuleSet, RunInputs } from './rulesets/types.ts';
import { bps, day, factor, money, moneyRatio, numberRatio, say, type Param } from './words.ts';

export interface MemberLine {
  kind: ExchangeKind;
  valueCents: number;
  quantityMilli: number;
  weighted: bigint;
  capCents: number | null;
  amountCents: number;
  cashCents: number;
  capitalCents: number;
  capitalShares: number;
  instrumentsCents: number;
  withholdingCents: number;
}

/** The member's ledger for the year by kind and grade, with the weight each grade had. */
export interface GradeLine {
  kind: ExchangeKind;
  grade: string | null;
  unit: string | null;
  valueCents: number;
  quantityMilli: number;
  weightBps: number;
}

export interface Approval {
  assemblyDate: string;
  assemblyKind: 'ordinaria' | 'straordinaria';
  votesFor: number;
  votesAgainst: number;
  votesAbstained: number;
}

export interface StatementInput {
  rs: RistorniRuleSet;
  inputs: RunInputs;
  figures: RunFigures;
  status: 'draft' | 'computed' | 'approved' | 'paid';
  approval: Approval | null;
  paidOn: string | null;
  member: { natural: boolean; shareNominalCents: number; exited: boolean };
  lines: readonly MemberLine[];
  grades: readonly GradeLine[];
}

export interface ExplainedLine extends MemberLine {
  /** Held at the member's own cap (e.g. 30% of wages). */
  capped: boolean;
  formula: Texts;
}

export interface ExplainedStatement {
  lines: ExplainedLine[];
  totals: { amountCents: number; cashCents: number; capitalCents: number; capitalShares: number; instrumentsCents: number; withholdingCents: number; netCashCents: number };
  paragraphs: Texts[];
}

/** Was this member held at their cap? The water-filling fixes exactly those whose cap ≤ final level × weight. */
export function wasCapped(k: KindFigures, line: Pick<MemberLine, 'capCents' | 'weighted'>): boolean {
  if (line.capCents === null || k.cappedMembers === 0) return false;
  const sharedPool = BigInt(k.poolCents - k.cappedCents);
  const sharedWeighted = BigInt(k.weighted) - BigInt(k.cappedWeighted);
  if (sharedWeighted <= 0n) return true;
  return BigInt(line.capCents) * sharedWeighted <= sharedPool * line.weighted;
}

const KIND_ORDER: readonly ExchangeKind[] = ['work', 'purchase', 'delivery', 'service', 'supply'];

export function explainStatement(s: StatementInput): ExplainedStatement {
  const cur = s.figures.currency;
  const m = (c: number | bigint): Param => money(c, cur);
  const paragraphs: Texts[] = [];
  paragraphs.push(s.rs.explain('allocation'));
  const lines: ExplainedLine[] = [];
  for (const line of [...s.lines].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))) {
    const k = s.figures.kinds.find((x) => x.kind === line.kind);
    if (!k) continue;
    const capped = wasCapped(k, line);
    const grades = s.grades.filter((g) => g.kind === line.kind);
    const quantityText = line.kind === 'work' ? { it: 'ore', en: 'hours' } : (grades.find((g) => g.unit)?.unit ?? '');
    const basisText: Param =
      k.basis === 'value'
        ? say({ it: 'valore {v}', en: 'value {v}' }, { v: m(line.valueCents) })
        : say({ it: 'quantità {q} {u}', en: 'quantity {q} {u}' }, { q: numberRatio(BigInt(line.quantityMilli), 1000n), u: quantityText });
    const weightsText = grades.length
      ? grades
          .map((g) =>
            say(
              { it: '{grade}: {basis} × {w}', en: '{grade}: {basis} × {w}' },
              {
                grade: g.grade ? g.grade : { it: 'senza classe', en: 'no grade' },
                basis: k.basis === 'value' ? m(g.valueCents) : numberRatio(BigInt(g.quantityMilli), 1000n),
                w: factor(g.weightBps),
              },
            ),
          )
          .reduce((a, b) => ({ it: `${a.it}; ${b.it}`, en: `${a.en}; ${b.en}` }))
      : { it: '—', en: '—' };
    const weighted = k.basis === 'value' ? moneyRatio(line.weighted, 10_000n, cur) : numberRatio(line.weighted, 10_000_000n);
    const parts: Texts[] = [
      say(
        {
          it: '{kind} {year}: {basis}{work}. Pesi di qualità ({weights}) → scambio ponderato {weighted}.',
          en: '{kind} {year}: {basis}{work}. Quality weights ({weights}) → weighted exchange {weighted}.',
        },
        {
          kind: capitalised(KIND_NAMES[line.kind]),
          year: String(s.figures.year),
          basis: basisText,
          work:
            line.kind === 'work' && k.basis === 'value'
              ? say({ it: ' di retribuzioni ({h} {u})', en: ' in wages ({h} {u})' }, { h: numberRatio(BigInt(line.quantityMilli), 1000n), u: { it: 'ore', en: 'hours' } })
              : '',
          weights: weightsText,
          weighted,
        },
      ),
    ];
    const totalWeighted = k.basis === 'value' ? moneyRatio(BigInt(k.weighted), 10_000n, cur) : numberRatio(BigInt(k.weighted), 10_000_000n);
    if (capped) {
      parts.push(
        say(
          {
            it: 'La tua quota raggiunge il limite: {limit} → {cap}. Ristorno: {cap}.',
            en: 'Your share reaches the limit: {limit} → {cap}. Ristorno: {cap}.',
          },
          { limit: s.rs.allocationConstraints(line.kind).explanation ?? '', cap: m(line.capCents ?? 0) },
        ),
      );
    } else {
      const sharedPool = BigInt(k.poolCents - k.cappedCents);
      const sharedWeighted = BigInt(k.weighted) - BigInt(k.cappedWeighted);
      parts.push(
        say(
          k.cappedMembers > 0
            ? {
                it: 'Fondo per {kind}: {pool}; tolti {capped} già assegnati a {n} soci al limite, restano {shared} da ripartire sullo scambio ponderato degli altri soci, {W}: {shared} × {w} ÷ {W} = {exact} → {amount}.',
                en: 'Pool for {kind}: {pool}; less {capped} already given to {n} members at their limit, {shared} is shared over the other members’ weighted exchange, {W}: {shared} × {w} ÷ {W} = {exact} → {amount}.',
              }
            : {
                it: 'Fondo per {kind}: {pool}, ripartito sullo scambio ponderato di tutti i soci, {W}: {pool} × {w} ÷ {W} = {exact} → {amount}.',
                en: 'Pool for {kind}: {pool}, shared over all members’ weighted exchange, {W}: {pool} × {w} ÷ {W} = {exact} → {amount}.',
              },
          {
            kind: KIND_NAMES[line.kind],
            pool: m(k.poolCents),
            capped: m(k.cappedCents),
            n: k.cappedMembers,
            shared: m(sharedPool),
            W:
              k.cappedMembers > 0
                ? k.basis === 'value'
                  ? moneyRatio(sharedWeighted, 10_000n, cur)
                  : numberRatio(sharedWeighted, 10_000_000n)
                : totalWeighted,
            w: weighted,
            exact: moneyRatio(sharedPool * line.weighted, sharedWeighted, cur),
            amount: m(line.amountCents),
          },
        ),
      );
      if (line.capCents !== null) {
        parts.push(say({ it: 'Il tuo limite ({cap}) non è raggiunto.', en: 'Your limit ({cap}) is not reached.' }, { cap: m(line.capCents) }));
      }
    }
    lines.push({ ...line, capped, formula: { it: parts.map((p) => p.it).join(' '), en: parts.map((p) => p.en).join(' ') } });
  }
  paragraphs.push(...lines.map((l) => l.formula));
  paragraphs.push({
    it: 'Arrotondamento: ciascuno riceve la propria quota esatta arrotondata per difetto al centesimo; i centesimi che restano vanno, uno ciascuno, alle quote con i resti più alti (a parità, in ordine di identificativo dell’iscrizione), così la somma dei ristorni è esattamente il fondo.',
    en: 'Rounding: everyone receives their exact share rounded down to the cent; the cents left over go, one each, to the shares with the largest remainders (ties in order of membership id), so the ristorni add up exactly to the pool.',
  });

  const totals = lines.reduce(
    (t, l) => ({
      amountCents: t.amountCents + l.amountCents,
      cashCents: t.cashCents + l.cashCents,
      capitalCents: t.capitalCents + l.capitalCents,
      capitalShares: t.capitalShares + l.capitalShares,
      instrumentsCents: t.instrumentsCents + l.instrumentsCents,
      withholdingCents: t.withholdingCents + l.withholdingCents,
      netCashCents: t.netCashCents + l.cashCents - l.withholdingCents,
    }),
    { amountCents: 0, cashCents: 0, capitalCents: 0, capitalShares: 0, instrumentsCents: 0, withholdingCents: 0, netCashCents: 0 },
  );
  const f = s.inputs.forms;
  paragraphs.push(
    say(
      {
        it: 'Totale del tuo ristorno: {total}. Forme: {cp} in denaro, {kp} a capitale, {ip} in strumenti finanziari → denaro {cash}, capitale {capital}{shares}, strumenti finanziari {instr}.',
        en: 'Your total ristorno: {total}. Forms: {cp} cash, {kp} capital, {ip} financial instruments → cash {cash}, capital {capital}{shares}, financial instruments {instr}.',
      },
      {
        total: m(totals.amountCents),
        cp: bps(f.cashBps),
        kp: bps(f.capitalBps),
        ip: bps(f.instrumentsBps),
        cash: m(totals.cashCents),
        capital: m(totals.capitalCents),
        instr: m(totals.instrumentsCents),
        shares:
          s.rs.capitalUnit === 'shares' && f.capitalBps > 0
            ? say(
                { it: ' ({n} nuove quote da {nom}; il resto inferiore a una quota è pagato in denaro)', en: ' ({n} new shares of {nom}; what is left below one share is paid in cash)' },
                { n: totals.capitalShares, nom: m(s.member.shareNominalCents) },
              )
            : '',
      },
    ),
  );
  if (f.capitalBps > 0 || f.instrumentsBps > 0) paragraphs.push(s.rs.explain('forms'));
  if (s.member.exited && f.capitalBps > 0) {
    paragraphs.push({
      it: 'Non sei più socio: la parte destinata ad aumento del capitale ti è pagata in denaro.',
      en: 'You are no longer a member: the part meant to increase your capital is paid to you in cash.',
    });
  }
  if (totals.withholdingCents > 0) {
    paragraphs.push(
      say(
        {
          it: 'Ritenuta sulla parte a capitale: {w}, trattenuta dalla parte in denaro; ti sono pagati in denaro {net}.',
          en: 'Withholding on the capitalised part: {w}, taken from the cash part; you are paid {net} in cash.',
        },
        { w: m(totals.withholdingCents), net: m(totals.netCashCents) },
      ),
      s.rs.explain('withholding'),
    );
  }
  if (s.approval) {
    paragraphs.push(
      say(
        {
          it: 'Approvato dall’assemblea {kind} del {date}: favorevoli {f}, contrari {a}, astenuti {x}.{paid}',
          en: 'Approved by the {kindEn} general meeting of {date}: {f} in favour, {a} against, {x} abstained.{paid}',
        },
        {
          kind: s.approval.assemblyKind,
          kindEn: s.approval.assemblyKind === 'ordinaria' ? 'ordinary' : 'extraordinary',
          date: day(s.approval.assemblyDate),
          f: s.approval.votesFor,
          a: s.approval.votesAgainst,
          x: s.approval.votesAbstained,
          paid: s.paidOn ? say({ it: ' Pagato il {d}.', en: ' Paid on {d}.' }, { d: day(s.paidOn) }) : '',
        },
      ),
    );
  } else {
    paragraphs.push({
      it: 'Proposta del consiglio di amministrazione, in attesa della delibera dell’assemblea: nulla è pagato prima dell’approvazione.',
      en: 'The board’s proposal, awaiting the assembly’s resolution: nothing is paid before it is approved.',
    });
  }
  return { lines, totals, paragraphs };
}

/** The unit shown for a kind's quantity. */
export const unitOf = (kind: ExchangeKind, unit: string | null): string => (kind === 'work' ? WORK_UNIT : (unit ?? ''));
