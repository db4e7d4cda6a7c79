import { en, type Messages } from './messages';

const catalogues: Record<string, Messages> = { en };
let current: Messages = en;

export function useLanguage(language: string): void {
  current = catalogues[language.split('-')[0]] ?? en;
}

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
