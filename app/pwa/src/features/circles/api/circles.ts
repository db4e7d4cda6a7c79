import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import type { RequestQuery } from '../../../api/types';
import { kept } from '../../../offline/kept';
import { circleKeys } from './keys';

export const getMyCircle = () => must(api.GET('/api/v1/me/circle'));

/** His circle and his join requests; kept on the device to open offline. */
export const myCircleQuery = () => queryOptions({ queryKey: circleKeys.mine(), queryFn: kept('me/circle', getMyCircle) });

export const useMyCircle = () => useQuery(myCircleQuery());

export const getCircles = (query: RequestQuery<'/api/v1/circles', 'get'>) => must(api.GET('/api/v1/circles', { params: { query } }));

export const openCirclesQuery = () =>
  queryOptions({ queryKey: circleKeys.open(), queryFn: () => getCircles({ openToJoin: true, status: 'ACTIVE', size: 100 }) });

export const activeCirclesQuery = () => queryOptions({ queryKey: circleKeys.all(), queryFn: () => getCircles({ status: 'ACTIVE', size: 200 }) });

/** After a request to join, to withdraw or to move: his circle and the lists are read again. */
const readMineAgain = (queries: QueryClient) => {
  void queries.invalidateQueries({ queryKey: circleKeys.mine() });
  void queries.invalidateQueries({ queryKey: circleKeys.lists });
};

export const askToJoin = (circleId: string) => must(api.POST('/api/v1/circles/{id}/join-requests', { params: { path: { id: circleId } }, body: {} }));

export const useAskToJoin = () => useRequest(askToJoin, readMineAgain);

export const withdrawRequest = (r: { circleId: string; id: string }) =>
  must(api.POST('/api/v1/circles/{id}/join-requests/{requestId}/withdraw', { params: { path: { id: r.circleId, requestId: r.id } } }));

export const useWithdrawRequest = () => useRequest(withdrawRequest, readMineAgain);

/** Asks to move from his circle to another. */
export const askToMove = (v: { from: string; to: string }) =>
  must(api.POST('/api/v1/circles/{id}/transfer-requests', { params: { path: { id: v.from } }, body: { toCircleId: v.to } }));

export const useAskToMove = (after?: After<Answer<typeof askToMove>, { from: string; to: string }>) => useRequest(askToMove, readMineAgain, after);
