import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import { circleKeys } from './keys';

// His circle's dues, paid by card: a subscription on Stripe.

export const getMyDues = () => must(api.GET('/api/v1/me/dues'));

export const myDuesQuery = () => queryOptions({ queryKey: circleKeys.dues(), queryFn: getMyDues });

/** Stripe Checkout for a subscription to the circle's dues. */
export const startDuesCheckout = (circleId: string) => must(api.POST('/api/v1/circles/{id}/dues/checkout', { params: { path: { id: circleId } } }));

export const useDuesCheckout = (circleId: string, after?: After<Answer<typeof startDuesCheckout>, void>) =>
  useRequest(() => startDuesCheckout(circleId), null, after);

/** Stripe's page where he updates the card of a subscription. */
export const openDuesPortal = (subscriptionId: string) => must(api.POST('/api/v1/me/dues/{id}/portal', { params: { path: { id: subscriptionId } } }));

export const useDuesPortal = (after?: After<Answer<typeof openDuesPortal>, string>) => useRequest(openDuesPortal, null, after);
