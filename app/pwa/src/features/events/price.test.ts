import { describe, expect, it } from 'vitest';
import { amount, priceLabel } from './price';

const eur = (amountCents: number) => ({ amountCents, currency: 'EUR' });
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('priceLabel', () => {
  it('says free when there is no price', () => {
    expect(priceLabel([], 'en-IE')).toBe('Free');
  });

  it('says free when every price is zero', () => {
    expect(priceLabel([eur(0), eur(0)], 'en-IE')).toBe('Free');
  });

  it('gives the one price', () => {
    expect(priceLabel([eur(4500)], 'en-IE')).toBe('€45');
  });

  it('gives the cheapest of several prices', () => {
    expect(priceLabel([eur(9000), eur(4500), eur(6000)], 'en-IE')).toBe('From €45');
  });

  it('gives one price when several options cost the same', () => {
    expect(priceLabel([eur(4500), eur(4500)], 'en-IE')).toBe('€45');
  });

  it('says free or the price when one option is free', () => {
    expect(priceLabel([eur(0), eur(4500)], 'en-IE')).toBe('Free, or €45');
  });

  it('says free or from the cheapest when one option is free and others differ', () => {
    expect(priceLabel([eur(0), eur(9000), eur(4500)], 'en-IE')).toBe('Free, or from €45');
  });

  it('writes the amount in the option\'s currency and the reader\'s locale', () => {
    expect(plain(priceLabel([{ amountCents: 24000, currency: 'GBP' }], 'de-DE'))).toBe('240 £');
  });

  it('compares only prices in the first paid option\'s currency', () => {
    expect(priceLabel([{ amountCents: 2000, currency: 'USD' }, eur(4500), eur(1000)], 'en-US')).toBe('$20');
  });
});

describe('amount', () => {
  it('keeps the cents of an amount that has them', () => {
    expect(amount(1250, 'GBP', 'en-GB')).toBe('£12.50');
  });

  it('writes a currency Intl does not know as a number and its code', () => {
    expect(amount(4500, 'XX', 'en-GB')).toBe('45 XX');
  });
});
