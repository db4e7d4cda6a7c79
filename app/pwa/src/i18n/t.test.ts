import { afterEach, describe, expect, it } from 'vitest';
import { locale, useLanguage } from './t';

describe('locale', () => {
  afterEach(() => useLanguage('en'));

  it('is the browser\'s own when its language has a catalogue', () => {
    useLanguage('en-US');

    expect(locale()).toBe('en-US');
  });

  it('is English in the browser\'s region when his language has no catalogue, so words and names agree', () => {
    useLanguage('de-DE');

    expect(locale()).toBe('en-DE');
  });

  it('is plain English for a language it cannot read', () => {
    useLanguage('not a language');

    expect(locale()).toBe('en');
  });
});
