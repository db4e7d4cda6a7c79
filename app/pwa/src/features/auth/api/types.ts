import type { Tokens } from '../../../api/session';

/** The password was right and a second factor is needed: the code goes with this challenge. */
export interface Challenge {
  mfaRequired: true;
  challenge: string;
}

/** What signing in with a password answers (the schema does not say: its answer is one or the other). */
export type LoginAnswer = Tokens | Challenge;
