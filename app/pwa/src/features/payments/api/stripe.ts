import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import { paymentKeys } from './keys';

export const getStripeConnection = () => must(api.GET('/api/v1/payments/stripe'));

/** The organisation's Stripe account: connected or not, and where its onboarding stands. */
export const stripeQuery = () => queryOptions({ queryKey: paymentKeys.stripe(), queryFn: getStripeConnection });

/** A link to Stripe's onboarding (to connect the account, or to go on with it). */
export const startOnboarding = () => must(api.POST('/api/v1/payments/stripe/onboarding'));

export const useStartOnboarding = (after?: After<Answer<typeof startOnboarding>, void>) => useRequest(startOnboarding, null, after);
