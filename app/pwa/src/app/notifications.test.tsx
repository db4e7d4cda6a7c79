import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, type SocketLike } from '../features/conversations/realtime/client';
import { useUnreadNotifications } from '../features/notifications/api/notifications';
import type { Notification } from '../features/notifications/api/types';
import Notifications from '../features/notifications/components/Notifications';
import { NotificationBell } from '../ui/NotificationBell';
import { realtimeHandlers } from './realtime';

/** His notifications as the server holds them, and how many times the screens asked for them. */
const server = vi.hoisted(() => ({ items: [] as Notification[], reads: 0 }));

vi.mock('../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client')>();
  return {
    ...real,
    api: {
      GET: () => {
        server.reads++;
        const data = { items: structuredClone(server.items), unreadCount: server.items.filter((n) => !n.readAt).length, nextBefore: null };
        return Promise.resolve({ data, response: new Response(null, { status: 200 }) });
      },
    },
  };
});

const aNotification = (id: string, title: string): Notification => ({
  id, kind: 'MESSAGE', title, body: 'Are you coming on Tuesday?', link: '/chats/c1', direct: true, safety: false, createdAt: new Date().toISOString(), readAt: null, acknowledgedAt: null,
});

/** The bell as the app bar shows it, with the count the app layer reads. */
function Bell() {
  return <NotificationBell count={useUnreadNotifications()} current={false} />;
}

let socket: SocketLike & { frame: (f: object) => void };
let client: RealtimeClient;
let queries: QueryClient;

beforeEach(() => {
  server.items = [aNotification('n1', 'Tom Reed wrote to you'), aNotification('n2', 'Sam Hale wrote to you')];
  server.reads = 0;
  queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client = new RealtimeClient({
    queries, events: null, online: () => true, visible: () => true, handlers: realtimeHandlers,
    tokens: { token: () => 't', refresh: () => Promise.resolve(true), subscribe: () => () => undefined },
    url: () => 'ws://test/api/v1/realtime',
    connect: () => {
      const fake = {
        readyState: 1, onopen: null, onmessage: null, onclose: null, onerror: null, close: () => undefined, send: () => undefined,
        frame: (f: object) => fake.onmessage?.({ data: JSON.stringify(f) } as MessageEvent),
      } as SocketLike & { frame: (f: object) => void };
      socket = fake;
      return fake;
    },
  });
  client.start();
});

afterEach(() => {
  cleanup();
  client.stop();
});

describe('a notification written for him while the app is open', () => {
  it('shows on the bell and on top of the list at once, without reading them again', async () => {
    render(
      <QueryClientProvider client={queries}>
        <MemoryRouter initialEntries={['/notifications']}>
          <Bell />
          <Notifications />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('link', { name: 'Notifications, 2 unread' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Notifications, newest first' });
    const reads = server.reads;

    act(() => socket.frame({ type: 'notification', notification: aNotification('n3', 'The meeting moved to Wednesday') }));

    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeTruthy();
    expect(within(list).getAllByRole('listitem')[0].textContent).toContain('The meeting moved to Wednesday');
    expect(server.reads).toBe(reads);
  });

  it('is read again when the socket is ready, for what it told no one while it was down', async () => {
    render(
      <QueryClientProvider client={queries}>
        <MemoryRouter>
          <Bell />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('link', { name: 'Notifications, 2 unread' })).toBeTruthy();
    server.items.push(aNotification('n3', 'The meeting moved to Wednesday'));

    act(() => socket.frame({ type: 'ready', personId: 'me', expiresAt: new Date(Date.now() + 900_000).toISOString() }));

    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeTruthy();
  });
});
