// The exchange-ledger import template: each column's key, Italian and English header and the aliases payroll, till
// and delivery systems write. Headers compare after normalisation (case, accents, spaces, punctuation ignored).
import { normalizeLabel, Vocabulary } from '../../registry/index.ts';
import type { ExchangeKind } from '../domain/index.ts';

export type ExchangeColumnKey = 'externalRef' | 'registerNumber' | 'codiceFiscale' | 'kind' | 'occurredOn' | 'quantity' | 'unit' | 'value' | 'grade' | 'description';

export interface ExchangeColumn {
  key: ExchangeColumnKey;
  it: string;
  en: string;
  aliases: readonly string[];
  required?: boolean;
}

export const EXCHANGE_COLUMNS: readonly ExchangeColumn[] = [
  { key: 'externalRef', it: 'Riferimento', en: 'Reference', aliases: ['rif', 'rif.', 'riferimento documento', 'numero documento', 'n documento', 'n. documento', 'documento', 'id movimento', 'codice movimento', 'numero scontrino', 'scontrino', 'ddt', 'numero ddt', 'bolla', 'numero bolla', 'cedolino', 'ref', 'external ref', 'external reference', 'document number', 'document'] },
  { key: 'registerNumber', it: 'Numero socio', en: 'Member number', aliases: ['n socio', 'n. socio', 'nr socio', 'num socio', 'matricola', 'matricola socio', 'numero libro soci', 'codice socio', 'socio', 'member no', 'member nr', 'register number', 'membership number'] },
  { key: 'codiceFiscale', it: 'Codice fiscale', en: 'Tax code', aliases: ['cf', 'c.f.', 'cod fiscale', 'cod. fisc.', 'codice fiscale socio', 'fiscal code', 'tax id', 'codicefiscale'] },
  { key: 'kind', it: 'Tipo scambio', en: 'Kind', required: true, aliases: ['tipo', 'tipologia', 'tipo movimento', 'tipo di scambio', 'scambio', 'type', 'exchange type', 'kind of exchange'] },
  { key: 'occurredOn', it: 'Data', en: 'Date', required: true, aliases: ['data movimento', 'data scambio', 'data documento', 'data operazione', 'giorno', 'occurred on', 'exchange date'] },
  { key: 'quantity', it: 'Quantità', en: 'Quantity', aliases: ['quantita', 'qta', 'q.tà', 'qtà', 'ore', 'ore lavorate', 'n ore', 'qty', 'hours', 'hours worked'] },
  { key: 'unit', it: 'Unità', en: 'Unit', aliases: ['unita', 'unità di misura', 'unita di misura', 'um', 'u.m.', 'unit of measure'] },
  { key: 'value', it: 'Valore', en: 'Value', required: true, aliases: ['importo', 'valore euro', 'valore €', 'importo euro', 'retribuzione', 'retribuzioni', 'retribuzione lorda', 'imponibile', 'totale', 'amount', 'wages', 'value eur'] },
  { key: 'grade', it: 'Qualità', en: 'Grade', aliases: ['qualita', 'classe', 'classe qualità', 'grado', 'categoria qualità', 'quality', 'class'] },
  { key: 'description', it: 'Descrizione', en: 'Description', aliases: ['note', 'causale', 'descrizione movimento', 'notes', 'memo'] },
];

const lookup = new Map<string, ExchangeColumn>();
for (const c of EXCHANGE_COLUMNS) for (const n of [c.key, c.it, c.en, ...c.aliases]) lookup.set(normalizeLabel(n), c);

export interface ExchangeMapping {
  index: Map<ExchangeColumnKey, number>;
  header: Map<ExchangeColumnKey, string>;
  unknown: string[];
  duplicates: string[];
  width: number;
}

export function mapExchangeColumns(headers: readonly string[]): ExchangeMapping {
  const index = new Map<ExchangeColumnKey, number>();
  const header = new Map<ExchangeColumnKey, string>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  headers.forEach((raw, i) => {
    const h = String(raw ?? '').replace(/^\uFEFF/, '').trim();
    if (h === '') return;
    const def = lookup.get(normalizeLabel(h)) ?? lookup.get(normalizeLabel(h.replace(/\*+$|\(.*\)$/g, '')));
    if (!def) return void unknown.push(h);
    if (index.has(def.key)) return void duplicates.push(h);
    index.set(def.key, i);
    header.set(def.key, h);
  });
  return { index, header, unknown, duplicates, width: headers.length };
}

export const KIND_VOCABULARY = new Vocabulary<ExchangeKind>([
  ['work', 'lavoro', 'ore', 'ore lavorate', 'prestazione lavorativa', 'retribuzione', 'labour', 'labor'],
  ['purchase', 'acquisto', 'acquisti', 'spesa', 'vendita', 'vendite', 'purchases', 'sale', 'sales'],
  ['delivery', 'conferimento', 'conferimenti', 'consegna', 'consegne', 'conferimento prodotti', 'deliveries', 'produce'],
  ['service', 'servizio', 'servizi', 'servizio utilizzato', 'servizi utilizzati', 'services', 'service used', 'services used'],
  ['supply', 'fornitura', 'forniture', 'servizio prestato', 'servizi prestati', 'services supplied', 'supplies'],
]);

/** The template's header line and one example row per kind (Italian or English headers, `;`, Italian numbers). */
export function templateCsv(lang: 'it' | 'en'): string {
  const head = EXCHANGE_COLUMNS.map((c) => c[lang]).join(';');
  const rows =
    lang === 'it'
      ? ['CED-2025-01-001;1;;lavoro;31/01/2025;160;ore;2.150,00;;Cedolino gennaio', 'DDT-4512;2;;conferimento;12/09/2025;1.250,5;kg;875,35;A;Uve Sangiovese', 'SC-88121;;RSSMRA80E17A944Q;acquisto;03/03/2025;;;45,90;;']
      : ['PAY-2025-01-001;1;;work;31/01/2025;160;h;2.150,00;;January payslip', 'DN-4512;2;;delivery;12/09/2025;1.250,5;kg;875,35;A;Sangiovese grapes', 'TILL-88121;;RSSMRA80E17A944Q;purchase;03/03/2025;;;45,90;;'];
  return `\uFEFF${[head, ...rows].join('\r\n')}\r\n`;
}
