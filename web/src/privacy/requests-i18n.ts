// Strings of the erasure section and the officer's requests page, added to web i18n as a bundle of their own (it, en).
import i18n from '../core/i18n.ts';

const it = {
  'erasure.title': 'Chiedi la cancellazione',
  'erasure.intro': 'Cancelliamo il tuo account e i dati che la legge non ci obbliga a tenere. Il libro soci resta (art. 2421 c.c.) con nome, codice fiscale, domicilio, quote e date; restano anche gli scambi e i ristorni (scritture contabili, art. 2220 c.c., 10 anni) e i verbali delle assemblee. La cancellazione non è un recesso dalla cooperativa. La esegue il responsabile della tua cooperativa entro un mese.',
  'erasure.confirmLabel': 'Per confermare, scrivi l’e-mail con cui accedi',
  'erasure.message': 'Messaggio (facoltativo)',
  'erasure.submit': 'Chiedi la cancellazione',
  'erasure.receipt': 'Conserva questo link: dopo la cancellazione non potrai più accedere, ma con il link vedi l’esito.',
  'erasure.outcome.deleted': 'Cancellato',
  'erasure.outcome.updated': 'In parte cancellato o pseudonimizzato',
  'erasure.outcome.kept': 'Tenuto per legge',
  'erasure.erased': 'Cancellati: {{cols}}',
  'erasure.pseudonymised': 'Pseudonimizzati: {{cols}}',
  'erasure.clients': 'Applicazioni collegate avvisate: {{names}}',
  'requests.title': 'Richieste sui tuoi dati',
  'requests.mine': 'Le tue richieste',
  'requests.none': 'Nessuna richiesta.',
  'requests.kind.access': 'Accesso', 'requests.kind.export': 'Copia', 'requests.kind.rectification': 'Rettifica', 'requests.kind.erasure': 'Cancellazione',
  'requests.status.received': 'Ricevuta', 'requests.status.in_progress': 'In lavorazione', 'requests.status.answered': 'Evasa', 'requests.status.refused': 'Respinta',
  'requests.received': 'Ricevuta il', 'requests.due': 'Scadenza', 'requests.status': 'Stato', 'requests.kind': 'Tipo', 'requests.who': 'Chi',
  'requests.extended': 'Prorogata al {{date}}: {{reason}}',
  'requests.refused': 'Respinta: {{reason}}',
  'requests.overdue': 'scaduta',
  'requests.officer.title': 'Richieste privacy della cooperativa',
  'requests.officer.coop': 'Cooperativa (identificativo)',
  'requests.officer.onlyOverdue': 'Solo scadute',
  'requests.officer.overdueAlert_one': '{{count}} richiesta è oltre la scadenza (GDPR art. 12(3))',
  'requests.officer.overdueAlert_other': '{{count}} richieste sono oltre la scadenza (GDPR art. 12(3))',
  'requests.officer.execute': 'Esegui la cancellazione',
  'requests.officer.extend': 'Proroga di due mesi',
  'requests.officer.reason': 'Motivo',
  'requests.officer.answer': 'Evadi',
  'requests.officer.refuse': 'Respingi',
  'requests.officer.text': 'Risposta o motivo',
};
const en: typeof it = {
  'erasure.title': 'Request erasure',
  'erasure.intro': 'We delete your account and the data the law does not oblige us to keep. The members’ register stays (art. 2421 of the Civil Code) with name, tax code, domicile, shares and dates; exchanges and ristorni (accounting records, art. 2220, 10 years) and assembly minutes stay too. Erasure is not a withdrawal from the co-op. Your co-op’s officer carries it out within a month.',
  'erasure.confirmLabel': 'To confirm, type the e-mail you sign in with',
  'erasure.message': 'Message (optional)',
  'erasure.submit': 'Request erasure',
  'erasure.receipt': 'Keep this link: after the erasure you can no longer sign in, but the link shows the outcome.',
  'erasure.outcome.deleted': 'Deleted',
  'erasure.outcome.updated': 'Partly deleted or pseudonymised',
  'erasure.outcome.kept': 'Kept by law',
  'erasure.erased': 'Erased: {{cols}}',
  'erasure.pseudonymised': 'Pseudonymised: {{cols}}',
  'erasure.clients': 'Connected applications notified: {{names}}',
  'requests.title': 'Requests about your data',
  'requests.mine': 'Your requests',
  'requests.none': 'No requests.',
  'requests.kind.access': 'Access', 'requests.kind.export': 'Copy', 'requests.kind.rectification': 'Rectification', 'requests.kind.erasure': 'Erasure',
  'requests.status.received': 'Received', 'requests.status.in_progress': 'In progress', 'requests.status.answered': 'Answered', 'requests.status.refused': 'Refused',
  'requests.received': 'Received', 'requests.due': 'Deadline', 'requests.status': 'Status', 'requests.kind': 'Kind', 'requests.who': 'Who',
  'requests.extended': 'Extended to {{date}}: {{reason}}',
  'requests.refused': 'Refused: {{reason}}',
  'requests.overdue': 'overdue',
  'requests.officer.title': 'The co-op’s privacy requests',
  'requests.officer.coop': 'Co-op (identifier)',
  'requests.officer.onlyOverdue': 'Overdue only',
  'requests.officer.overdueAlert_one': '{{count}} request is past its deadline (GDPR art. 12(3))',
  'requests.officer.overdueAlert_other': '{{count}} requests are past their deadline (GDPR art. 12(3))',
  'requests.officer.execute': 'Execute the erasure',
  'requests.officer.extend': 'Extend by two months',
  'requests.officer.reason': 'Reason',
  'requests.officer.answer': 'Answer',
  'requests.officer.refuse': 'Refuse',
  'requests.officer.text': 'Answer or reason',
};

i18n.addResourceBundle('it', 'translation', { privacyRequests: nest(it) }, true, false);
i18n.addResourceBundle('en', 'translation', { privacyRequests: nest(en) }, true, false);

/** i18next resolves dotted keys through nested objects. */
function nest(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const parts = k.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1] as string] = v;
  }
  return out;
}
