// The platform's mails, in Italian and English (by the recipient's account language): subject, plain text and a
// simple HTML alternative. Values are escaped in the HTML part; links are absolute (PUBLIC_URL).
import type { Locale } from '../../../core/i18n.ts';

export type MailTemplate = 'verify-email' | 'reset-password' | 'invitation' | 'security-notice';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Params = Record<string, string>;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Copy {
  subject: (p: Params) => string;
  /** Paragraphs before the button. */
  lines: (p: Params) => string[];
  /** The call to action: label and the param holding the link. */
  action?: { label: string; param: string };
  /** Paragraphs after the button. */
  after: (p: Params) => string[];
}

const NOTICE: Record<Locale, Record<string, string>> = {
  it: {
    'password-changed': 'la password del tuo account è stata cambiata',
    'password-reset': 'la password del tuo account è stata reimpostata',
    'passkey-added': 'è stata aggiunta una passkey al tuo account',
    'passkey-removed': 'è stata rimossa una passkey dal tuo account',
    'recovery-codes': 'sono stati generati nuovi codici di recupero per il tuo account',
    'recovery-code-used': 'è stato usato un codice di recupero per accedere al tuo account',
    'account-locked': 'l’accesso al tuo account è stato sospeso per troppi tentativi non riusciti',
  },
  en: {
    'password-changed': 'your account’s password was changed',
    'password-reset': 'your account’s password was reset',
    'passkey-added': 'a passkey was added to your account',
    'passkey-removed': 'a passkey was removed from your account',
    'recovery-codes': 'new recovery codes were generated for your account',
    'recovery-code-used': 'a recovery code was used to sign in to your account',
    'account-locked': 'sign-in to your account was suspended after too many failed attempts',
  },
};

const COPY: Record<Locale, Record<MailTemplate, Copy>> = {
  it: {
    'verify-email': {
      subject: () => 'Conferma il tuo indirizzo e-mail su Cooperando',
      lines: (p) => [`Ciao ${p.name},`, 'per confermare che questo indirizzo e-mail è tuo apri il collegamento qui sotto.'],
      action: { label: 'Conferma l’indirizzo', param: 'url' },
      after: (p) => [`Il collegamento vale ${p.hours} ore e si può usare una volta sola.`, 'Se non hai chiesto tu questa conferma, ignora questo messaggio.'],
    },
    'reset-password': {
      subject: () => 'Reimposta la password di Cooperando',
      lines: (p) => [`Ciao ${p.name},`, 'abbiamo ricevuto una richiesta di reimpostare la password del tuo account.'],
      action: { label: 'Scegli una nuova password', param: 'url' },
      after: (p) => [
        `Il collegamento vale ${p.minutes} minuti e si può usare una volta sola; reimpostando la password si chiudono tutte le sessioni aperte.`,
        'Se non sei stato tu, ignora questo messaggio: la password resta quella di prima.',
      ],
    },
    invitation: {
      subject: (p) => (p.organisation ? `Invito a Cooperando da ${p.organisation}` : 'Invito a Cooperando'),
      lines: (p) => [
        `Ciao ${p.name},`,
        p.organisation
          ? `${p.organisation} ti invita a usare Cooperando, la piattaforma digitale delle cooperative: con un solo account vedi le tue iscrizioni, partecipi alla vita della cooperativa e dimostri di esserne socio.`
          : 'sei stato invitato a usare Cooperando, la piattaforma digitale delle cooperative.',
      ],
      action: { label: 'Accetta l’invito', param: 'url' },
      after: (p) => [`L’invito scade il ${p.expires}. Se hai già un account con questo indirizzo, l’invito lo collega alle tue iscrizioni.`],
    },
    'security-notice': {
      subject: () => 'Avviso di sicurezza di Cooperando',
      lines: (p) => [`Ciao ${p.name},`, `ti avvisiamo che ${NOTICE.it[p.event ?? ''] ?? p.event} (${p.when}).`],
      action: { label: 'Controlla la sicurezza dell’account', param: 'url' },
      after: () => ['Se sei stato tu, non devi fare nulla. Altrimenti reimposta subito la password e controlla le sessioni aperte.'],
    },
  },
  en: {
    'verify-email': {
      subject: () => 'Confirm your e-mail address on Cooperando',
      lines: (p) => [`Hello ${p.name},`, 'to confirm that this e-mail address is yours, open the link below.'],
      action: { label: 'Confirm the address', param: 'url' },
      after: (p) => [`The link is valid for ${p.hours} hours and works once.`, 'If you did not ask for this, ignore this message.'],
    },
    'reset-password': {
      subject: () => 'Reset your Cooperando password',
      lines: (p) => [`Hello ${p.name},`, 'we received a request to reset the password of your account.'],
      action: { label: 'Choose a new password', param: 'url' },
      after: (p) => [
        `The link is valid for ${p.minutes} minutes and works once; resetting the password ends every open session.`,
        'If it was not you, ignore this message: your password stays as it was.',
      ],
    },
    invitation: {
      subject: (p) => (p.organisation ? `Invitation to Cooperando from ${p.organisation}` : 'Invitation to Cooperando'),
      lines: (p) => [
        `Hello ${p.name},`,
        p.organisation
          ? `${p.organisation} invites you to Cooperando, the co-operatives’ digital platform: with one account you see your memberships, take part in your co-op’s life and prove you are a member.`
          : 'you have been invited to Cooperando, the co-operatives’ digital platform.',
      ],
      action: { label: 'Accept the invitation', param: 'url' },
      after: (p) => [`The invitation expires on ${p.expires}. If you already have an account with this address, the invitation links it to your memberships.`],
    },
    'security-notice': {
      subject: () => 'Cooperando security notice',
      lines: (p) => [`Hello ${p.name},`, `this is to let you know that ${NOTICE.en[p.event ?? ''] ?? p.event} (${p.when}).`],
      action: { label: 'Review your account security', param: 'url' },
      after: () => ['If it was you, there is nothing to do. Otherwise reset your password now and check your open sessions.'],
    },
  },
};

export function renderMail(template: MailTemplate, locale: Locale, params: Params): RenderedMail {
  const copy = COPY[locale][template];
  const lines = copy.lines(params);
  const after = copy.after(params);
  const link = copy.action ? params[copy.action.param] : undefined;
  const footer = locale === 'it' ? 'Cooperando — la piattaforma digitale delle cooperative' : 'Cooperando — the co-operatives’ digital platform';
  const text = [...lines, ...(link && copy.action ? [`${copy.action.label}: ${link}`] : []), ...after, '', '—', footer].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(copy.subject(params))}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:1rem">
${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}
${link && copy.action ? `<p><a href="${esc(link)}" style="display:inline-block;padding:.6rem 1rem;background:#0b5c36;color:#fff;text-decoration:none;border-radius:.3rem">${esc(copy.action.label)}</a></p>\n<p style="font-size:.9em">${esc(link)}</p>` : ''}
${after.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<hr><p style="font-size:.85em;color:#555">${esc(footer)}</p></body></html>`;
  return { subject: copy.subject(params), text, html };
}
