// Server-side translations (problem titles, field messages, import reasons, CSV headers). Each module registers
// its own catalogue; Italian is the default and the fallback for a missing English string is the Italian one.
export type Locale = 'it' | 'en';
export const LOCALES: readonly Locale[] = ['it', 'en'];
export type Catalogue = Record<string, string>;

const catalogues: Record<Locale, Catalogue> = { it: {}, en: {} };

export function registerMessages(messages: Record<Locale, Catalogue>): void {
  for (const locale of LOCALES) Object.assign(catalogues[locale], messages[locale]);
}

/** Translates `key`, filling `{name}` placeholders from params; unknown keys come back as the key itself. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues.it[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** All registered keys per locale (tests check that both catalogues carry the same keys). */
export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}

/** Picks the locale from `?lang=`, then Accept-Language, then the default Italian. */
export function pickLocale(query: unknown, acceptLanguage: string | undefined, preferred?: Locale): Locale {
  const lang = typeof query === 'object' && query !== null ? (query as Record<string, unknown>).lang : undefined;
  if (lang === 'it' || lang === 'en') return lang;
  if (preferred) return preferred;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const q = rest.find((r) => r.trim().startsWith('q='));
        return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      const base = tag.split('-')[0];
      if (base === 'it' || base === 'en') return base;
    }
  }
  return 'it';
}

registerMessages({
  it: {
    'problem.validation': 'La richiesta contiene dati non validi',
    'problem.malformed-json': 'Il corpo della richiesta non è un JSON valido',
    'problem.unsupported-media-type': 'Tipo di contenuto non supportato',
    'problem.payload-too-large': 'Il corpo della richiesta è troppo grande',
    'problem.not-found': 'Risorsa non trovata',
    'problem.method-not-allowed': 'Metodo non consentito',
    'problem.unauthenticated': 'Accesso richiesto',
    'problem.forbidden': 'Non hai i permessi per questa operazione',
    'problem.csrf': 'Token CSRF mancante o non valido',
    'problem.conflict': 'La richiesta è in conflitto con lo stato attuale',
    'problem.rate-limited': 'Troppe richieste: riprova più tardi',
    'problem.internal': 'Errore interno del server',
    'problem.unavailable': 'Servizio non disponibile',
    'field.required': 'Campo obbligatorio',
    'field.unknown': 'Campo non previsto',
    'field.type': 'Tipo non valido: atteso {expected}',
    'field.format': 'Formato non valido ({format})',
    'field.enum': 'Valore non ammesso',
    'field.range': 'Valore fuori dall’intervallo ammesso',
    'field.length': 'Lunghezza non valida',
    'field.pattern': 'Formato non valido',
    'field.invalid': 'Valore non valido',
  },
  en: {
    'problem.validation': 'The request contains invalid data',
    'problem.malformed-json': 'The request body is not valid JSON',
    'problem.unsupported-media-type': 'Unsupported content type',
    'problem.payload-too-large': 'The request body is too large',
    'problem.not-found': 'Resource not found',
    'problem.method-not-allowed': 'Method not allowed',
    'problem.unauthenticated': 'Sign-in required',
    'problem.forbidden': 'You are not allowed to do this',
    'problem.csrf': 'Missing or invalid CSRF token',
    'problem.conflict': 'The request conflicts with the current state',
    'problem.rate-limited': 'Too many requests: try again later',
    'problem.internal': 'Internal server error',
    'problem.unavailable': 'Service unavailable',
    'field.required': 'Required field',
    'field.unknown': 'Unexpected field',
    'field.type': 'Invalid type: expected {expected}',
    'field.format': 'Invalid format ({format})',
    'field.enum': 'Value not allowed',
    'field.range': 'Value out of the allowed range',
    'field.length': 'Invalid length',
    'field.pattern': 'Invalid format',
    'field.invalid': 'Invalid value',
  },
});
