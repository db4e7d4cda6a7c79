/** A number to tap: as the list writes it, and as a tel: or sms: address. */
export interface Dial {
  label: string;
  href: string;
}

const NUMBER = /\+?\d[\d ().-]*\d|\d/g;

const digits = (number: string) => number.replace(/[^\d+]/g, '');

/**
 * The numbers in a line's phone field, each to tap: "116 123" is one, "112 or 999" two, "Your local emergency number"
 * none (it stays words).
 */
export function phoneNumbers(phone: string | null | undefined): Dial[] {
  return (phone?.match(NUMBER) ?? []).map((number) => ({ label: number.trim(), href: 'tel:' + digits(number) }));
}

/**
 * A line's text instruction as an sms: address: "Text SHOUT to 85258" opens a text to 85258 with SHOUT written,
 * "Text 988" a text to 988. Anything else gives none (the words still show).
 */
export function textNumber(sms: string | null | undefined): Dial | undefined {
  const found = sms?.trim().match(/^text\s+(?:(\S+)\s+to\s+)?(\+?\d[\d ]*\d|\d)$/i);
  if (!found) {
    return undefined;
  }
  const [, word, number] = found;
  return { label: sms!.trim(), href: 'sms:' + digits(number) + (word ? '?body=' + encodeURIComponent(word) : '') };
}

/** Names as one phrase: "Tom, Sam and Joe". */
export const names = (list: readonly { name: string }[], locale: string): string =>
  new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(list.map((p) => p.name));
