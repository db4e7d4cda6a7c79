import type { Person, PreviewMan, SsoSettings } from './api/types';

// Single sign-on as the server answers it, for the tests: what a test does not name is Acme's provider, saved and on.

export const saved = (more: Partial<SsoSettings> = {}): SsoSettings => ({
  enabled: true, issuer: 'https://login.acme.org', clientId: 'hearth', clientSecretSet: true, domains: ['acme.org', 'acme.co.uk'], groupsClaim: 'groups',
  roleMappings: [{ group: 'hearth-admins', role: 'ADMIN' }], breakGlassAdminId: 'ann', redirectUri: 'https://demo.hearth.example/api/v1/auth/sso/callback',
  updatedAt: '2027-03-01T09:00:00Z', ...more,
});

export const aPreviewMan = (more: Partial<PreviewMan> = {}): PreviewMan => ({
  personId: 'p1', name: 'Mike Member', email: 'mike@acme.org', groups: [], gains: [], loses: [], ...more,
});

/** An active admin as the members directory lists him, for the break-glass picker. */
export const aPerson = (id: string, firstName: string, lastName: string): Person => ({
  id, email: id + '@demo.localhost', firstName, lastName, status: 'ACTIVE', roles: ['ADMIN'], mfaEnabled: false, phoneVerified: false, emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
});
