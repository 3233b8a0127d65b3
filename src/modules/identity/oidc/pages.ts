// The few pages oidc-provider renders itself — the sign-out confirmation, the signed-out page and error pages — in
// Italian or English (ui_locales, then Accept-Language), plain accessible HTML with no script.
import type { KoaContextWithOIDC, ErrorOut } from 'oidc-provider';
import { pickLocale, type Locale } from '../../../core/i18n.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TEXT: Record<Locale, Record<string, string>> = {
  it: {
    logoutTitle: 'Vuoi uscire?',
    logoutBody: 'Stai per uscire da Cooperando{client}.',
    logoutYes: 'Sì, esci da Cooperando',
    logoutNo: 'No, esci solo da questa applicazione',
    doneTitle: 'Sei uscito',
    doneBody: 'Sei uscito da Cooperando{client}. Puoi chiudere questa pagina.',
    errorTitle: 'Accesso non riuscito',
    errorBody: 'L’applicazione che ti ha mandato qui ha fatto una richiesta che Cooperando non può accettare.',
    errorCode: 'Codice dell’errore',
    back: 'Torna a Cooperando',
  },
  en: {
    logoutTitle: 'Sign out?',
    logoutBody: 'You are about to sign out of Cooperando{client}.',
    logoutYes: 'Yes, sign out of Cooperando',
    logoutNo: 'No, sign out of this application only',
    doneTitle: 'Signed out',
    doneBody: 'You have signed out of Cooperando{client}. You can close this page.',
    errorTitle: 'Sign-in failed',
    errorBody: 'The application that sent you here made a request Cooperando cannot accept.',
    errorCode: 'Error code',
    back: 'Back to Cooperando',
  },
};

function localeOf(ctx: KoaContextWithOIDC): Locale {
  const ui = (ctx.oidc?.params?.ui_locales as string | undefined)?.split(' ')[0];
  return pickLocale({ lang: ui?.slice(0, 2) }, ctx.get('accept-language'));
}

function clientPart(ctx: KoaContextWithOIDC, locale: Locale): string {
  const name = ctx.oidc?.client?.clientName;
  if (!name) return '';
  return locale === 'it' ? ` e da ${esc(name)}` : ` and ${esc(name)}`;
}

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#f6f7f5;margin:0}
main{max-width:32rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;border:1px solid #d0d5cf}
h1{font-size:1.5rem;margin-top:0}button{display:block;width:100%;font:inherit;padding:.7rem 1rem;margin:.5rem 0;border-radius:.3rem;border:2px solid #0b5c36;cursor:pointer}
.primary{background:#0b5c36;color:#fff}.secondary{background:#fff;color:#0b5c36}button:focus-visible,a:focus-visible{outline:3px solid #f2a900;outline-offset:2px}a{color:#0b5c36}`;

/** A complete page; the CSP allows only this inline style, and form posts to the provider's own endpoints. */
function page(ctx: KoaContextWithOIDC, locale: Locale, title: string, body: string, formTarget = false): void {
  ctx.type = 'html';
  ctx.set('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; ${formTarget ? '' : "form-action 'none'; "}frame-ancestors 'none'; base-uri 'none'`);
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  ctx.body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Cooperando</title><style>${STYLE}</style></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  // The sign-out form posts to the provider, which then redirects to the client's post-logout URI: no form-action
  // restriction here (browsers apply it to the redirect too).
  page(
    ctx,
    locale,
    t.logoutTitle!,
    `<p>${t.logoutBody!.replace('{client}', clientPart(ctx, locale))}</p>${form}
<button class="primary" type="submit" form="op.logoutForm" value="yes" name="logout" autofocus>${esc(t.logoutYes!)}</button>
<button class="secondary" type="submit" form="op.logoutForm">${esc(t.logoutNo!)}</button>`,
    true,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  page(ctx, locale, t.doneTitle!, `<p>${t.doneBody!.replace('{client}', clientPart(ctx, locale))}</p><p><a href="/">${esc(t.back!)}</a></p>`);
}

export async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  page(
    ctx,
    locale,
    t.errorTitle!,
    `<p>${esc(t.errorBody!)}</p><p>${esc(t.errorCode!)}: <code>${esc(String(out.error))}</code>${out.error_description ? ` — ${esc(String(out.error_description))}` : ''}</p><p><a href="/">${esc(t.back!)}</a></p>`,
  );
}
