import { locale as uiLocale, t } from '../../i18n/t';

export interface PriceOption {
  amountCents: number;
  currency: string;
}

/**
 * What an event costs, in a few words for a list: "Free", "€45", "From €45" (the cheapest of several prices), "Free, or
 * €45" (when one option costs nothing). Options in another currency than the first paid one are not compared with it.
 */
export function priceLabel(options: readonly PriceOption[], loc: string = uiLocale()): string {
  const paid = options.filter((o) => o.amountCents > 0);
  if (paid.length === 0) {
    return t('events.free');
  }
  const currency = paid[0].currency;
  const amounts = [...new Set(paid.filter((o) => o.currency === currency).map((o) => o.amountCents))];
  const cheapest = amount(Math.min(...amounts), currency, loc);
  const several = amounts.length > 1;
  if (paid.length < options.length) {
    return t(several ? 'events.freeOrFrom' : 'events.freeOr', { price: cheapest });
  }
  return several ? t('events.from', { price: cheapest }) : cheapest;
}

/** An amount in its currency, without ".00" when it is whole: "€45", "£12.50". */
export function amount(cents: number, currency: string, loc: string = uiLocale()): string {
  const whole = cents % 100 === 0;
  try {
    return new Intl.NumberFormat(loc, { style: 'currency', currency, ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) }).format(cents / 100);
  } catch {
    // A currency code Intl does not know: the number and the code as given.
    return (cents / 100).toFixed(whole ? 0 : 2) + ' ' + currency;
  }
}
