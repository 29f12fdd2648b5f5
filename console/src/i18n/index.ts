import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

/** The console's languages: Simplified Chinese first (the default), English second. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const KEY = 'govchain.console.lang';

/** The language asked for by ?lang=, else the tab's last choice, else zh-CN. */
export function initialLanguage(search = window.location.search, storage: Storage = window.sessionStorage): Language {
  const asked = new URLSearchParams(search).get('lang');
  const stored = storage.getItem(KEY);
  for (const l of [asked, stored]) if (l && (LANGUAGES as readonly string[]).includes(l)) return l as Language;
  return 'zh-CN';
}

/** Initialises i18next with both languages. */
export async function initI18n(lang: Language): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lang;
  return i18next;
}

/** Switches language and remembers it for this tab. */
export async function setLanguage(lang: Language, storage: Storage = window.sessionStorage): Promise<void> {
  storage.setItem(KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}
