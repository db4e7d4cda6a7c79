import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import MyCircleRoute from './MyCircle';

/** The circles he muted as the server holds them, and each change asked. */
const server = vi.hoisted(() => ({ muted: [] as { circleId: string; name: string; mutedAt: string }[], asked: [] as string[] }));

vi.mock('../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: ['circles.join'] }, can: () => false }),
}));

vi.mock('../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  const oak = { id: 'c1', name: 'Oak circle', description: '', capacity: 8, openToJoin: true, facilitators: [], status: 'ACTIVE', memberCount: 3, openSeats: 5, createdAt: new Date().toISOString() };
  return {
    ...real,
    api: {
      GET: (path: string) =>
        path === '/api/v1/me/circle' ? answer({ circle: oak, joinRequests: [] })
          : path === '/api/v1/me/muted-circles' ? answer({ items: server.muted })
            : answer({ items: [], members: [] }),
      PUT: (_path: string, init: { params: { path: { circleId: string } } }) => {
        server.asked.push('PUT ' + init.params.path.circleId);
        server.muted = [{ circleId: init.params.path.circleId, name: 'Oak circle', mutedAt: new Date().toISOString() }];
        return answer({ items: server.muted });
      },
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/circle']}>
        <MyCircleRoute />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('his circle screen', () => {
  beforeEach(() => {
    server.muted = [];
    server.asked = [];
  });

  afterEach(cleanup);

  it('offers the switch that mutes his circle, and mutes it', async () => {
    open();
    await screen.findByRole('heading', { level: 1, name: 'Oak circle' });
    const mute = await screen.findByRole('switch', { name: "Mute this circle's chat and announcements" }) as HTMLInputElement;
    await waitFor(() => expect(mute.disabled).toBe(false));

    fireEvent.click(mute);

    await waitFor(() => expect(server.asked).toEqual(['PUT c1']));
    await waitFor(() => expect((screen.getByRole('switch', { name: "Mute this circle's chat and announcements" }) as HTMLInputElement).checked).toBe(true));
  });
});
