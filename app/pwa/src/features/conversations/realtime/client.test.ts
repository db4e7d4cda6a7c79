import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversationKeys } from '../api/keys';
import type { Message, MessagePage } from '../api/types';
import { RealtimeClient, type SocketLike, type TokenSource } from './client';

/** A WebSocket that goes nowhere: the test opens it, speaks for the server and reads what the client sent. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  constructor(readonly url: string, readonly protocols: string[]) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  // the server's side
  accept() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  frame(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  ready(expiresAt = new Date(Date.now() + 15 * 60_000).toISOString()) {
    this.accept();
    this.frame({ type: 'hello', protocol: 'hearth.v1', maxFrameBytes: 8192 });
    this.frame({ type: 'ready', personId: 'me', expiresAt, pingSeconds: 25, maxFrameBytes: 8192 });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  sentOf(type: string) {
    return this.sent.filter((f) => f.type === type);
  }
}

class FakeTokens implements TokenSource {
  current: string | null = 'token-1';
  refreshes = 0;
  private listeners = new Set<(signedIn: boolean) => void>();
  token() {
    return this.current;
  }
  refresh() {
    this.refreshes++;
    this.current = 'token-' + (this.refreshes + 1);
    this.listeners.forEach((l) => l(true));
    return Promise.resolve(true);
  }
  subscribe(listener: (signedIn: boolean) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const aMessage = (offset: number, conversationId = 'c1'): Message => ({
  id: 'm' + offset, conversationId, offset, authorId: 'tom', authorName: 'Tom Reed', text: 'message ' + offset, removed: false, sentAt: new Date().toISOString(), editedAt: null, seenBy: null,
});
const messageFrame = (offset: number, conversationId = 'c1', epoch = 'e1') => ({ type: 'message', conversationId, offset, epoch, message: aMessage(offset, conversationId) });
const page = (lastOffset: number, items: Message[] = [], epoch = 'e1'): InfiniteData<MessagePage, number | null> => ({
  pages: [{ items, hasMore: false, lastOffset, epoch }], pageParams: [null],
});

let sockets: FakeSocket[];
let queries: QueryClient;
let tokens: FakeTokens;
let online: boolean;
let client: RealtimeClient;

const latest = () => sockets[sockets.length - 1];
const offsetsIn = (conversationId: string) =>
  queries.getQueryData<InfiniteData<MessagePage>>(conversationKeys.messages(conversationId))?.pages[0].items.map((m) => m.offset);

/** A history read through REST, as the thread's query would answer it (not a `manual` write). */
async function historyRead(conversationId: string, lastOffset: number, items: Message[] = []) {
  await queries.fetchInfiniteQuery({
    queryKey: conversationKeys.messages(conversationId),
    queryFn: () => Promise.resolve(page(lastOffset, items).pages[0]),
    initialPageParam: null as number | null,
    getNextPageParam: () => undefined,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  queries = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  tokens = new FakeTokens();
  online = true;
  client = new RealtimeClient({
    queries, tokens, url: () => 'ws://acme.localhost/api/v1/realtime', events: null, random: () => 0, online: () => online, visible: () => true,
    connect: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
  });
});

afterEach(() => {
  client.stop();
  vi.useRealTimers();
});

describe('the real-time socket', () => {
  it('signs in with the access token in its subprotocols, never in the URL', () => {
    client.start();
    expect(latest().protocols).toEqual(['hearth.v1', 'bearer.token-1']);
    expect(latest().url).toBe('ws://acme.localhost/api/v1/realtime');
    expect(latest().url).not.toContain('token');
    expect(client.ready()).toBe(false);
    latest().ready();
    expect(client.ready()).toBe(true);
    expect(latest().sentOf('presence')).toEqual([{ type: 'presence', status: 'online' }]);
  });

  it('sends recover with every known cursor after ready', async () => {
    await historyRead('c1', 7);
    client.start();
    latest().ready();
    latest().frame(messageFrame(3, 'c2'));
    latest().serverClose(1001);
    await vi.advanceTimersByTimeAsync(1_000);
    latest().ready();
    expect(latest().sentOf('recover')).toEqual([
      { type: 'recover', conversations: [{ conversationId: 'c1', offset: 7, epoch: 'e1' }, { conversationId: 'c2', offset: 3, epoch: 'e1' }] },
    ]);
  });

  it('reads a conversation again through REST when the server could not recover it', async () => {
    await historyRead('c1', 7);
    await historyRead('c2', 2);
    client.start();
    latest().ready();
    latest().frame({
      type: 'recovered',
      conversations: [
        { conversationId: 'c1', recovered: false, offset: 40, epoch: 'e1', reason: 'gap' },
        { conversationId: 'c2', recovered: true, offset: 2, epoch: 'e1' },
      ],
    });
    expect(queries.getQueryState(conversationKeys.messages('c1'))?.isInvalidated).toBe(true);
    expect(queries.getQueryState(conversationKeys.messages('c2'))?.isInvalidated).toBe(false);
    expect(client.cursors().get('c1')).toEqual({ offset: 40, epoch: 'e1' });
  });

  it('applies a live message in order, and drops one it has seen already', async () => {
    await historyRead('c1', 2, [aMessage(2), aMessage(1)]);
    client.start();
    latest().ready();
    latest().frame(messageFrame(3));
    expect(offsetsIn('c1')).toEqual([3, 2, 1]);
    const spy = vi.spyOn(queries, 'setQueryData');
    latest().frame({ ...messageFrame(3), message: { ...aMessage(3), text: 'a second copy' } });
    latest().frame(messageFrame(2));
    expect(spy).not.toHaveBeenCalled();
    expect(offsetsIn('c1')).toEqual([3, 2, 1]);
    expect(client.cursors().get('c1')?.offset).toBe(3);
  });

  it('waits a moment for a missing offset, then reads the thread again', async () => {
    await historyRead('c1', 2, [aMessage(2), aMessage(1)]);
    client.start();
    latest().ready();
    latest().frame(messageFrame(4));
    expect(offsetsIn('c1')).toEqual([2, 1]);
    await vi.advanceTimersByTimeAsync(900);
    expect(queries.getQueryState(conversationKeys.messages('c1'))?.isInvalidated).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(queries.getQueryState(conversationKeys.messages('c1'))?.isInvalidated).toBe(true);
    expect(client.cursors().get('c1')?.offset).toBe(4);
  });

  it('applies both in order when the missing offset comes within the wait', async () => {
    await historyRead('c1', 2, [aMessage(2), aMessage(1)]);
    client.start();
    latest().ready();
    latest().frame(messageFrame(4));
    latest().frame(messageFrame(3));
    expect(offsetsIn('c1')).toEqual([4, 3, 2, 1]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(queries.getQueryState(conversationKeys.messages('c1'))?.isInvalidated).toBe(false);
  });

  it('shows who types for expiresInMs, and ignores his own typing', () => {
    client.start();
    latest().ready();
    latest().frame({ type: 'typing', conversationId: 'c1', personId: 'tom', expiresInMs: 5000 });
    latest().frame({ type: 'typing', conversationId: 'c1', personId: 'me', expiresInMs: 5000 });
    expect(client.typing('c1')).toEqual(['tom']);
    vi.advanceTimersByTime(4_999);
    expect(client.typing('c1')).toEqual(['tom']);
    vi.advanceTimersByTime(1);
    expect(client.typing('c1')).toEqual([]);
  });

  it('tells that he types at most every 3 s', () => {
    client.start();
    latest().ready();
    client.sendTyping('c1');
    client.sendTyping('c1');
    vi.advanceTimersByTime(2_999);
    client.sendTyping('c1');
    expect(latest().sentOf('typing')).toEqual([{ type: 'typing', conversationId: 'c1' }]);
    vi.advanceTimersByTime(1);
    client.sendTyping('c1');
    expect(latest().sentOf('typing')).toHaveLength(2);
  });

  it('reconnects after a close with a backoff that doubles up to 30 s, and polls meanwhile', async () => {
    client.start();
    latest().ready();
    latest().serverClose(1006);
    expect(client.ready()).toBe(false);
    // random() = 0: half of each ceiling: 0.5 s, 1 s, 2 s, 4 s…
    const waits = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000];
    for (const wait of waits) {
      const before = sockets.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(sockets.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets.length).toBe(before + 1);
      latest().serverClose(1006);
    }
    // once ready again, the backoff starts over
    await vi.advanceTimersByTimeAsync(15_000);
    latest().ready();
    latest().serverClose(1001);
    const before = sockets.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets.length).toBe(before + 1);
  });

  it('watches a conversation while a screen shows it, asks again after a reconnect, and unwatches when the last screen goes', async () => {
    client.start();
    latest().ready();
    const first = client.watchConversation('staff-1');
    const second = client.watchConversation('staff-1');
    const presence = client.watchPresence(['tom']);
    expect(latest().sentOf('watch')).toEqual([{ type: 'watch', conversationId: 'staff-1' }]);
    latest().serverClose(1006);
    await vi.advanceTimersByTimeAsync(500);
    latest().ready();
    expect(latest().sentOf('watch')).toEqual([{ type: 'watch', conversationId: 'staff-1' }]);
    expect(latest().sentOf('presence.watch')).toEqual([{ type: 'presence.watch', people: ['tom'] }]);
    first();
    first();
    expect(latest().sentOf('unwatch')).toEqual([]);
    second();
    expect(latest().sentOf('unwatch')).toEqual([{ type: 'unwatch', conversationId: 'staff-1' }]);
    presence();
  });

  it('waits while offline and connects when the network is back', () => {
    online = false;
    client.start();
    expect(sockets).toHaveLength(0);
    expect(client.status()).toBe('offline');
    online = true;
    client.wentOnline();
    expect(sockets).toHaveLength(1);
  });

  it('refreshes the token after a 4401 close and connects with the fresh one', async () => {
    client.start();
    latest().ready();
    latest().serverClose(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.refreshes).toBe(1);
    expect(sockets).toHaveLength(2);
    expect(latest().protocols).toEqual(['hearth.v1', 'bearer.token-2']);
  });

  it('gives a fresh token in an auth frame before the old one expires', async () => {
    client.start();
    latest().ready(new Date(Date.now() + 120_000).toISOString());
    await vi.advanceTimersByTimeAsync(89_000);
    expect(latest().sentOf('auth')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tokens.refreshes).toBe(1);
    expect(latest().sentOf('auth')).toEqual([{ type: 'auth', token: 'token-2' }]);
    expect(sockets).toHaveLength(1);
  });

  it('puts an edit and a removal in the thread, and asks for the feed again on an announcement', async () => {
    await historyRead('c1', 2, [aMessage(2), aMessage(1)]);
    client.start();
    latest().ready();
    latest().frame({ type: 'message.edited', conversationId: 'c1', offset: 3, epoch: 'e1', message: { ...aMessage(1), text: 'better', editedAt: new Date().toISOString() } });
    latest().frame({ type: 'message.removed', conversationId: 'c1', offset: 4, epoch: 'e1', messageId: 'm2' });
    const items = queries.getQueryData<InfiniteData<MessagePage>>(conversationKeys.messages('c1'))?.pages[0].items;
    expect(items?.find((m) => m.id === 'm1')?.text).toBe('better');
    expect(items?.find((m) => m.id === 'm2')).toMatchObject({ removed: true, text: null });
    const invalidate = vi.spyOn(queries, 'invalidateQueries');
    latest().frame({ type: 'announcement', announcement: { id: 'a1' } });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['announcements', 'list'] });
  });

  it("hands another feature's frames to its handler, and tells it after each connection what it may have missed", async () => {
    client.stop();
    const notification = vi.fn();
    const connected = vi.fn();
    client = new RealtimeClient({
      queries, tokens, url: () => 'ws://acme.localhost/api/v1/realtime', events: null, random: () => 0, online: () => online, visible: () => true,
      handlers: { frames: { notification }, connected },
      connect: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
    });
    client.start();
    latest().ready();
    expect(connected).toHaveBeenCalledOnce();
    expect(connected).toHaveBeenCalledWith(queries);

    latest().frame({ type: 'notification', notification: { id: 'n1' } });
    latest().frame({ type: 'constructor' });
    expect(notification).toHaveBeenCalledOnce();
    expect(notification).toHaveBeenCalledWith(queries, { type: 'notification', notification: { id: 'n1' } });

    // A fresh token's `ready` on the same socket is no new connection; a reconnection is.
    latest().frame({ type: 'ready', personId: 'me', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() });
    expect(connected).toHaveBeenCalledOnce();
    latest().serverClose(1001);
    await vi.advanceTimersByTimeAsync(1_000);
    latest().ready();
    expect(connected).toHaveBeenCalledTimes(2);
  });
});
