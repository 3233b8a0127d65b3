// United States: patronage dividends under Subchapter T of the Internal Revenue Code (§§ 1381-1388). Refunds
// follow the quantity or value of business done with each patron out of the net earnings from that business; a
// "qualified written notice of allocation" (retained equity) requires at least 20% of the dividend in cash. The
// second rule set proves the interface: the same year-end code runs with other limits, forms and words.
import { attributeSurplus } from '../attributable.ts';
import { KIND_NAMES, LINE_NAMES, capitalised, type Texts } from '../kinds.ts';
import { allocateProfit } from '../profit.ts';
import { splitIsValid } from '../forms.ts';
import { joinTexts, money, say } from '../words.ts';
import type { CeilingInput, CeilingResult, ExplainTopic, InputProblem, RistorniRuleSet, RunInputs } from './types.ts';

/** §1388(c)(1)(B): a qualified written notice of allocation needs at least 20% of the dividend paid in money. */
export const QUALIFIED_NOTICE_CASH_MIN_BPS = 2_000;

const usd = (c: number) => money(c, 'USD');

const EXPLAIN: Record<ExplainTopic, Texts> = {
  ceiling: {
    it: 'I dividendi di patronato si pagano con gli utili netti derivanti dagli affari fatti con o per i soci (IRC §1388(a)(3)): utili × affari con i soci ÷ affari totali.',
    en: 'Patronage dividends are paid out of net earnings from business done with or for patrons (IRC §1388(a)(3)): earnings × patronage business ÷ total business.',
  },
  allocation: {
    it: 'Ogni socio riceve in proporzione alla quantità o al valore degli affari fatti con la cooperativa (IRC §1388(a)(1)).',
    en: 'Each patron receives in proportion to the quantity or value of business done with the co-op (IRC §1388(a)(1)).',
  },
  forms: {
    it: 'Il dividendo si paga in denaro, con un avviso scritto di assegnazione qualificato (capitale trattenuto, con almeno il 20% in denaro: IRC §1388(c)) o non qualificato (IRC §1388(d)).',
    en: 'The dividend is paid in money, by a qualified written notice of allocation (retained equity, with at least 20% in money: IRC §1388(c)) or by a non-qualified notice (IRC §1388(d)).',
  },
  withholding: {
    it: 'Nessuna ritenuta prevista da questo insieme di regole.',
    en: 'No withholding under this rule set.',
  },
  profit: {
    it: 'I dividendi di patronato pagati entro il periodo di pagamento (8 mesi e mezzo dalla chiusura) sono deducibili per la cooperativa (IRC §1382(b), (d)); il resto degli utili resta come patrimonio non assegnato.',
    en: 'Patronage dividends paid within the payment period (8½ months after year end) are deductible by the co-op (IRC §1382(b), (d)); the rest of the earnings stays as unallocated equity.',
  },
  approval: {
    it: 'Il dividendo si determina secondo un obbligo preesistente dello statuto (IRC §1388(a)(2)), con la delibera prevista dallo statuto.',
    en: 'The dividend is determined under an obligation existing before the year (IRC §1388(a)(2)), by the resolution the bylaws require.',
  },
};

function validate(inputs: RunInputs): InputProblem[] {
  const out: InputProblem[] = [];
  if (!splitIsValid(inputs.forms)) out.push({ field: 'forms', code: 'ristorni.forms-sum' });
  else if (inputs.forms.capitalBps > 0 && inputs.forms.cashBps < QUALIFIED_NOTICE_CASH_MIN_BPS) {
    out.push({ field: 'forms/cashBps', code: 'ristorni.us-cash-minimum', params: { min: '20%' } });
  }
  if (inputs.withholding) out.push({ field: 'withholding', code: 'ristorni.withholding-unavailable' });
  if (inputs.legalReserveBps < 0 || inputs.legalReserveBps > 10_000) out.push({ field: 'legalReserveBps', code: 'field.range' });
  return out;
}

function ceiling(input: CeilingInput): CeilingResult {
  const attribution = attributeSurplus(input.surplusCents, input.lines, input.kinds);
  const kinds = attribution.kinds.map((a) => ({
    kind: a.kind,
    line: a.line,
    attributableCents: a.attributableCents,
    capCents: null,
    ceilingCents: a.attributableCents,
    explanation: say(
      {
        it: '{kind} ({line}): utili {s} × affari con i soci {m} ÷ affari totali {t} = {a}{shared}.',
        en: '{kind} ({line}): earnings {s} × patronage business {m} ÷ total business {t} = {a}{shared}.',
      },
      {
        kind: capitalised(KIND_NAMES[a.kind]),
        line: LINE_NAMES[a.line],
        s: usd(input.surplusCents),
        m: usd(a.lineMembersCents),
        t: usd(attribution.totalLinesCents),
        a: usd(a.lineAttributableCents),
        shared: a.shared
          ? say({ it: ', di cui a questo tipo di scambio {x}', en: ', of which this kind of business takes {x}' }, { x: usd(a.attributableCents) })
          : '',
      },
    ),
  }));
  const total = kinds.reduce((s, k) => s + k.ceilingCents, 0);
  return {
    membersLinesCents: attribution.membersLinesCents,
    totalLinesCents: attribution.totalLinesCents,
    attributableCents: total,
    ceilingCents: total,
    kinds,
    explanation: joinTexts([EXPLAIN.ceiling, say({ it: 'Massimo distribuibile: {c}.', en: 'Most that can be paid: {c}.' }, { c: usd(total) })]),
  };
}

export const unitedStates: RistorniRuleSet = {
  id: 'US',
  name: { it: 'Stati Uniti — dividendi di patronato (Subchapter T)', en: 'United States — patronage dividends (Subchapter T)' },
  description: {
    it: 'Dividendi in proporzione agli affari con ciascun socio; avvisi di assegnazione qualificati con almeno il 20% in denaro; nessuna riserva legale.',
    en: 'Dividends in proportion to each patron’s business; qualified notices of allocation with at least 20% in money; no statutory reserve.',
  },
  currency: 'USD',
  capitalUnit: 'cents',
  shares: { minNominalCents: null, memberCapCents: null },
  defaults: () => ({ forms: { cashBps: 10_000, capitalBps: 0, instrumentsBps: 0 }, withholding: false, legalReserveBps: 0 }),
  validate,
  ceiling,
  allocationConstraints: () => ({ capBpsOfValue: null, explanation: null }),
  forms: () => [
    { form: 'cash', name: { it: 'Denaro', en: 'Money' }, description: { it: 'Denaro o assegno qualificato.', en: 'Money or qualified check.' } },
    {
      form: 'capital',
      name: { it: 'Avviso di assegnazione qualificato', en: 'Qualified written notice of allocation' },
      description: {
        it: 'Capitale trattenuto accreditato al socio, che acconsente a dichiararlo come reddito; richiede almeno il 20% in denaro.',
        en: 'Retained equity credited to the patron, who consents to report it as income; requires at least 20% paid in money.',
      },
    },
    {
      form: 'instruments',
      name: { it: 'Avviso di assegnazione non qualificato', en: 'Non-qualified written notice of allocation' },
      description: { it: 'Assegnazione tassata al momento del riscatto.', en: 'An allocation taxed when it is redeemed.' },
    },
  ],
  withholding: () => 0,
  profitAllocation(figures, inputs) {
    const allocation = allocateProfit({
      surplusCents: figures.surplusCents,
      ristorniCents: figures.ristorniCents,
      incomeTaxesCents: inputs.incomeTaxesCents,
      legalReserveBps: inputs.legalReserveBps,
      mutualFundsBps: 0,
      dividendsCents: inputs.dividendsCents,
    });
    const a = allocation;
    return {
      allocation,
      explanation: joinTexts([
        say(
          {
            it: 'Utili dopo i dividendi di patronato = {s} − {r} − imposte {t} = {n}. Riserva statutaria: {l}. Dividendi sul capitale: {d}. Patrimonio non assegnato: {x}.',
            en: 'Earnings after patronage dividends = {s} − {r} − taxes {t} = {n}. Reserve required by the bylaws: {l}. Dividends on capital: {d}. Unallocated equity: {x}.',
          },
          { s: usd(a.surplusCents), r: usd(a.ristorniCents), t: usd(a.incomeTaxesCents), n: usd(a.netProfitCents), l: usd(a.legalReserveCents), d: usd(a.dividendsCents), x: usd(a.reserveCents) },
        ),
        EXPLAIN.profit,
      ]),
    };
  },
  explain: (topic) => EXPLAIN[topic],
};
