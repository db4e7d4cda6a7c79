import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { kept } from '../../../offline/kept';
import { eventKeys } from './keys';
import type { Registration } from './types';

type RegisterBody = RequestBody<'/api/v1/events/{id}/register', 'post'>;

export const getMyRegistrations = () => must(api.GET('/api/v1/me/registrations', { params: { query: { size: 200 } } }));

/** His registrations; kept on the device to open offline. */
export const myRegistrationsQuery = () => queryOptions({ queryKey: eventKeys.mine(), queryFn: kept('me/registrations', getMyRegistrations) });

export const useMyRegistrations = () => useQuery(myRegistrationsQuery());

export const register = (eventId: string, body: RegisterBody) => must(api.POST('/api/v1/events/{id}/register', { params: { path: { id: eventId } }, body }));

/** Registers him; unless Stripe Checkout takes over (a seat to pay), his registrations and the event are read again. */
export const useRegister = (eventId: string, after?: After<Answer<typeof register>, RegisterBody>) =>
  useRequest(
    (body: RegisterBody) => register(eventId, body),
    (queries, registered) => {
      if (registered.checkoutUrl) {
        return;
      }
      void queries.invalidateQueries({ queryKey: eventKeys.mine() });
      void queries.invalidateQueries({ queryKey: eventKeys.detail(eventId) });
    },
    after,
  );

/** Stripe Checkout for a held seat, in full or in instalments. */
export const checkout = (eventId: string, registrationId: string, instalments: number) =>
  must(api.POST('/api/v1/events/{id}/registrations/{registrationId}/checkout', { params: { path: { id: eventId, registrationId } }, body: { instalments } }));

export const useCheckout = (eventId: string, registrationId: string, after?: After<Answer<typeof checkout>, number>) =>
  useRequest((instalments: number) => checkout(eventId, registrationId, instalments), null, after);

export const acceptOffer = (r: Registration) =>
  must(api.POST('/api/v1/events/{id}/registrations/{registrationId}/accept', { params: { path: { id: r.eventId, registrationId: r.id } } }));

export const cancelRegistration = (r: Registration) =>
  must(api.POST('/api/v1/events/{id}/registrations/{registrationId}/cancel', { params: { path: { id: r.eventId, registrationId: r.id } }, body: {} }));

const readMineAgain = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: eventKeys.mine() });

export const useAcceptOffer = () => useRequest(acceptOffer, readMineAgain);

export const useCancelRegistration = () => useRequest(cancelRegistration, readMineAgain);

/** While Stripe's word on a payment is awaited: his registrations are read again. */
export const refreshMyRegistrations = readMineAgain;

export const getTicket = (r: Registration) =>
  must(api.GET('/api/v1/events/{id}/registrations/{registrationId}/ticket', { params: { path: { id: r.eventId, registrationId: r.id } } }));

export const ticketQuery = (r: Registration) => queryOptions({ queryKey: eventKeys.ticket(r.id), queryFn: () => getTicket(r) });
