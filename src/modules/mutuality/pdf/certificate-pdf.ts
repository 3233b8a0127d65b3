// A member's share certificate as a PDF: the co-op, the member, the shares with their nominal value, subscribed and
// paid-in capital, and the movements that made the balance.
import { money, type Currency, type Lang } from '../domain/index.ts';
import type { RuleSetId } from '../domain/rulesets/types.ts';
import type { membershipCapital } from '../services/share-capital.ts';
import { footer, heading, paragraph, renderPdf, row, section } from './render.ts';

type Capital = Awaited<ReturnType<typeof membershipCapital>>;
export interface CertificateCoop {
  name: string;
  codiceFiscale: string;
  alboNumber: string | null;
  comune: string | null;
  /** The co-op's rule set: its currency, and whether the Codice civile's articles apply to the wording. */
  ruleSet: RuleSetId;
  currency: Currency;
}

const KIND: Record<string, { it: string; en: string }> = {
  opening: { it: 'saldo iniziale', en: 'opening balance' },
  subscription: { it: 'sottoscrizione', en: 'subscription' },
  payment: { it: 'versamento', en: 'payment' },
  ristorno: { it: 'ristorno a capitale', en: 'capitalised ristorno' },
  transfer_in: { it: 'trasferimento ricevuto', en: 'transfer received' },
  transfer_out: { it: 'trasferimento ceduto', en: 'transfer given' },
  redemption: { it: 'rimborso', en: 'redemption' },
};

export function certificatePdf(c: Capital, coop: CertificateCoop, admittedOn: string, lang: Lang): Promise<Buffer> {
  const it = lang === 'it';
  const m = (x: number) => money(x, coop.currency)(lang);
  const italian = coop.ruleSet === 'IT';
  const d = (iso: string) => (it ? iso.split('-').reverse().join('/') : iso);
  const title = it ? 'Certificato di partecipazione al capitale sociale' : 'Share certificate';
  return renderPdf(title, (doc) => {
    heading(doc, title, `${coop.name} - ${it ? 'C.F.' : 'Tax code'} ${coop.codiceFiscale}${coop.alboNumber ? ` - Albo ${coop.alboNumber}` : ''}${coop.comune ? ` - ${coop.comune}` : ''}`);
    paragraph(
      doc,
      it
        ? `Si certifica che ${c.membership.name}, iscritto al libro soci con il numero ${c.membership.registerNumber} dal ${d(admittedOn)}, è titolare delle quote di capitale sociale sotto indicate.`
        : `This certifies that ${c.membership.name}, entered in the members' register as number ${c.membership.registerNumber} since ${d(admittedOn)}, holds the share capital stated below.`,
    );
    row(doc, it ? 'Quote' : 'Shares', String(c.balance.shares));
    const nominal = it ? 'Valore nominale di una quota' : 'Nominal value of one share';
    row(doc, italian ? `${nominal} (art. 2525 c.c.)` : nominal, m(c.membership.shareNominalCents));
    row(doc, it ? 'Capitale sottoscritto' : 'Subscribed capital', m(c.balance.subscribedCents));
    row(doc, it ? 'Capitale versato' : 'Paid-in capital', m(c.balance.paidCents));
    if (c.balance.ristorniCents > 0) {
      const label = italian
        ? it ? 'di cui da ristorni (esclusi dai limiti per socio)' : 'of which from ristorni (outside the per-member limits)'
        : it ? 'di cui da ristorni (patronage refunds) trattenuti come capitale' : 'of which from patronage refunds retained as equity';
      row(doc, label, m(c.balance.ristorniCents));
    }
    if (c.membership.exitOn) row(doc, it ? 'Uscita dalla cooperativa' : 'Left the co-op', d(c.membership.exitOn));
    section(doc, it ? 'Movimenti' : 'Movements');
    if (c.movements.length === 0) paragraph(doc, it ? 'Nessun movimento registrato nel libro del capitale.' : 'No movement recorded in the capital ledger.');
    for (const mv of c.movements) {
      row(doc, `${d(mv.occurredOn)} ${KIND[mv.kind]?.[lang] ?? mv.kind}${mv.sharesDelta ? ` (${mv.sharesDelta > 0 ? '+' : ''}${mv.sharesDelta})` : ''}`, `${m(mv.subscribedDeltaCents)} / ${m(mv.paidDeltaCents)}`);
    }
    footer(doc, lang);
  });
}
