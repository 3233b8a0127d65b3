// The kinds of mutual exchange and the financial-statement lines they belong to (art. 2513 c.c.), with their
// names in Italian and English. Pure data, no I/O.

export const EXCHANGE_KINDS = ['work', 'purchase', 'delivery', 'service', 'supply'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const STATEMENT_LINES = ['A1', 'B6', 'B7', 'B9'] as const;
export type StatementLine = (typeof STATEMENT_LINES)[number];

export interface Texts {
  it: string;
  en: string;
}

/**
 * Which line of the financial statements measures each kind of exchange (art. 2513 c. 1 c.c.):
 * sales and services to members are revenues (A1, lett. a); members' work is labour cost (B9, lett. b);
 * goods delivered by members are B6 and services supplied by members B7 (lett. c).
 */
export const KIND_LINE: Readonly<Record<ExchangeKind, StatementLine>> = {
  work: 'B9',
  purchase: 'A1',
  service: 'A1',
  delivery: 'B6',
  supply: 'B7',
};

export const KIND_NAMES: Readonly<Record<ExchangeKind, Texts>> = {
  work: { it: 'lavoro', en: 'work' },
  purchase: { it: 'acquisti', en: 'purchases' },
  delivery: { it: 'conferimenti', en: 'deliveries of produce' },
  service: { it: 'servizi utilizzati', en: 'services used' },
  supply: { it: 'servizi prestati', en: 'services supplied' },
};

export const LINE_NAMES: Readonly<Record<StatementLine, Texts>> = {
  A1: { it: 'A1 ricavi delle vendite e delle prestazioni', en: 'A1 revenues from sales and services' },
  B6: { it: 'B6 costi per materie prime, sussidiarie, di consumo e merci', en: 'B6 cost of raw materials, supplies and goods' },
  B7: { it: 'B7 costi per servizi', en: 'B7 cost of services' },
  B9: { it: 'B9 costo del personale', en: 'B9 labour cost' },
};

/** The letter of art. 2513 c. 1 c.c. that names each line. */
export const LINE_LETTER: Readonly<Record<StatementLine, string>> = { A1: 'a', B9: 'b', B6: 'c', B7: 'c' };

/** What the quantity of an entry counts: hours for work, a unit of measure for the others. */
export const WORK_UNIT = 'h';

export const isExchangeKind = (s: string): s is ExchangeKind => (EXCHANGE_KINDS as readonly string[]).includes(s);
export const isStatementLine = (s: string): s is StatementLine => (STATEMENT_LINES as readonly string[]).includes(s);

/** The same text with a capital first letter (a kind's name at the start of a sentence). */
export const capitalised = (t: Texts): Texts => ({ it: t.it.charAt(0).toUpperCase() + t.it.slice(1), en: t.en.charAt(0).toUpperCase() + t.en.slice(1) });
