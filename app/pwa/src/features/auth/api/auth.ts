import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { authKeys } from './keys';
import type { LoginAnswer, SignInOptions } from './types';

export const getSignInOptions = () => must(api.GET('/api/v1/auth/options'));

export const signInOptionsQuery = () => queryOptions({ queryKey: authKeys.options, queryFn: getSignInOptions, staleTime: 60_000 });

export const useSignInOptions = () => useQuery(signInOptionsQuery());

/** What sign-in offers for this address: `sso` when its domain signs in through the organisation's provider. */
export const getSignInOptionsFor = (email: string): Promise<SignInOptions> =>
  must(api.GET('/api/v1/auth/options', { params: { query: { email: email.trim() } } }));

export const signInOptionsForQuery = (email: string) =>
  queryOptions({ queryKey: authKeys.optionsFor(email), queryFn: () => getSignInOptionsFor(email), staleTime: 60_000 });

/** Where a browser starts signing in through the organisation's provider: the server redirects it on to the provider. */
export const ssoStartPath = (email: string) => '/api/v1/auth/sso/start?' + new URLSearchParams({ email: email.trim() });

/**
 * Takes the whole window to the organisation's provider: a navigation, not a request, since the provider's sign-in page is
 * the browser's to show. He comes back signed in at /, to /signin?challenge=… for his second factor, or to /signin?sso-error=….
 */
export const goToProvider = (email: string) => window.location.assign(ssoStartPath(email));

export const login = async (body: RequestBody<'/api/v1/auth/login', 'post'>): Promise<LoginAnswer> =>
  (await must(api.POST('/api/v1/auth/login', { body }))) as unknown as LoginAnswer;

export const loginWithCode = (body: RequestBody<'/api/v1/auth/login/mfa', 'post'>) => must(api.POST('/api/v1/auth/login/mfa', { body }));

export const registerAccount = (body: RequestBody<'/api/v1/auth/register', 'post'>) => must(api.POST('/api/v1/auth/register', { body }));

export const useRegisterAccount = () => useRequest(registerAccount, null);

export const verifyEmail = (token: string) => must(api.POST('/api/v1/auth/verify-email', { body: { token } }));

/** Verifies the mailed link's token (sent once the screen opens). */
export const useVerifyEmail = (token: string) => useRequest(() => verifyEmail(token), null);

/** Carries out an address change from the link mailed to the new address (only when he presses the button). */
export const confirmEmailChange = (token: string) => must(api.POST('/api/v1/auth/email-change', { body: { token } }));

export const useConfirmEmailChange = (token: string) => useRequest(() => confirmEmailChange(token), null);

export const acceptInvitation = (token: string, body: RequestBody<'/api/v1/auth/invitations/{token}/accept', 'post'>) =>
  must(api.POST('/api/v1/auth/invitations/{token}/accept', { params: { path: { token } }, body }));

export const useAcceptInvitation = (token: string) =>
  useRequest((body: RequestBody<'/api/v1/auth/invitations/{token}/accept', 'post'>) => acceptInvitation(token, body), null);

export const requestPasswordReset = (email: string) => must(api.POST('/api/v1/auth/password-reset', { body: { email } }));

export const useRequestPasswordReset = () => useRequest(requestPasswordReset, null);

export const confirmPasswordReset = (token: string, password: string) => must(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));

/** Sets the new password with the mailed link's token (the screen without a token asks for the link instead). */
export const useConfirmPasswordReset = (token: string | undefined) => useRequest((password: string) => confirmPasswordReset(token!, password), null);
