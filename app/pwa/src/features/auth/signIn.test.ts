import { describe, expect, it } from 'vitest';
import { plausibleEmail } from './signIn';

describe('an address worth asking about', () => {
  it('has a name, an @ and a domain with a dot', () => {
    for (const address of ['tom@acme.org', 'mike@demo.localhost', 'a.b+c@mail.example.co.uk']) {
      expect(plausibleEmail(address)).toBe(true);
    }
  });

  it('is not one while he is still typing it', () => {
    for (const address of ['', 'tom', 'tom@', 'tom@acme', 'tom@acme.', '@acme.org', 'tom @acme.org', 'tom@acme..org']) {
      expect(plausibleEmail(address)).toBe(false);
    }
  });
});
