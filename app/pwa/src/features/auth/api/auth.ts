import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { authKeys } from './keys';
import type { LoginAnswer } from './types';

export const getSignInOptions = () => must(api.GET('/api/v1/auth/options'));

export const signInOptionsQuery = () => queryOptions({ queryKey: authKeys.options, queryFn: getSignInOptions, staleTime: 60_000 });

export const useSignInOptions = () => useQuery(signInOptionsQuery());

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
