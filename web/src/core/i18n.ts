// i18next set-up: Italian by default, English switchable. The choice is kept in localStorage and mirrored on
// <html lang>; the API client sends it as Accept-Language so server messages come back in the same language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import it from '../i18n/it.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };

export type Language = 'it' | 'en';
export const LANGUAGES: readonly Language[] = ['it', 'en'];
const STORAGE_KEY = 'cooperando.lang';

export function isLanguage(value: unknown): value is Language {
  return value === 'it' || value === 'en';
}

/** The language the user picked on this device, if any. */
export function storedLanguage(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

function storeLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : isLanguage(i18n.language) ? i18n.language : 'it';
}

function applyToDocument(lang: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
}

i18n.on('languageChanged', (lng) => {
  if (isLanguage(lng)) applyToDocument(lng);
});

void i18n.use(initReactI18next).init({
  resources: { it: { translation: it }, en: { translation: en } },
  lng: storedLanguage() ?? 'it',
  fallbackLng: 'it',
  supportedLngs: ['it', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyToDocument(currentLanguage());

/** Switches the UI language and remembers it on this device. */
export async function setLanguage(lang: Language): Promise<void> {
  storeLanguage(lang);
  if (currentLanguage() !== lang) await i18n.changeLanguage(lang);
  applyToDocument(lang);
}

/** BCP 47 tag used for Intl formatting: dates as dd/mm/yyyy in both languages. */
export function intlLocale(lang: Language): string {
  return lang === 'en' ? 'en-GB' : 'it-IT';
}

export default i18n;
