/** The auth feature's query keys: what sign-in and sign-up offer here (Google, open or approved registration). */
export const authKeys = {
  options: ['auth-options'] as const,
};
