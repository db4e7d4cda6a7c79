import type { QueryClient } from '@tanstack/react-query';
import type { Message, MessagePage } from '../api/types';
import { addMessage, announcementPosted, editMessage, listAgain, readAgain, readMoved, removeMessage } from './cache';

/**
 * The real-time socket (docs/realtime.md): one per signed-in page. It signs in with the access token in its
 * subprotocols, gives a fresh token before the old one expires, reconnects after a close (at once with a fresh token
 * after 4401, else with backoff), waits while the device is offline, and after each `ready` recovers what every known
 * conversation published meanwhile. Frames go to the query cache; typing and presence are kept here for the screens.
 */

/** What of a WebSocket this uses: the browser's, or a fake in tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface TokenSource {
  token(): string | null;
  /** A fresh access token (through the refresh cookie); false when the session has ended. */
  refresh(): Promise<boolean>;
  subscribe(listener: (signedIn: boolean) => void): () => void;
}

export interface RealtimeOptions {
  queries: QueryClient;
  tokens: TokenSource;
  url?: () => string;
  connect?: (url: string, protocols: string[]) => SocketLike;
  random?: () => number;
  /** Whether the device has a network (navigator.onLine). */
  online?: () => boolean;
  /** Whether the page is in front of him (document.visibilityState). */
  visible?: () => boolean;
  /** Where 'online', 'offline' and 'visibilitychange' are heard; null in tests that drive them by hand. */
  events?: { window: Window; document: Document } | null;
  /** What other features do with the socket (the app layer hands them in: features do not import each other). */
  handlers?: RealtimeHandlers;
}

/**
 * Frames of other features, by type, each given the query cache; and what they read again after each connection is
 * ready, for what the socket did not tell while it was down.
 */
export interface RealtimeHandlers {
  frames?: Readonly<Record<string, (queries: QueryClient, frame: Frame) => void>>;
  connected?: (queries: QueryClient) => void;
}

export type Status = 'stopped' | 'offline' | 'connecting' | 'ready' | 'waiting';

export interface Cursor {
  offset: number;
  epoch: string;
}

export type Frame = { type: string } & Record<string, unknown>;

interface Recovery {
  conversationId: string;
  recovered: boolean;
  offset: number;
  epoch: string;
  reason?: string;
}

const OPEN = 1;
/** How long a frame past a gap waits for the missing one before the thread is read through REST. */
export const GAP_WAIT_MS = 1_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A fresh token goes this long before the old one expires. */
const RENEW_AHEAD_MS = 30_000;
/** He is typing: told at most this often per conversation. */
export const TYPING_EVERY_MS = 3_000;
const MAX_RECOVER = 500;

export const realtimeUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/realtime`;

/** Backoff before the n-th reconnection (n from 0): 1 s doubling to 30 s, each taken between half and all of it. */
export const backoff = (attempt: number, random: () => number): number => {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

interface Stream extends Cursor {
  /** Frames past a gap, by offset, waiting for the missing ones. */
  held: Map<number, Frame>;
  gapTimer: ReturnType<typeof setTimeout> | null;
  /** Whether the thread was read again because the history answered behind the frames. */
  reread?: boolean;
}

export class RealtimeClient {
  private socket: SocketLike | null = null;
  private state: Status = 'stopped';
  private attempt = 0;
  private me: string | null = null;
  private signedInWith: string | null = null;
  private recoveredOnce = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly streams = new Map<string, Stream>();
  private readonly statusListeners = new Set<() => void>();
  private readonly typingNow = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();
  private readonly typingListeners = new Set<() => void>();
  private readonly presenceNow = new Map<string, string>();
  private readonly presenceListeners = new Set<() => void>();
  private readonly watched = new Map<symbol, readonly string[]>();
  /** Conversations he reads without being one of their people (an admin in a staff chat), by how many screens show each. */
  private readonly watchedConversations = new Map<string, number>();
  private readonly typingSent = new Map<string, number>();
  private readonly undo: (() => void)[] = [];
  private readonly queries: QueryClient;
  private readonly tokens: TokenSource;
  private readonly url: () => string;
  private readonly connectTo: (url: string, protocols: string[]) => SocketLike;
  private readonly random: () => number;
  private readonly online: () => boolean;
  private readonly visible: () => boolean;
  private readonly events: { window: Window; document: Document } | null;
  private readonly handlers: RealtimeHandlers;

  constructor(options: RealtimeOptions) {
    this.queries = options.queries;
    this.tokens = options.tokens;
    this.url = options.url ?? realtimeUrl;
    this.connectTo = options.connect ?? ((url, protocols) => new WebSocket(url, protocols));
    this.random = options.random ?? Math.random;
    this.online = options.online ?? (() => navigator.onLine);
    this.visible = options.visible ?? (() => document.visibilityState !== 'hidden');
    this.events = options.events === undefined ? { window, document } : options.events;
    this.handlers = options.handlers ?? {};
  }

  // ---- life ----

  /** Connects now (or when the network is back) and keeps connected until stop(). */
  start(): void {
    if (this.state !== 'stopped') {
      return;
    }
    this.state = 'waiting';
    this.seedCursors();
    this.undo.push(this.watchCursors());
    this.undo.push(
      this.tokens.subscribe((signedIn) => {
        if (!signedIn) {
          this.stop();
        } else {
          this.renewIfNew();
        }
      }),
    );
    if (this.events) {
      const { window: w, document: d } = this.events;
      const online = () => this.wentOnline();
      const offline = () => this.wentOffline();
      const visibility = () => this.sendPresence();
      w.addEventListener('online', online);
      w.addEventListener('offline', offline);
      d.addEventListener('visibilitychange', visibility);
      this.undo.push(() => {
        w.removeEventListener('online', online);
        w.removeEventListener('offline', offline);
        d.removeEventListener('visibilitychange', visibility);
      });
    }
    this.open();
  }

  stop(): void {
    if (this.state === 'stopped') {
      return;
    }
    this.undo.splice(0).forEach((f) => f());
    this.clearTimers();
    this.drop(1000);
    this.streams.clear();
    this.setStatus('stopped');
  }

  status(): Status {
    return this.state;
  }

  ready(): boolean {
    return this.state === 'ready';
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** The network came back: connect at once, backoff forgotten. */
  wentOnline(): void {
    if (this.state === 'offline' || this.state === 'waiting') {
      this.attempt = 0;
      this.cancelReconnect();
      this.open();
    }
  }

  /** The network went: the socket is closed here, and nothing is tried until it is back. */
  wentOffline(): void {
    if (this.state === 'stopped') {
      return;
    }
    this.cancelReconnect();
    this.drop(1000);
    this.setStatus('offline');
  }

  private open(): void {
    if (!this.online()) {
      this.setStatus('offline');
      return;
    }
    const token = this.tokens.token();
    if (!token) {
      // Not signed in (yet, or offline at start-up): try again later.
      this.retryLater();
      return;
    }
    this.setStatus('connecting');
    this.recoveredOnce = false;
    this.signedInWith = token;
    const socket = this.connectTo(this.url(), ['hearth.v1', 'bearer.' + token]);
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) {
        this.receive(event.data);
      }
    };
    socket.onclose = (event) => {
      if (this.socket === socket) {
        this.closed(event.code);
      }
    };
    socket.onerror = () => undefined;
  }

  private closed(code: number): void {
    this.socket = null;
    this.forgetLive();
    if (this.renewTimer) {
      clearTimeout(this.renewTimer);
      this.renewTimer = null;
    }
    if (this.state === 'stopped' || this.state === 'offline') {
      return;
    }
    if (code === 4401) {
      // Signed out by the server: a fresh token, then at once (the next 4401 in a row waits its backoff).
      this.setStatus('waiting');
      const first = this.attempt === 0;
      void this.tokens.refresh().then((ok) => {
        if (!ok || this.state !== 'waiting') {
          return;
        }
        if (first) {
          this.attempt++;
          this.open();
        } else {
          this.retryLater();
        }
      });
      return;
    }
    this.retryLater();
  }

  private retryLater(): void {
    this.setStatus(this.online() ? 'waiting' : 'offline');
    if (this.state === 'offline') {
      return;
    }
    const delay = backoff(this.attempt, this.random);
    this.attempt++;
    this.cancelReconnect();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.state === 'waiting') {
        this.open();
      }
    }, delay);
  }

  private drop(code: number): void {
    const socket = this.socket;
    this.socket = null;
    this.forgetLive();
    if (socket && socket.readyState <= OPEN) {
      socket.close(code);
    }
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private clearTimers(): void {
    this.cancelReconnect();
    if (this.renewTimer) {
      clearTimeout(this.renewTimer);
      this.renewTimer = null;
    }
    this.streams.forEach((stream) => {
      if (stream.gapTimer) {
        clearTimeout(stream.gapTimer);
      }
      stream.gapTimer = null;
      stream.held.clear();
    });
  }

  private setStatus(status: Status): void {
    if (this.state !== status) {
      this.state = status;
      this.statusListeners.forEach((listener) => listener());
    }
  }

  private send(frame: object): boolean {
    if (this.state !== 'ready' || !this.socket || this.socket.readyState !== OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  // ---- tokens ----

  private planRenewal(expiresAt: string): void {
    if (this.renewTimer) {
      clearTimeout(this.renewTimer);
    }
    const wait = Math.max(1_000, new Date(expiresAt).getTime() - Date.now() - RENEW_AHEAD_MS);
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      if (this.tokens.token() !== this.signedInWith) {
        this.renewIfNew();
      } else {
        void this.tokens.refresh().then(() => this.renewIfNew());
      }
    }, wait);
  }

  /** The session has a token the socket has not: it goes in an `auth` frame. */
  private renewIfNew(): void {
    const token = this.tokens.token();
    if (token && token !== this.signedInWith && this.send({ type: 'auth', token })) {
      this.signedInWith = token;
    }
  }

  // ---- frames ----

  private receive(data: unknown): void {
    let frame: Frame;
    try {
      frame = JSON.parse(String(data)) as Frame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'ready':
        return this.onReady(frame);
      case 'message':
      case 'message.edited':
      case 'message.removed':
        return this.sequenced(frame);
      case 'recovered':
        return this.onRecovered(frame.conversations as Recovery[]);
      case 'read':
        return readMoved(this.queries, String(frame.conversationId), String(frame.personId), this.me);
      case 'announcement':
        return announcementPosted(this.queries);
      case 'typing':
        return this.onTyping(String(frame.conversationId), String(frame.personId), Number(frame.expiresInMs) || 5_000);
      case 'presence':
        this.presenceNow.set(String(frame.personId), String(frame.status));
        this.presenceListeners.forEach((listener) => listener());
        return;
      case 'watching':
        return this.noteCursor(String(frame.conversationId), Number(frame.offset), String(frame.epoch));
      default: {
        // Another feature's frame (a notification); hello, pong and error need nothing.
        const frames = this.handlers.frames ?? {};
        if (Object.hasOwn(frames, frame.type)) {
          frames[frame.type](this.queries, frame);
        }
        return;
      }
    }
  }

  private onReady(frame: Frame): void {
    this.me = String(frame.personId);
    this.planRenewal(String(frame.expiresAt));
    if (this.recoveredOnce) {
      // `ready` again after a fresh token: the socket carries on.
      return;
    }
    this.recoveredOnce = true;
    this.attempt = 0;
    this.setStatus('ready');
    const cursors = [...this.streams].map(([conversationId, s]) => ({ conversationId, offset: s.offset, epoch: s.epoch }));
    for (let i = 0; i < cursors.length; i += MAX_RECOVER) {
      this.send({ type: 'recover', conversations: cursors.slice(i, i + MAX_RECOVER) });
    }
    // What the polling would have shown meanwhile: the unread counts, and what other features missed.
    listAgain(this.queries);
    this.handlers.connected?.(this.queries);
    this.sendPresence();
    this.sendWatch();
    this.watchedConversations.forEach((_, conversationId) => this.send({ type: 'watch', conversationId }));
  }

  private onRecovered(results: Recovery[]): void {
    for (const result of results ?? []) {
      const stream = this.streams.get(result.conversationId);
      if (result.recovered) {
        if (stream && stream.epoch === result.epoch) {
          stream.offset = Math.max(stream.offset, result.offset);
        }
        continue;
      }
      // Not recovered: the stream's position now, and the thread read through REST.
      this.streams.set(result.conversationId, { offset: result.offset, epoch: result.epoch, held: new Map(), gapTimer: null });
      if (stream?.gapTimer) {
        clearTimeout(stream.gapTimer);
      }
      readAgain(this.queries, result.conversationId);
    }
  }

  /** A publication with an offset: applied in order, once; a gap waits a moment, then the thread is read again. */
  private sequenced(frame: Frame): void {
    const conversationId = String(frame.conversationId);
    const offset = Number(frame.offset);
    const epoch = String(frame.epoch);
    const stream = this.streams.get(conversationId);
    if (!stream || stream.epoch !== epoch) {
      // Nothing known of it (or another numbering): this frame starts the count; a thread loaded before is read again.
      if (stream) {
        readAgain(this.queries, conversationId);
      }
      this.streams.set(conversationId, { offset, epoch, held: new Map(), gapTimer: null });
      this.apply(frame);
      return;
    }
    if (offset <= stream.offset || stream.held.has(offset)) {
      return;
    }
    if (offset > stream.offset + 1) {
      stream.held.set(offset, frame);
      if (!stream.gapTimer) {
        stream.gapTimer = setTimeout(() => this.gapNotFilled(conversationId), GAP_WAIT_MS);
      }
      return;
    }
    stream.offset = offset;
    this.apply(frame);
    this.drain(stream);
  }

  /** Applies the held frames that now follow in order. */
  private drain(stream: Stream): void {
    for (let next = stream.held.get(stream.offset + 1); next; next = stream.held.get(stream.offset + 1)) {
      stream.held.delete(stream.offset + 1);
      stream.offset++;
      this.apply(next);
    }
    if (stream.held.size === 0 && stream.gapTimer) {
      clearTimeout(stream.gapTimer);
      stream.gapTimer = null;
    }
  }

  private gapNotFilled(conversationId: string): void {
    const stream = this.streams.get(conversationId);
    if (!stream) {
      return;
    }
    stream.gapTimer = null;
    if (stream.held.size === 0) {
      return;
    }
    stream.offset = Math.max(stream.offset, ...stream.held.keys());
    stream.held.clear();
    readAgain(this.queries, conversationId);
  }

  private apply(frame: Frame): void {
    if (frame.type === 'message') {
      addMessage(this.queries, frame.message as Message, this.me);
    } else if (frame.type === 'message.edited') {
      editMessage(this.queries, frame.message as Message);
    } else {
      removeMessage(this.queries, String(frame.conversationId), String(frame.messageId));
    }
  }

  // ---- cursors ----

  /** The histories already in the cache when the socket starts. */
  private seedCursors(): void {
    for (const query of this.queries.getQueryCache().findAll({ queryKey: ['conversations', 'one'] })) {
      this.fromHistory(query.queryKey, query.state.data);
    }
  }

  private fromHistory(key: readonly unknown[], data: unknown): void {
    if (key.length !== 4 || key[0] !== 'conversations' || key[1] !== 'one' || key[3] !== 'messages') {
      return;
    }
    const newest = (data as { pages?: MessagePage[] } | undefined)?.pages?.[0];
    if (newest && typeof newest.lastOffset === 'number') {
      this.noteCursor(String(key[2]), newest.lastOffset, newest.epoch);
    }
  }

  /** Every history read through REST gives its conversation's position: the newest page's `lastOffset` and `epoch`. */
  private watchCursors(): () => void {
    return this.queries.getQueryCache().subscribe((event) => {
      // A read through REST only: what this client (or a screen) writes into the cache is `manual`.
      if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) {
        return;
      }
      this.fromHistory(event.query.queryKey, event.query.state.data);
    });
  }

  /** A position read through REST (or a `watching` answer): ahead of what the frames brought, or of another epoch, it wins. */
  noteCursor(conversationId: string, offset: number, epoch: string): void {
    const stream = this.streams.get(conversationId);
    if (!stream || stream.epoch !== epoch) {
      if (stream?.gapTimer) {
        clearTimeout(stream.gapTimer);
      }
      this.streams.set(conversationId, { offset, epoch, held: new Map(), gapTimer: null });
      return;
    }
    if (offset < stream.offset) {
      // The history answered from before frames already applied (a read that crossed them): read it again, once (offline,
      // the copy kept on the device answers the same again).
      if (!stream.reread && this.ready()) {
        stream.reread = true;
        readAgain(this.queries, conversationId);
      }
      return;
    }
    stream.reread = false;
    stream.offset = offset;
    for (const held of [...stream.held.keys()]) {
      if (held <= offset) {
        stream.held.delete(held);
      }
    }
    this.drain(stream);
  }

  cursors(): Map<string, Cursor> {
    return new Map([...this.streams].map(([id, s]) => [id, { offset: s.offset, epoch: s.epoch }]));
  }

  // ---- typing ----

  private onTyping(conversationId: string, personId: string, expiresInMs: number): void {
    if (personId === this.me) {
      return;
    }
    const people = this.typingNow.get(conversationId) ?? new Map<string, ReturnType<typeof setTimeout>>();
    this.typingNow.set(conversationId, people);
    const before = people.get(personId);
    if (before) {
      clearTimeout(before);
    }
    people.set(
      personId,
      setTimeout(() => {
        people.delete(personId);
        this.typingListeners.forEach((listener) => listener());
      }, expiresInMs),
    );
    this.typingListeners.forEach((listener) => listener());
  }

  /** Who is typing in a conversation now (person ids). */
  typing(conversationId: string): string[] {
    return [...(this.typingNow.get(conversationId)?.keys() ?? [])];
  }

  onTypingChange(listener: () => void): () => void {
    this.typingListeners.add(listener);
    return () => this.typingListeners.delete(listener);
  }

  /** He is typing: told at most every 3 s per conversation, and only while the socket is ready. */
  sendTyping(conversationId: string): void {
    const now = Date.now();
    const last = this.typingSent.get(conversationId);
    if (last !== undefined && now - last < TYPING_EVERY_MS) {
      return;
    }
    if (this.send({ type: 'typing', conversationId })) {
      this.typingSent.set(conversationId, now);
    }
  }

  // ---- presence ----

  private sendPresence(): void {
    this.send({ type: 'presence', status: this.visible() ? 'online' : 'away' });
  }

  private sendWatch(): void {
    const people = [...new Set([...this.watched.values()].flat())].slice(0, MAX_RECOVER);
    this.send({ type: 'presence.watch', people });
  }

  /** Asks for the presence of these men while the returned function is not called. */
  watchPresence(people: readonly string[]): () => void {
    const handle = Symbol('watch');
    this.watched.set(handle, people);
    this.sendWatch();
    return () => {
      this.watched.delete(handle);
      this.sendWatch();
    };
  }

  /**
   * Also receives a conversation's frames while the returned function is not called: for one he may read without being
   * among its people (the server refuses one he may not read, and a watch of his own conversation changes nothing).
   * Asked again after every reconnect.
   */
  watchConversation(conversationId: string): () => void {
    const screens = this.watchedConversations.get(conversationId) ?? 0;
    this.watchedConversations.set(conversationId, screens + 1);
    if (screens === 0) {
      this.send({ type: 'watch', conversationId });
    }
    let done = false;
    return () => {
      if (done) {
        return;
      }
      done = true;
      const left = (this.watchedConversations.get(conversationId) ?? 1) - 1;
      if (left > 0) {
        this.watchedConversations.set(conversationId, left);
      } else {
        this.watchedConversations.delete(conversationId);
        this.send({ type: 'unwatch', conversationId });
      }
    };
  }

  presence(personId: string): string | undefined {
    return this.presenceNow.get(personId);
  }

  onPresenceChange(listener: () => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  /** Typing and presence are only true while the socket tells them. */
  private forgetLive(): void {
    const hadTyping = this.typingNow.size > 0;
    this.typingNow.forEach((people) => people.forEach((timer) => clearTimeout(timer)));
    this.typingNow.clear();
    if (hadTyping) {
      this.typingListeners.forEach((listener) => listener());
    }
    if (this.presenceNow.size > 0) {
      this.presenceNow.clear();
      this.presenceListeners.forEach((listener) => listener());
    }
  }
}
