import { api, download, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';

// His own account: a calendar feed, a second factor, his password, his data (a copy, or erased). Nothing here is a
// query: every request is something he does.

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
