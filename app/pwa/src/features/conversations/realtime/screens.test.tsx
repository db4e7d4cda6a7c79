import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollEvery } from '../api/live';
import type { Conversation, Message } from '../api/types';
import { PresenceDot, Typing } from '../components/Thread';
import { RealtimeClient, type SocketLike } from './client';
import { setCurrent } from './hooks';

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' } } }) }));

let socket: SocketLike & { frame: (f: object) => void };

beforeEach(() => {
  vi.useFakeTimers();
  const client = new RealtimeClient({
    queries: new QueryClient(), events: null, online: () => true, visible: () => true,
    tokens: { token: () => 't', refresh: () => Promise.resolve(true), subscribe: () => () => undefined },
    url: () => 'ws://test/api/v1/realtime',
    connect: () => {
      const fake = {
        readyState: 1, onopen: null, onmessage: null, onclose: null, onerror: null, send: () => undefined, close: () => undefined,
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

  it('polls only while the socket is not ready', () => {
    expect(pollEvery(5000, true)).toBe(false);
    expect(pollEvery(5000, false)).toBe(5000);
  });
});
