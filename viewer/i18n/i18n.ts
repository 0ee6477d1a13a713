/** Message lookup with `{name}` placeholders; zh-CN is the default locale, English the other. */
import { EN, type MessageKey } from './messages-en.ts';
import { ZH_CN } from './messages-zh-cn.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': ZH_CN, en: EN };
export type { MessageKey };

/** The locale to start with: `?lang=` wins, then the browser's preference, then zh-CN. */
export function pickLocale(query: string | null, browser: readonly string[]): Locale {
  if (query === 'en' || query === 'zh-CN') return query;
  const first = browser[0]?.toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function format(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return LOCALES[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
