import { en, type Messages } from './messages';

const catalogues: Record<string, Messages> = { en };
let current: Messages = en;
let formatting = 'en';

export function useLanguage(language: string): void {
  const base = language.split('-')[0];
  current = Object.hasOwn(catalogues, base) ? catalogues[base] : en;
  formatting = Object.hasOwn(catalogues, base) ? language : inEnglish(language);
}

/** Without a catalogue for his language he reads English: names of days and months in English too, in his region's way (24-hour clock, day before month). */
function inEnglish(language: string): string {
  try {
    const region = new Intl.Locale(language).maximize().region;
    return region ? new Intl.Locale('en', { region }).toString() : 'en';
  } catch {
    return 'en';
  }
}

/** The locale to give Intl, so that the words of the catalogue and the names Intl writes are in one language. */
export const locale = (): string => formatting;

/** The text at a dotted key, with {name} placeholders filled in; a missing key shows itself, never a blank. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let value: unknown = current;
  for (const part of key.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  const text = typeof value === 'string' ? value : key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const has = (key: string): boolean => t(key) !== key;
