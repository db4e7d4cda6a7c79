import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { kept } from '../../../offline/kept';
import { circleKeys } from './keys';

// One circle, as its members and facilitators see it.

/** Whether a query keeps its last answer on the device, to open offline (his own circle does, a facilitator's screen does not). */
interface Keep {
  kept?: boolean;
}

const keptIf = <T,>(keep: Keep, key: string, load: () => Promise<T>) => (keep.kept ? kept(key, load) : load);

export const getCircle = (id: string) => must(api.GET('/api/v1/circles/{id}', { params: { path: { id } } }));

export const circleQuery = (id: string) => queryOptions({ queryKey: circleKeys.detail(id), queryFn: () => getCircle(id) });

export const getCircleMembers = (id: string) => must(api.GET('/api/v1/circles/{id}/members', { params: { path: { id } } }));

export const circleMembersQuery = (id: string, keep: Keep = {}) =>
  queryOptions({ queryKey: circleKeys.members(id), queryFn: keptIf(keep, 'circle/' + id + '/members', () => getCircleMembers(id)) });

export const getCircleAttendance = (id: string) => must(api.GET('/api/v1/circles/{id}/attendance', { params: { path: { id } } }));

export const circleAttendanceQuery = (id: string, keep: Keep = {}) =>
  queryOptions({ queryKey: circleKeys.attendance(id), queryFn: keptIf(keep, 'circle/' + id + '/attendance', () => getCircleAttendance(id)) });

/** The circle's coming meetings (moved and cancelled ones marked). */
export const getOccurrences = (id: string) =>
  must(api.GET('/api/v1/circles/{id}/occurrences', { params: { path: { id }, query: { from: new Date().toISOString() } } }));

export const occurrencesQuery = (id: string | undefined, keep: Keep = {}) =>
  queryOptions({ queryKey: circleKeys.occurrences(id), queryFn: keptIf(keep, 'circle/' + id + '/occurrences', () => getOccurrences(id!)) });

/** His circle's coming meetings, once his circle is known; kept on the device to open offline. */
export const useOccurrences = (circleId: string | undefined) => useQuery({ ...occurrencesQuery(circleId, { kept: true }), enabled: Boolean(circleId) });
