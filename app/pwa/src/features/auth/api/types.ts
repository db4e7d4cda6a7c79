import type { Tokens } from '../../../api/session';
import type { components } from '../../../api/schema';

/** The password was right and a second factor is needed: the code goes with this challenge. */
export interface Challenge {
  mfaRequired: true;
  challenge: string;
}

/** What signing in with a password answers (the schema does not say: its answer is one or the other). */
export type LoginAnswer = Tokens | Challenge;

/** What sign-in offers here; asked for one address, also whether its domain signs in through the organisation's provider (`sso`). */
export type SignInOptions = components['schemas']['SignInOptions'];
