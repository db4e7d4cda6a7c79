import { has, t } from '../../i18n/t';

// What the sign-in screen works out before it asks the server anything: no React, no requests.

/** An address worth asking about: something@domain.tld, nothing more (the server says what is valid). */
export const plausibleEmail = (text: string): boolean => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);

/** Why signing in through the organisation's provider failed, in a sentence: for a code it names, or a general one. */
export const ssoErrorText = (code: string): string =>
  /^[A-Z_]{1,60}$/.test(code) && has('auth.ssoError.' + code) ? t('auth.ssoError.' + code) : t('auth.ssoError.other');
