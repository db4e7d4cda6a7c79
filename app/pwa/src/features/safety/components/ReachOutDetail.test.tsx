import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReachOut } from '../api/types';
import ReachOutDetail from './ReachOutDetail';

/** The reach-outs the server shows him, and the takes it was asked for. */
const server = vi.hoisted(() => ({ reachOuts: [] as ReachOut[], takes: [] as string[] }));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, permissions: [] } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  const notFound = () => Promise.resolve({ error: { status: 404, code: 'NOT_FOUND', detail: 'No reach-out for you has this id' }, response: new Response(null, { status: 404 }) });
  const find = (id: string) => server.reachOuts.find((r) => r.id === id);
  return {
    ...real,
    api: {
      GET: (_: string, init: { params: { path: { id: string } } }) => {
        const found = find(init.params.path.id);
        return found ? answer(found) : notFound();
      },
      POST: (_: string, init: { params: { path: { id: string } } }) => {
        server.takes.push(init.params.path.id);
        const found = find(init.params.path.id)!;
        found.takenBy = { personId: 'me', name: 'Me Myself' };
        return answer(found);
      },
    },
  };
});

const aReachOut = (more: Partial<ReachOut> = {}): ReachOut => ({
  id: 'r1', from: { personId: 'sam', name: 'Sam Hale' }, message: null, createdAt: new Date().toISOString(),
  alerted: [{ personId: 'me', name: 'Me Myself' }], takenBy: null, takenAt: null, mine: false, ...more,
});

function open(path: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/reach-outs/:id" element={<ReachOutDetail />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('one reach-out, where its safety notification lands', () => {
  beforeEach(() => {
    server.reachOuts = [aReachOut()];
    server.takes = [];
  });

  afterEach(cleanup);

  it("shows a man's reach-out to one he alerted, and lets him take it", async () => {
    open('/reach-outs/r1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sam Hale reached out' })).toBeTruthy();
    expect(screen.getByText('He asked for someone to be in touch.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: "I'm on it: Sam Hale" }));

    expect(await screen.findByText('You are on it. The others alerted can see that.')).toBeTruthy();
    expect(server.takes).toEqual(['r1']);
  });

  it('shows him his own reach-out with who is on it, and no button to take it', async () => {
    server.reachOuts = [aReachOut({ mine: true, from: { personId: 'me', name: 'Me Myself' }, alerted: [{ personId: 'tom', name: 'Tom Reed' }], takenBy: { personId: 'tom', name: 'Tom Reed' } })];
    open('/reach-outs/r1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Your reach-out' })).toBeTruthy();
    expect(screen.getByText('Tom Reed is on it and will get in touch with you.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /I'm on it/ })).toBeNull();
  });

  it("says so when it is not one of his (the server answers 404 to anyone it did not alert)", async () => {
    open('/reach-outs/other');

    expect((await screen.findByRole('alert')).textContent).toContain('No reach-out for you has this id');
  });
});
