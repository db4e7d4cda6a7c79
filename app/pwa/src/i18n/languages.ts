/**
 * The languages Hearth writes mail, texts and notifications in (the server's messaging.Languages.SUPPORTED), each
 * named in itself: a man looks for his own language's name, not its English one. The app's own screens are English.
 */
export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
];

/** A language's name in itself; an unknown code as it is. */
export function languageName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}
