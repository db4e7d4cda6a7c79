import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { aPoll, aSlot } from '../fixtures';
import { pollKeys } from './keys';
import { pollFrame, pollsAgain } from './live';
import type { Poll } from './types';

function cache() {
  const queries = new QueryClient();
  queries.setQueryData(pollKeys.detail('p1'), aPoll({ respondents: 1, options: [aSlot('s1', '2027-01-12T19:00:00Z', { yes: 1 }), aSlot('s2', '2027-01-13T19:00:00Z')] }));
  queries.setQueryData(pollKeys.detail('p2'), aPoll({ id: 'p2' }));
  queries.setQueryData(pollKeys.list(undefined, true), { items: [], page: 0, size: 100, totalItems: 0 });
  queries.setQueryData(pollKeys.list('c1', false), { pages: [], pageParams: [] });
  return queries;
}

const frame = { type: 'poll', pollId: 'p1', status: 'OPEN', respondents: 2, options: [{ optionId: 's1', yes: 1, ifNeedBe: 1, no: 0, chosen: 0 }, { optionId: 's2', yes: 0, ifNeedBe: 0, no: 2, chosen: 0 }] };

describe('a poll frame from the socket', () => {
  it('shows the new counts on the poll at once, and reads it and every list again', () => {
    const queries = cache();

    pollFrame(queries, frame);

    const poll = queries.getQueryData<Poll>(pollKeys.detail('p1'));
    expect(poll?.respondents).toBe(2);
    expect(poll?.options.map((o) => [o.yes, o.ifNeedBe, o.no])).toEqual([[1, 1, 0], [0, 0, 2]]);
    expect(queries.getQueryState(pollKeys.detail('p1'))?.isInvalidated).toBe(true);
    expect(queries.getQueryState(pollKeys.list(undefined, true))?.isInvalidated).toBe(true);
    expect(queries.getQueryState(pollKeys.list('c1', false))?.isInvalidated).toBe(true);
    expect(queries.getQueryState(pollKeys.detail('p2'))?.isInvalidated).toBe(false);
  });

  it('closes the poll on screen when it says so: no more answers', () => {
    const queries = cache();

    pollFrame(queries, { ...frame, status: 'CLOSED' });

    expect(queries.getQueryData<Poll>(pollKeys.detail('p1'))).toMatchObject({ status: 'CLOSED', canAnswer: false });
  });

  it('changes nothing without a poll id, and leaves alone a poll no screen has loaded', () => {
    const queries = cache();

    pollFrame(queries, { type: 'poll' });
    pollFrame(queries, { ...frame, pollId: 'p9' });

    expect(queries.getQueryState(pollKeys.detail('p1'))?.isInvalidated).toBe(false);
    expect(queries.getQueryData(pollKeys.detail('p9'))).toBeUndefined();
  });
});

describe('after the socket reconnects', () => {
  it('reads every poll and list again', () => {
    const queries = cache();

    pollsAgain(queries);

    expect(queries.getQueryState(pollKeys.detail('p1'))?.isInvalidated).toBe(true);
    expect(queries.getQueryState(pollKeys.list(undefined, true))?.isInvalidated).toBe(true);
  });
});
