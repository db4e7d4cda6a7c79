import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollEvery } from '../api/live';
import type { Conversation, Message } from '../api/types';
import { conversationKeys } from '../api/keys';
import { OnlineNow, PresenceDot, Typing } from '../components/Thread';
import { RealtimeClient, type SocketLike } from './client';
import { setCurrent } from './hooks';

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' } } }) }));

let socket: SocketLike & { frame: (f: object) => void };
let sent: Record<string, unknown>[];

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  const client = new RealtimeClient({
    queries: new QueryClient(), events: null, online: () => true, visible: () => true,
    tokens: { token: () => 't', refresh: () => Promise.resolve(true), subscribe: () => () => undefined },
    url: () => 'ws://test/api/v1/realtime',
    connect: () => {
      const fake = {
        readyState: 1, onopen: null, onmessage: null, onclose: null, onerror: null, close: () => undefined,
        send: (data: string) => void sent.push(JSON.parse(data) as Record<string, unknown>),
        frame: (f: object) => fake.onmessage?.({ data: JSON.stringify(f) } as MessageEvent),
      } as SocketLike & { frame: (f: object) => void };
      socket = fake;
      return fake;
    },
  });
  client.start();
  setCurrent(client);
  socket.frame({ type: 'ready', personId: 'me', expiresAt: new Date(Date.now() + 900_000).toISOString() });
});

afterEach(() => {
  cleanup();
  setCurrent(null);
  vi.useRealTimers();
});

const conversation = { id: 'c1', kind: 'DIRECT', title: 'Tom Reed', personId: 'tom', canPost: true, lastOffset: 0, epoch: 'e1', unread: 0, readOffset: 0, participants: 2 } as Conversation;

describe('what the thread shows of the socket', () => {
  it('says who is typing in a polite live region, until it expires', () => {
    const listed: Message[] = [];
    render(<Typing conversation={conversation} listed={listed} />);
    const region = document.querySelector('[aria-live="polite"]');
    expect(region?.textContent).toBe('');
    act(() => socket.frame({ type: 'typing', conversationId: 'c1', personId: 'tom', expiresInMs: 5000 }));
    expect(region?.textContent).toBe('Tom Reed is typing…');
    act(() => vi.advanceTimersByTime(5000));
    expect(region?.textContent).toBe('');
  });

  it("shows the other man's presence as a dot with a text alternative", () => {
    render(<PresenceDot personId="tom" name="Tom Reed" />);
    expect(screen.queryByRole('img')).toBeNull();
    act(() => socket.frame({ type: 'presence', personId: 'tom', status: 'away' }));
    expect(screen.getByRole('img', { name: 'Tom Reed is away' })).toBeTruthy();
  });

  it("names who of a circle chat's other men are online, and shows nothing while none is", () => {
    const queries = new QueryClient();
    queries.setQueryData(conversationKeys.people('circle-1'), {
      items: [{ personId: 'me', name: 'Me Myself' }, { personId: 'tom', name: 'Tom Reed' }, { personId: 'matt', name: 'Matt Member' }],
    });
    const circleChat = { ...conversation, id: 'circle-1', kind: 'CIRCLE', title: 'Tuesday Circle', personId: null, participants: 3 } as Conversation;
    const { container } = render(
      <QueryClientProvider client={queries}><OnlineNow conversation={circleChat} me="me" /></QueryClientProvider>,
    );
    expect(sent.filter((f) => f.type === 'presence.watch')).toContainEqual({ type: 'presence.watch', people: ['tom', 'matt'] });
    expect(container.textContent).toBe('');
    act(() => socket.frame({ type: 'presence', personId: 'matt', status: 'online' }));
    act(() => socket.frame({ type: 'presence', personId: 'tom', status: 'away' }));
    expect(container.textContent).toBe('Online now (1 of 2): Matt Member');
    act(() => socket.frame({ type: 'presence', personId: 'tom', status: 'online' }));
    expect(container.textContent).toBe('Online now (2 of 2): Tom Reed, Matt Member');
    act(() => socket.frame({ type: 'presence', personId: 'tom', status: 'offline' }));
    act(() => socket.frame({ type: 'presence', personId: 'matt', status: 'offline' }));
    expect(container.textContent).toBe('');
  });

  it('polls only while the socket is not ready', () => {
    expect(pollEvery(5000, true)).toBe(false);
    expect(pollEvery(5000, false)).toBe(5000);
  });
});
