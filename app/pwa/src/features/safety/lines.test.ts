import { describe, expect, it } from 'vitest';
import { names, phoneNumbers, textNumber } from './lines';

describe('a crisis line as numbers to tap', () => {
  it('calls a number written with spaces', () => {
    expect(phoneNumbers('0800 58 58 58')).toEqual([{ label: '0800 58 58 58', href: 'tel:0800585858' }]);
  });

  it('offers each of two numbers', () => {
    expect(phoneNumbers('112 or 999').map((d) => d.href)).toEqual(['tel:112', 'tel:999']);
  });

  it('leaves words without a number as words', () => {
    expect(phoneNumbers('Your local emergency number')).toEqual([]);
    expect(phoneNumbers(null)).toEqual([]);
  });

  it('keeps an international prefix', () => {
    expect(phoneNumbers('+44 116 123')[0].href).toBe('tel:+44116123');
  });

  it('opens a text with its keyword written', () => {
    expect(textNumber('Text SHOUT to 85258')).toEqual({ label: 'Text SHOUT to 85258', href: 'sms:85258?body=SHOUT' });
    expect(textNumber('Text 988')?.href).toBe('sms:988');
    expect(textNumber('Text 0477 13 11 14')?.href).toBe('sms:0477131114');
  });

  it('gives no text address for an instruction it cannot read', () => {
    expect(textNumber('Use the chat on the website')).toBeUndefined();
  });

  it('names the men alerted as one phrase', () => {
    expect(names([{ name: 'Tom' }, { name: 'Sam' }, { name: 'Joe' }], 'en')).toBe('Tom, Sam, and Joe');
  });
});
