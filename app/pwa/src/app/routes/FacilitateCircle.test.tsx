import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FacilitateCircleRoute from './FacilitateCircle';

/** Who he is, and the circle's facilitators as the server holds them. */
const who = vi.hoisted(() => ({ id: 'me', permissions: ['circles.manage'] as string[], facilitators: [] as string[] }));

vi.mock('../../auth', () => ({
  useAuth: () => ({ me: { person: { id: who.id }, permissions: who.permissions }, can: (p: string) => who.permissions.includes(p) }),
}));

vi.mock('../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
  return {
    ...real,
    api: {
      GET: (path: string) =>
        path === '/api/v1/circles/{id}'
          ? answer({ id: 'c1', name: 'Oak circle', description: '', capacity: 8, openToJoin: true, facilitators: who.facilitators.map((id) => ({ id, name: id })),
              status: 'ACTIVE', memberCount: 3, openSeats: 5, createdAt: new Date().toISOString() })
          : path === '/api/v1/circles/{id}/attendance'
            ? answer({ members: [] })
            : answer({ items: [] }),
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/facilitate/c1']}>
        <Routes>
          <Route path="/facilitate/:id" element={<FacilitateCircleRoute />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("a facilitator's circle screen", () => {
  beforeEach(() => {
    who.permissions = ['circles.manage'];
    who.facilitators = [];
  });

  afterEach(cleanup);

  it('offers a must-reach message to a facilitator of this circle', async () => {
    who.facilitators = ['me'];
    open();

    expect(await screen.findByRole('button', { name: 'Send a must-reach message' })).toBeTruthy();
  });

  it('offers none to a facilitator of another circle', async () => {
    who.facilitators = ['someone-else'];
    open();

    await screen.findByRole('heading', { level: 1, name: 'Oak circle' });
    expect(screen.queryByRole('button', { name: 'Send a must-reach message' })).toBeNull();
  });

  it('offers a facilitator of this circle the switch that mutes it, and an admin who does not facilitate it none', async () => {
    who.facilitators = ['me'];
    open();

    expect(await screen.findByRole('switch', { name: "Mute this circle's chat and announcements" })).toBeTruthy();
    cleanup();

    who.facilitators = [];
    who.permissions = ['circles.manage', 'organisation.manage'];
    open();

    await screen.findByRole('button', { name: 'Send a must-reach message' });
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('offers one to an admin', async () => {
    who.permissions = ['circles.manage', 'organisation.manage'];
    open();

    expect(await screen.findByRole('button', { name: 'Send a must-reach message' })).toBeTruthy();
  });
});
