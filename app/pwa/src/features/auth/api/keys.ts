/** The auth feature's query keys: what sign-in and sign-up offer here (Google, open or approved registration), and for one address. */
export const authKeys = {
  options: ['auth-options'] as const,
  /** What sign-in offers for this address (whether it goes to the organisation's provider): under `options`. */
  optionsFor: (email: string) => [...authKeys.options, email.trim().toLowerCase()] as const,
};
