import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { ApiError } from '../../../api/problem';
import { pollKeys } from './keys';
import type { Availability, Poll, PollPage, PollRequest } from './types';

// Polls: the lists (his, or one circle's), one poll with its results, asking, answering and closing one.

const PAGE = 20;

export const getPolls = (query: { circleId?: string; open?: boolean; page: number; size: number }) => must(api.GET('/api/v1/polls', { params: { query } }));

/** Every poll not closed yet (open, or past its deadline and waiting to be closed), newest first: few, so in one page. */
export const openPollsQuery = (circleId?: string) =>
  queryOptions({ queryKey: pollKeys.list(circleId, true), queryFn: () => getPolls({ circleId, open: true, page: 0, size: 100 }) });

export const useOpenPolls = (circleId?: string) => useQuery(openPollsQuery(circleId));

/** Every poll, newest first, a page at a time (the screens show the closed ones from it, under the open ones). */
export const allPollsQuery = (circleId?: string) =>
  infiniteQueryOptions({
    queryKey: pollKeys.list(circleId, false),
    queryFn: ({ pageParam }) => getPolls({ circleId, page: pageParam, size: PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last: PollPage) => ((last.page + 1) * last.size < last.totalItems ? last.page + 1 : undefined),
  });

export const useAllPolls = (circleId?: string) => useInfiniteQuery(allPollsQuery(circleId));

export const getPoll = (id: string) => must(api.GET('/api/v1/polls/{id}', { params: { path: { id } } }));

/** One poll with its tallies, his answers and, for slots, what clashes. */
export const pollQuery = (id: string) => queryOptions({ queryKey: pollKeys.detail(id), queryFn: () => getPoll(id) });

/** The poll as the server answered it after a change: in its place, and every list read again. */
const changed = (queries: QueryClient, poll: Poll) => {
  queries.setQueryData(pollKeys.detail(poll.id), poll);
  void queries.invalidateQueries({ queryKey: pollKeys.lists() });
};

/** What a new poll is sent as, with the Idempotency-Key made when the form opened. */
export interface Asking {
  request: PollRequest;
  key: string;
}

/** Asks a circle or the organisation; a second submit under the same key answers the poll made the first time. */
export const createPoll = (v: Asking) => must(api.POST('/api/v1/polls', { params: { header: { 'Idempotency-Key': v.key } }, body: v.request }));

export const useCreatePoll = (after?: After<Poll, Asking>) => useRequest(createPoll, changed, after);

/** His whole answer: an availability per slot he answers (a meeting time), or the options he chooses (a question). */
export type Answer = { answers: Record<string, Availability> } | { choices: string[] };

export const answerPoll = (id: string, answer: Answer) => must(api.PUT('/api/v1/polls/{id}/answer', { params: { path: { id } }, body: answer }));

/** A refusal that says the poll has changed under him (closed, an option full): he sees it as it is now. */
function readAgainOnConflict<V>(queries: QueryClient, id: string, request: (v: V) => Promise<Poll>) {
  return (v: V) =>
    request(v).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 409) {
        void queries.invalidateQueries({ queryKey: pollKeys.detail(id) });
      }
      throw error;
    });
}

/** Saves his answer (replacing his earlier one); the poll shows the counts with it. */
export function useAnswerPoll(id: string, after?: After<Poll, Answer>) {
  const queries = useQueryClient();
  return useRequest(readAgainOnConflict(queries, id, (answer: Answer) => answerPoll(id, answer)), changed, after);
}

/** How he closes a poll: with a slot (or an option) chosen, and whether he chooses a slot short of the quorum all the same. */
export interface Closing {
  slot?: string;
  despiteQuorum?: boolean;
}

export const closePoll = (id: string, closing: Closing) =>
  must(api.POST('/api/v1/polls/{id}/close', { params: { path: { id } }, body: { slot: closing.slot ?? null, despiteQuorum: closing.despiteQuorum ?? null } }));

/** Closes the poll (a circle's meeting-time poll closed on a slot arranges that meeting). */
export function useClosePoll(id: string, after?: After<Poll, Closing>) {
  const queries = useQueryClient();
  return useRequest(readAgainOnConflict(queries, id, (closing: Closing) => closePoll(id, closing)), changed, after);
}

export const getCircle = (id: string) => must(api.GET('/api/v1/circles/{id}', { params: { path: { id } } }));

/** The circle a new poll asks: its name, its facilitators (who may ask it) and its schedule's zone. */
export const circleQuery = (id: string) => queryOptions({ queryKey: pollKeys.circle(id), queryFn: () => getCircle(id) });

export const getMeetings = (id: string) =>
  must(api.GET('/api/v1/circles/{id}/occurrences', { params: { path: { id }, query: { from: new Date().toISOString() } } }));

/** The circle's coming meetings, for a meeting-time poll that finds a new time for one of them. */
export const meetingsQuery = (id: string) => queryOptions({ queryKey: pollKeys.meetings(id), queryFn: () => getMeetings(id) });
