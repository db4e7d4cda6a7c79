import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { notificationKeys } from './keys';
import type { MutedCircles } from './types';

// Muting a circle: its chat messages and announcements stay in his notification centre but are not mailed, texted or
// pushed; its meetings moved and must-reach messages are never muted.

export const getMutedCircles = () => must(api.GET('/api/v1/me/muted-circles'));

export const mutedCirclesQuery = () => queryOptions({ queryKey: notificationKeys.mutedCircles(), queryFn: getMutedCircles });

export const useMutedCircles = () => useQuery(mutedCirclesQuery());

/** A circle muted or not, as he asks it to be. */
export interface CircleMute {
  circleId: string;
  muted: boolean;
}

/** Mutes (404 for a circle the organisation does not have) or unmutes a circle; either way the server answers the whole list. */
export const setCircleMuted = ({ circleId, muted }: CircleMute) => {
  const init = { params: { path: { circleId } } };
  return must(muted ? api.PUT('/api/v1/me/muted-circles/{circleId}', init) : api.DELETE('/api/v1/me/muted-circles/{circleId}', init));
};

export const useSetCircleMuted = (after?: After<MutedCircles, CircleMute>) =>
  useRequest(setCircleMuted, (queries, list) => queries.setQueryData(notificationKeys.mutedCircles(), list), after);
