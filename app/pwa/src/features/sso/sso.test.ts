import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { aPreviewMan, saved } from './fixtures';
import { changedFirst, domainsOf, draftOf, listMessages, requestOf } from './sso';

describe('what the form sends', () => {
  it('is the saved provider unchanged when nothing was typed, without a secret so that the stored one stays', () => {
    expect(requestOf(draftOf(saved()))).toEqual({
      enabled: true, issuer: 'https://login.acme.org', clientId: 'hearth', domains: ['acme.org', 'acme.co.uk'], groupsClaim: 'groups',
      roleMappings: [{ group: 'hearth-admins', role: 'ADMIN' }], breakGlassAdminId: 'ann',
    });
  });

  it('carries a secret typed as typed, spaces and all', () => {
    expect(requestOf({ ...draftOf(saved()), clientSecret: ' a b ' }).clientSecret).toBe(' a b ');
  });

  it('says null for an empty issuer, client and break-glass admin', () => {
    const draft = { ...draftOf(saved({ issuer: null, clientId: null, breakGlassAdminId: null })) };

    expect(requestOf(draft)).toMatchObject({ issuer: null, clientId: null, breakGlassAdminId: null });
  });
});

describe('the domains typed', () => {
  it('are one per line, or parted by commas and spaces, nothing empty', () => {
    expect(domainsOf(' acme.org\n\nacme.co.uk, acme.de ;acme.fr\n')).toEqual(['acme.org', 'acme.co.uk', 'acme.de', 'acme.fr']);
    expect(domainsOf('')).toEqual([]);
  });
});

describe("the server's messages for a list", () => {
  const refusal = new ApiError({
    status: 422, code: 'VALIDATION_ERROR',
    errors: [{ field: 'domains', message: 'at most 20' }, { field: 'domains[1]', message: 'is not a domain name' }, { field: 'request.domains[0]', message: 'is taken' }, { field: 'issuer', message: 'is https' }],
  });

  it('name each item by its value, the list as a whole as it is', () => {
    expect(listMessages(refusal, 'domains', ['acme.org', 'acme'])).toBe('at most 20 · acme: is not a domain name · acme.org: is taken');
  });

  it('are nothing for another field, or without a refusal', () => {
    expect(listMessages(refusal, 'roleMappings', [])).toBeUndefined();
    expect(listMessages(null, 'domains', [])).toBeUndefined();
  });
});

describe('a preview', () => {
  it('puts the men whose roles would change first, in the order the server gave otherwise', () => {
    const men = [aPreviewMan({ personId: 'a' }), aPreviewMan({ personId: 'b', loses: ['ADMIN'] }), aPreviewMan({ personId: 'c' }), aPreviewMan({ personId: 'd', gains: ['CARE'] })];

    expect(changedFirst(men).map((man) => man.personId)).toEqual(['b', 'd', 'a', 'c']);
  });
});
