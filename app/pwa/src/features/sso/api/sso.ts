import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { ssoKeys } from './keys';
import type { Person, PreviewRequest, SsoRequest, SsoSettings } from './types';

// Single sign-on for admins: the organisation's provider, the test of its discovery document, and what role mappings would do.

export const getSso = () => must(api.GET('/api/v1/organisation/sso'));

/** The organisation's provider as the server keeps it (never its secret: only whether one is stored). */
export const ssoQuery = () => queryOptions({ queryKey: ssoKeys.settings(), queryFn: getSso });

export const saveSso = (body: SsoRequest) => must(api.PUT('/api/v1/organisation/sso', { body }));

/** Saves the provider; the answer is what is kept, and the screen shows it from then on. */
export const useSaveSso = (after?: After<SsoSettings, SsoRequest>) =>
  useRequest(saveSso, (queries, saved) => queries.setQueryData(ssoKeys.settings(), saved), after);

export const testProvider = () => must(api.POST('/api/v1/organisation/sso/test'));

/** Reads the saved issuer's discovery document: 422 SSO_PROVIDER_UNUSABLE, with why, when it cannot be used. */
export const useTestProvider = () => useRequest(testProvider, null);

export const previewMappings = (body: PreviewRequest) => must(api.POST('/api/v1/organisation/sso/preview', { body }));

/** What mappings not saved yet would change for each man who has signed in through the provider (by his groups at his last sign-in). */
export const usePreviewMappings = () => useRequest(previewMappings, null);

const getAdmins = (): Promise<Person[]> =>
  must(api.GET('/api/v1/members', { params: { query: { role: 'ADMIN', status: 'ACTIVE', size: 200 } } })).then((page) => page.items);

/** The organisation's active admins, by name: the break-glass admin is one of them (the server checks he has a password). */
export const adminsQuery = () => queryOptions({ queryKey: ssoKeys.admins(), queryFn: getAdmins, staleTime: 5 * 60_000 });
