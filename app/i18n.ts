/** i18n settings shared by the server and the browser: the catalogs are small, so both ship with every page. */
import type { InitOptions } from 'i18next';
import { en } from '~/locales/en';
import { zhCN } from '~/locales/zh-CN';

export const supportedLanguages = ['en', 'zh-CN'] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = 'en';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

export const i18nOptions = (lng: string): InitOptions => ({
  lng: isLanguage(lng) ? lng : fallbackLanguage,
  fallbackLng: fallbackLanguage,
  supportedLngs: [...supportedLanguages],
  defaultNS: 'translation',
  resources,
  // React escapes every interpolated value already.
  interpolation: { escapeValue: false },
});

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
