// Sentences in Italian and English at once (the same approach as mutuality's `say`, kept local: a module imports no
// other module's internals). A template pair with `{name}` placeholders, filled with values that format per language.
export type Lang = 'it' | 'en';
export interface Texts {
  it: string;
  en: string;
}
export type Param = string | number | Texts | ((lang: Lang) => string);

const INTL: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };

function render(p: Param, lang: Lang): string {
  if (typeof p === 'function') return p(lang);
  if (typeof p === 'object') return p[lang];
  if (typeof p === 'number') return new Intl.NumberFormat(INTL[lang], { maximumFractionDigits: 2 }).format(p);
  return p;
}

/** Fills a pair of templates. */
export function say(template: Texts, params: Record<string, Param> = {}): Texts {
  const fill = (lang: Lang) => template[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? render(params[k] as Param, lang) : m));
  return { it: fill('it'), en: fill('en') };
}

/** Integer cents as euros ("€ 25,00" / "€25.00"); whole euros without decimals. */
export function euro(cents: number): (lang: Lang) => string {
  const whole = cents % 100 === 0;
  return (lang) =>
    new Intl.NumberFormat(INTL[lang], { style: 'currency', currency: 'EUR', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}
