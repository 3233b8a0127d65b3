// A member's ristorni statement as a PDF, in Italian or English: the figures and the formula in words.
import { KIND_NAMES, money, bps, type Lang } from '../domain/index.ts';
import type { Statement } from '../services/statements.ts';
import { footer, heading, paragraph, renderPdf, row, section } from './render.ts';

export function statementPdf(s: Statement, lang: Lang): Promise<Buffer> {
  const cur = s.currency === 'USD' ? 'USD' : 'EUR';
  const m = (c: number) => money(c, cur)(lang);
  const it = lang === 'it';
  const title = it ? `Estratto dei ristorni ${s.year}` : `Ristorni statement ${s.year}`;
  return renderPdf(title, (doc) => {
    heading(doc, title, `${s.cooperative.name} - ${it ? 'C.F.' : 'Tax code'} ${s.cooperative.codiceFiscale}`);
    row(doc, it ? 'Socio' : 'Member', s.member.name);
    row(doc, it ? 'Numero di iscrizione al libro soci' : 'Member number', String(s.member.registerNumber));
    const status = {
      computed: it ? 'proposta, in attesa della delibera' : 'proposal, awaiting the resolution',
      approved: it ? 'approvato dall’assemblea' : 'approved by the assembly',
      paid: it ? 'pagato' : 'paid',
      draft: it ? 'bozza' : 'draft',
    }[s.status];
    row(doc, it ? 'Stato' : 'Status', status);
    section(doc, it ? 'Ristorno per tipo di scambio' : 'Ristorno by kind of exchange');
    for (const l of s.lines) row(doc, `${KIND_NAMES[l.kind][lang]}${l.capped ? (it ? ' (al limite)' : ' (at the limit)') : ''}`, m(l.amountCents));
    section(doc, it ? 'Totale e forme' : 'Total and forms');
    row(doc, it ? 'Totale ristorno' : 'Total ristorno', m(s.totals.amountCents));
    row(doc, it ? 'In denaro' : 'Cash', m(s.totals.cashCents));
    row(doc, it ? `A capitale (${s.totals.capitalShares} quote)` : `Capital (${s.totals.capitalShares} shares)`, m(s.totals.capitalCents));
    row(doc, it ? 'Strumenti finanziari' : 'Financial instruments', m(s.totals.instrumentsCents));
    if (s.totals.withholdingCents > 0) row(doc, it ? `Ritenuta (${bps(s.totals.withholdingBps)(lang)} sulla parte a capitale)` : `Withholding (${bps(s.totals.withholdingBps)(lang)} of the capital part)`, m(s.totals.withholdingCents));
    row(doc, it ? 'Pagato in denaro' : 'Paid in cash', m(s.totals.netCashCents));
    section(doc, it ? 'Come è calcolato' : 'How it is computed');
    for (const p of s.explanation) paragraph(doc, p[lang]);
    footer(doc, lang);
  });
}
