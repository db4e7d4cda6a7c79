import { api, must } from './client';
import type { RequestBody } from './types';

// The operator's sign-in: his password, then the code of his authenticator (enrolling it the first time).

/** The token, or the second step: the challenge the password opened, until when it holds, the secret to enrol. */
export const login = (body: RequestBody<'/api/v1/auth/login', 'post'>) => must(api.POST('/api/v1/auth/login', { body }));

/** The code for the challenge: the token. */
export const loginWithCode = (body: RequestBody<'/api/v1/auth/login/mfa', 'post'>) => must(api.POST('/api/v1/auth/login/mfa', { body }));
