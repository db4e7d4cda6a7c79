import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import type { RequestBody } from '../../../api/types';
import { paymentKeys } from './keys';

type GiftBody = RequestBody<'/api/v1/fund/gifts', 'post'>;
type GrantBody = RequestBody<'/api/v1/fund/grants', 'post'>;

// The scholarship fund: gifts in (through Stripe Checkout), grants out towards a held seat.

export const getFund = () => must(api.GET('/api/v1/fund'));

export const fundQuery = () => queryOptions({ queryKey: paymentKeys.fund, queryFn: getFund });

export const getCandidates = () => must(api.GET('/api/v1/fund/candidates'));

export const candidatesQuery = () => queryOptions({ queryKey: paymentKeys.candidates(), queryFn: getCandidates });

export const give = (body: GiftBody) => must(api.POST('/api/v1/fund/gifts', { body }));

export const useGive = (after?: After<Answer<typeof give>, GiftBody>) => useRequest(give, null, after);

export const grant = (body: GrantBody) => must(api.POST('/api/v1/fund/grants', { body }));

/** A grant towards a held seat; the fund and its candidates are read again. */
export const useGrant = (after?: After<Answer<typeof grant>, GrantBody>) =>
  useRequest(grant, (queries) => void queries.invalidateQueries({ queryKey: paymentKeys.fund }), after);
