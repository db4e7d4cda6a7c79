import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUnreadNotifications } from '../api/notifications';
import type { Notification } from '../api/types';
import Notifications from './Notifications';

/** His notifications as the server holds them, newest first, and each request the screen made. */
const server = vi.hoisted(() => ({
  items: [] as Notification[],
  calls: [] as string[],
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  const refuse = (status: number, code: string, detail: string) => Promise.resolve({ error: { status, code, detail }, response: new Response(null, { status }) });
  const unread = () => server.items.filter((n) => !n.readAt).length;
  return {
    ...real,
    api: {
      GET: (_: string, init: { params: { query: { unread?: string | null; before?: string | null; limit?: number } } }) => {
        const { unread: unreadOnly, before, limit = 30 } = init.params.query;
        server.calls.push('GET ' + new URLSearchParams(Object.entries(init.params.query).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)])));
        const matching = server.items.filter((n) => (!unreadOnly || !n.readAt) && (!before || n.createdAt < before));
        const items = matching.slice(0, limit);
        return answer({ items: structuredClone(items), unreadCount: unread(), nextBefore: matching.length > limit ? items[items.length - 1].createdAt : null });
      },
      POST: (path: string, init?: { params: { path: { id: string } } }) => {
        const now = new Date().toISOString();
        server.calls.push('POST ' + path.replace('{id}', init?.params.path.id ?? ''));
        if (path === '/api/v1/notifications/read-all') {
          server.items.forEach((n) => (n.readAt ??= now));
          return answer({ unreadCount: 0 });
        }
        const found = server.items.find((n) => n.id === init?.params.path.id);
        if (!found) {
          return refuse(404, 'NOT_FOUND', 'You have no notification with this id');
        }
        if (path.endsWith('/acknowledge')) {
          if (!found.safety) {
            return refuse(409, 'CONFLICT', 'Only a must-reach notification is acknowledged; mark this one read');
          }
          found.acknowledgedAt = now;
        }
        found.readAt ??= now;
        return answer(structuredClone(found));
      },
    },
  };
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

const aNotification = (id: string, more: Partial<Notification> = {}): Notification => ({
  id, kind: 'ANNOUNCEMENT', title: 'Title ' + id, body: 'Body of ' + id, link: '/announcements/' + id, direct: false, safety: false,
  createdAt: minutesAgo(Number(id.replace(/\D/g, '')) * 5), readAt: null, acknowledgedAt: null, ...more,
});

/** Where the router is now, to see where a tap went. */
function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

/** The bell's count, as the app bar reads it. */
function Count() {
  return <p data-testid="count">{useUnreadNotifications()}</p>;
}

function open(path = '/notifications') {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Count />
        <Where />
        <Routes>
          <Route path="/notifications" element={<Notifications />} />
          <Route path="*" element={null} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const list = () => screen.findByRole('list', { name: 'Notifications, newest first' });
const lines = async () => within(await list()).getAllByRole('listitem');
const count = () => screen.getByTestId('count').textContent;

describe('the notification centre', () => {
  beforeEach(() => {
    server.items = [
      aNotification('n1', { kind: 'MESSAGE', title: 'Tom Reed wrote to you', body: 'Are you coming on Tuesday?', link: '/chats/c1', direct: true }),
      aNotification('n2', { kind: 'EVENT_CHANGED', title: 'Winter retreat changed', body: 'It now starts at 10:00.', link: '/events/e1' }),
      aNotification('n3', { title: 'Welcome', readAt: minutesAgo(1) }),
    ];
    server.calls = [];
  });

  afterEach(cleanup);

  it('lists them newest first, each with its title, text and how long ago, the unread ones marked New in words', async () => {
    open();

    const [first, second, third] = await lines();

    expect(first.textContent).toContain('Tom Reed wrote to you');
    expect(first.textContent).toContain('Are you coming on Tuesday?');
    expect(within(first).getByText('5 minutes ago').getAttribute('dateTime')).toBe(server.items[0].createdAt);
    expect(within(first).getByText('New')).toBeTruthy();
    expect(within(second).getByText('New')).toBeTruthy();
    expect(within(third).queryByText('New')).toBeNull();
    expect(third.textContent).toContain('Welcome');
  });

  it('marks one read when he taps it and goes where it points, inside the app', async () => {
    open();
    await waitFor(() => expect(count()).toBe('2'));

    fireEvent.click(await screen.findByRole('link', { name: /Winter retreat changed/ }));

    expect(screen.getByTestId('where').textContent).toBe('/events/e1');
    await waitFor(() => expect(server.calls).toContain('POST /api/v1/notifications/n2/read'));
    await waitFor(() => expect(count()).toBe('1'));
  });

  it('does not mark one read again, and does not follow a link that leaves the app', async () => {
    server.items[2].link = 'https://elsewhere.example/x';
    open();

    const welcome = within(await list()).getByRole('button', { name: /Welcome/ });
    expect(within(await list()).queryByRole('link', { name: /Welcome/ })).toBeNull();
    fireEvent.click(welcome);

    expect(screen.getByTestId('where').textContent).toBe('/notifications');
    expect(server.calls.filter((call) => call.startsWith('POST'))).toEqual([]);
  });

  it('marks them all read', async () => {
    open();
    await waitFor(() => expect(count()).toBe('2'));

    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));

    await waitFor(() => expect(screen.queryByText('New')).toBeNull());
    expect(server.calls).toContain('POST /api/v1/notifications/read-all');
    expect(count()).toBe('0');
    expect(screen.getByRole('status').textContent).toBe('All notifications are marked read.');
    expect((screen.getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows only the unread ones when he asks', async () => {
    open();
    await lines();

    fireEvent.click(screen.getByRole('switch', { name: 'Unread only' }));

    await waitFor(() => expect(screen.queryByText('Welcome')).toBeNull());
    expect((await lines()).map((line) => line.querySelector('[id^="notification-"]')?.textContent)).toEqual(['Tom Reed wrote to you', 'Winter retreat changed']);
    expect(server.calls).toContain('GET unread=true&limit=30');
  });

  it('says there is nothing unread, and nothing at all, in words', async () => {
    server.items = [aNotification('n1', { readAt: minutesAgo(1) })];
    open('/notifications?unread');
    expect(await screen.findByText('Nothing unread.')).toBeTruthy();
    cleanup();

    server.items = [];
    open();
    expect(await screen.findByText(/^No notifications yet/)).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('loads older ones from where the last page ended', async () => {
    server.items = Array.from({ length: 35 }, (_, i) => aNotification('n' + (i + 1)));
    open();
    expect(await lines()).toHaveLength(30);

    fireEvent.click(screen.getByRole('button', { name: 'Load more notifications' }));

    await waitFor(async () => expect(await lines()).toHaveLength(35));
    expect(server.calls).toContain('GET before=' + encodeURIComponent(server.items[29].createdAt) + '&limit=30');
    expect(screen.queryByRole('button', { name: 'Load more notifications' })).toBeNull();
  });

  it('answers a safety notification with "Got it", once', async () => {
    server.items = [aNotification('n1', { kind: 'SAFETY', safety: true, direct: true, title: 'Check in with your care team', link: '/events/e1' })];
    open();

    const line = (await lines())[0];
    expect(within(line).getByText('Safety')).toBeTruthy();
    fireEvent.click(within(line).getByRole('button', { name: 'Got it' }));

    await waitFor(() => expect(within(line).queryByRole('button', { name: 'Got it' })).toBeNull());
    expect(server.calls).toContain('POST /api/v1/notifications/n1/acknowledge');
    expect(line.textContent).toContain('You answered "Got it" just now.');
    expect(within(line).queryByText('New')).toBeNull();
    expect(screen.getByTestId('where').textContent).toBe('/notifications');
  });
});
