/** Every query key of the reports feature. */
export const reportKeys = {
  all: ['reports'] as const,
  health: () => [...reportKeys.all, 'health'] as const,
  referrals: () => [...reportKeys.all, 'referrals'] as const,
  payments: () => [...reportKeys.all, 'payments'] as const,
  tickets: () => [...reportKeys.all, 'tickets'] as const,
};
