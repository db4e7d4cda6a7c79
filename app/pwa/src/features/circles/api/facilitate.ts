import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After, type Answer } from '../../../api/mutation';
import { sendOrQueue, type Outcome } from '../../../offline/actions';
import { circleKeys } from './keys';
import type { Mark, PaymentStatus } from './types';

// What a facilitator does for his circle: attendance, dues status, join requests, moving or cancelling a meeting.

export interface Meeting {
  startsAt: string;
  attendance: { personId: string; status: Mark }[];
  notes: string | null;
}

/** A meeting with everyone's mark, with its idempotency key; without a network it waits in the offline queue (under `label`). */
export const recordMeeting = (circleId: string, meeting: Meeting, label: string) =>
  sendOrQueue({ kind: 'attendance', method: 'POST', path: `/api/v1/circles/${circleId}/meetings`, body: meeting, label });

/** Records the meeting; the circle and all under it are read again. */
export const useRecordMeeting = (circleId: string, after?: After<Outcome<unknown>, { meeting: Meeting; label: string }>) =>
  useRequest(
    (v: { meeting: Meeting; label: string }) => recordMeeting(circleId, v.meeting, v.label),
    (queries) => void queries.invalidateQueries({ queryKey: circleKeys.detail(circleId) }),
    after,
  );

export const setPaymentStatus = (circleId: string, v: { personId: string; status: PaymentStatus }) =>
  must(api.PUT('/api/v1/circles/{id}/members/{personId}/payment-status', { params: { path: { id: circleId, personId: v.personId } }, body: { status: v.status } }));

/** Sets a member's dues status; the members are read again. */
export const useSetPaymentStatus = (circleId: string) =>
  useRequest(
    (v: { personId: string; status: PaymentStatus }) => setPaymentStatus(circleId, v),
    (queries) => void queries.invalidateQueries({ queryKey: circleKeys.members(circleId) }),
  );

export const getJoinRequests = (circleId: string) => must(api.GET('/api/v1/circles/{id}/join-requests', { params: { path: { id: circleId } } }));

export const joinRequestsQuery = (circleId: string) => queryOptions({ queryKey: circleKeys.requests(circleId), queryFn: () => getJoinRequests(circleId) });

export const decideJoinRequest = (circleId: string, v: { requestId: string; approve: boolean }): Promise<unknown> =>
  v.approve
    ? must(api.POST('/api/v1/circles/{id}/join-requests/{requestId}/approve', { params: { path: { id: circleId, requestId: v.requestId } } }))
    : must(api.POST('/api/v1/circles/{id}/join-requests/{requestId}/decline', { params: { path: { id: circleId, requestId: v.requestId } } }));

/** Approves or declines a request to join; the circle and all under it are read again. */
export const useDecideJoinRequest = (circleId: string) =>
  useRequest(
    (v: { requestId: string; approve: boolean }) => decideJoinRequest(circleId, v),
    (queries) => void queries.invalidateQueries({ queryKey: circleKeys.detail(circleId) }),
  );

interface OccurrenceChange {
  plannedStart: string;
  start?: string;
  cancelled?: boolean;
}

/** Moves one meeting of the schedule (a new start) or cancels it. */
export const changeOccurrence = (circleId: string, v: OccurrenceChange) =>
  must(api.PUT('/api/v1/circles/{id}/occurrences/{plannedStart}', {
    params: { path: { id: circleId, plannedStart: v.plannedStart } },
    body: { start: v.start ?? null, cancelled: v.cancelled ?? null },
  }));

/** Changes a meeting; the coming meetings are read again. */
export const useChangeOccurrence = (circleId: string, after?: After<Answer<typeof changeOccurrence>, OccurrenceChange>) =>
  useRequest(
    (v: OccurrenceChange) => changeOccurrence(circleId, v),
    (queries) => void queries.invalidateQueries({ queryKey: circleKeys.occurrences(circleId) }),
    after,
  );
