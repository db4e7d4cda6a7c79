import { api, download, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';

// His own account: a calendar feed, a second factor, his password, his data (a copy, or erased). Nothing here is a
// query: every request is something he does.

/**
 * Changes his name, time zone or language (absent fields stay; timeZone or language "" follows the organisation's again); answers him
 * as GET /me does. 422 with field errors for an empty name or a zone that is not an IANA name.
 */
export const changeProfile = (change: { firstName?: string; lastName?: string; timeZone?: string; language?: string }) => must(api.PATCH('/api/v1/me', { body: change }));

export const useChangeProfile = (after?: After<Answer<typeof changeProfile>, Parameters<typeof changeProfile>[0]>) => useRequest(changeProfile, null, after);

/**
 * Asks to move his account to a new address: a link goes there, and nothing changes until it is opened (202 whether or
 * not the address has an account). 422 INVALID_CREDENTIALS for a wrong password.
 */
export const requestEmailChange = (body: { email: string; password: string }) => must(api.POST('/api/v1/me/email', { body }));

export const useRequestEmailChange = () => useRequest(requestEmailChange, null);

/** A private address for his calendar app, with his circle's meetings and his events. */
export const makeCalendarFeed = () => must(api.POST('/api/v1/me/calendar-feed'));

export const useMakeCalendarFeed = () => useRequest(makeCalendarFeed, null);

/** Mails him a link to confirm his address again (after it bounced); 409 when it is confirmed already. */
export const confirmEmailAgain = () => must(api.POST('/api/v1/me/email/confirmation'));

export const useConfirmEmailAgain = () => useRequest(confirmEmailAgain, null);

/** A new authenticator secret (and its QR code) to confirm with a code. */
export const setUpMfa = () => must(api.POST('/api/v1/auth/mfa/setup'));

export const useSetUpMfa = () => useRequest(setUpMfa, null);

/** Confirms the authenticator with a code; answers the recovery codes. */
export const verifyMfa = (code: string) => must(api.POST('/api/v1/auth/mfa/verify', { body: { code } }));

export const useVerifyMfa = (after?: After<Answer<typeof verifyMfa>, string>) => useRequest(verifyMfa, null, after);

export const changePassword = (v: { currentPassword: string; newPassword: string }) => must(api.POST('/api/v1/auth/password', { body: v }));

export const useChangePassword = () => useRequest(changePassword, null);

/** Everything Hearth holds about him, as a JSON file. */
export const downloadMyData = () => download('/api/v1/me/export', 'my-data.json');

export const useDownloadMyData = () => useRequest(downloadMyData, null);

/** Erases his account and his data. */
export const eraseMe = () => must(api.DELETE('/api/v1/me'));

export const useEraseMe = (after?: After<Answer<typeof eraseMe>, void>) => useRequest(eraseMe, null, after);
