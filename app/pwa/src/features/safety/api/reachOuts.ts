import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, must } from '../../../api/client';
import type { After } from '../../../api/mutation';
import { useRequest } from '../../../api/mutation';
import { ApiError } from '../../../api/problem';
import { keepLines } from './crisisLines';
import { safetyKeys } from './keys';
import type { ReachOut, ReachOutResult } from './types';

// Reach out: he alerts his facilitators and care team; they see it, one of them says "I'm on it", and he sees who.

/** While a screen about a reach-out is open it is read again this often: who took it shows without a reload. */
export const REFRESH_MS = 15_000;

export const getReachOuts = () => must(api.GET('/api/v1/reach-outs'));

/** The reach-outs he made or was alerted to, newest first. */
export const reachOutsQuery = () => queryOptions({ queryKey: safetyKeys.reachOutList(), queryFn: getReachOuts });

export const useReachOuts = () => useQuery({ ...reachOutsQuery(), refetchInterval: REFRESH_MS });

export const getReachOut = (id: string) => must(api.GET('/api/v1/reach-outs/{id}', { params: { path: { id } } }));

export const reachOutQuery = (id: string) => queryOptions({ queryKey: safetyKeys.reachOut(id), queryFn: () => getReachOut(id) });

/** One reach-out, read again every 15 seconds while it is on screen. */
export const useReachOut = (id: string) => useQuery({ ...reachOutQuery(id), refetchInterval: REFRESH_MS });

/** What he pressed send with: his message and the Idempotency-Key of that attempt. */
export interface Attempt {
  message: string;
  key: string;
}

/**
 * The attempt for pressing send with this message. Sending the same message again after it did not go through keeps
 * its key, so that the server alerts his facilitators once however often it arrives; another message is a new attempt.
 */
export function attemptFor(unsent: Attempt | null, message: string, newKey: () => string = () => crypto.randomUUID()): Attempt {
  return unsent && unsent.message === message ? unsent : { message, key: newKey() };
}

export const reachOut = (attempt: Attempt) =>
  must(api.POST('/api/v1/reach-out', {
    params: { header: { 'Idempotency-Key': attempt.key } },
    body: { message: attempt.message.trim() || null, alert: true },
  }));

/** His reach-out in the cache (its screen reads it from there first), and the lines it answered with, kept. */
const reachedOut = (queries: QueryClient, result: ReachOutResult) => {
  queries.setQueryData(safetyKeys.reachOut(result.reachOut.id), result.reachOut);
  queries.setQueryData(safetyKeys.lines(), result.lines);
  keepLines(result.lines);
  void queries.invalidateQueries({ queryKey: safetyKeys.reachOutList() });
};

/** Reaching out: `send(message)` makes the attempt's Idempotency-Key when he presses the button. */
export function useReachOutNow(after?: After<ReachOutResult, Attempt>) {
  const unsent = useRef<Attempt | null>(null);
  const request = useRequest(reachOut, reachedOut, {
    onSuccess: (result, attempt) => {
      unsent.current = null;
      after?.onSuccess?.(result, attempt);
    },
  });
  const send = (message: string) => {
    const attempt = attemptFor(unsent.current, message);
    unsent.current = attempt;
    request.mutate(attempt);
  };
  return { send, error: request.error, isPending: request.isPending, data: request.data };
}

export const takeReachOut = (id: string) => must(api.POST('/api/v1/reach-outs/{id}/take', { params: { path: { id } } }));

const taken = (queries: QueryClient, reachOut: ReachOut) => {
  queries.setQueryData(safetyKeys.reachOut(reachOut.id), reachOut);
  queries.setQueryData<{ items: ReachOut[] }>(safetyKeys.reachOutList(), (list) =>
    list ? { ...list, items: list.items.map((r) => (r.id === reachOut.id ? reachOut : r)) } : list,
  );
};

/** "I'm on it". A 409 is another man taking it first: the reach-out is read again, so that it shows who. */
export function useTakeReachOut() {
  const queries = useQueryClient();
  return useMutation<ReachOut, Error, string>({
    mutationFn: takeReachOut,
    onSuccess: (reachOut) => taken(queries, reachOut),
    onError: (error, id) => {
      if (error instanceof ApiError && error.status === 409) {
        void queries.invalidateQueries({ queryKey: safetyKeys.reachOut(id) });
        void queries.invalidateQueries({ queryKey: safetyKeys.reachOutList() });
      }
    },
  });
}
