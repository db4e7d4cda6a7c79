import type { QueryClient } from '@tanstack/react-query';
import { pollKeys } from './keys';
import type { Poll, PollStatus } from './types';

// What the real-time socket changes in polls: the app layer hands these to the socket.

interface Tally {
  optionId: string;
  yes: number;
  ifNeedBe: number;
  no: number;
  chosen: number;
}

const isTally = (value: unknown): value is Tally =>
  typeof value === 'object' && value !== null && typeof (value as { optionId?: unknown }).optionId === 'string';

const STATUSES: readonly string[] = ['OPEN', 'ENDED', 'CLOSED'] satisfies PollStatus[];

/**
 * The socket's `{ type: "poll", pollId, status, respondents, options }` frame: someone answered or the poll closed. The
 * counts show at once on a poll on screen; the poll (names, quorum, his own answer) and every list are read again.
 */
export function pollFrame(queries: QueryClient, frame: Record<string, unknown>): void {
  if (typeof frame.pollId !== 'string') {
    return;
  }
  const id = frame.pollId;
  const tallies = Array.isArray(frame.options) ? frame.options.filter(isTally) : [];
  queries.setQueryData<Poll>(pollKeys.detail(id), (poll) => {
    if (!poll) {
      return poll;
    }
    const status = typeof frame.status === 'string' && STATUSES.includes(frame.status) ? (frame.status as PollStatus) : poll.status;
    return {
      ...poll,
      status,
      canAnswer: poll.canAnswer && status === 'OPEN',
      respondents: typeof frame.respondents === 'number' ? frame.respondents : poll.respondents,
      options: poll.options.map((option) => {
        const tally = tallies.find((t) => t.optionId === option.id);
        return tally ? { ...option, yes: tally.yes, ifNeedBe: tally.ifNeedBe, no: tally.no, chosen: tally.chosen } : option;
      }),
    };
  });
  void queries.invalidateQueries({ queryKey: pollKeys.detail(id) });
  void queries.invalidateQueries({ queryKey: pollKeys.lists() });
}

/** After the socket (re)connects: what it did not tell meanwhile is read again. */
export const pollsAgain = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: pollKeys.all });
