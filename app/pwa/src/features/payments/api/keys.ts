/**
 * Every query key of the payments feature. Invalidating `admin` reaches all the organisation's payment queries (its
 * payments, refund quotes, the interventions queue, its Stripe connection); `fund` the fund and its candidates.
 */
export const paymentKeys = {
  /** His own payments. */
  mine: () => ['me', 'payments'] as const,
  admin: ['payments'] as const,
  all: () => [...paymentKeys.admin, 'all'] as const,
  quote: (paymentId: string) => [...paymentKeys.admin, paymentId, 'quote'] as const,
  interventions: () => [...paymentKeys.admin, 'interventions'] as const,
  stripe: () => [...paymentKeys.admin, 'stripe'] as const,
  /** The scholarship fund: its balance and movements. */
  fund: ['fund'] as const,
  /** The held seats the fund may pay towards. */
  candidates: () => [...paymentKeys.fund, 'candidates'] as const,
};
