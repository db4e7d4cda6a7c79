import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { session } from '../../../api/session';
import { RealtimeClient, type RealtimeHandlers, type Status } from './client';

// The page's one socket, and what the screens read of it. Until it is ready (and in tests that start none) the
// screens poll as before.

let current: RealtimeClient | null = null;
const changes = new Set<() => void>();

/** The socket the screens read (useRealtime sets it; a test may set a client of its own). */
export const setCurrent = (client: RealtimeClient | null) => {
  current = client;
  changes.forEach((listener) => listener());
};

/** The socket of this page, if one runs. */
export const realtime = (): RealtimeClient | null => current;

const subscribeTo = (pick: (client: RealtimeClient, listener: () => void) => () => void) => (listener: () => void) => {
  let stop = current ? pick(current, listener) : () => undefined;
  const swap = () => {
    stop();
    stop = current ? pick(current, listener) : () => undefined;
    listener();
  };
  changes.add(swap);
  return () => {
    changes.delete(swap);
    stop();
  };
};

const subscribeStatus = subscribeTo((client, listener) => client.onStatus(listener));
const subscribeTyping = subscribeTo((client, listener) => client.onTypingChange(listener));
const subscribePresence = subscribeTo((client, listener) => client.onPresenceChange(listener));

/**
 * Keeps the socket open while he is signed in (the app's signed-in shell calls it once, with what other features do
 * with it: a value that does not change, or the socket opens again).
 */
export function useRealtime(handlers?: RealtimeHandlers): void {
  const queries = useQueryClient();
  useEffect(() => {
    const client = new RealtimeClient({ queries, tokens: session, handlers });
    setCurrent(client);
    client.start();
    return () => {
      client.stop();
      if (current === client) {
        setCurrent(null);
      }
    };
  }, [queries, handlers]);
}

export function useRealtimeStatus(): Status {
  return useSyncExternalStore(subscribeStatus, () => current?.status() ?? 'stopped');
}

/** Whether the socket tells what happens now: then nothing needs polling. */
export const useSocketReady = (): boolean => useRealtimeStatus() === 'ready';

const none: string[] = [];
const typingCache = new Map<string, string[]>();

/** Who is typing in the conversation now (person ids), as the socket says. */
export function useTyping(conversationId: string): string[] {
  return useSyncExternalStore(subscribeTyping, () => {
    const now = current?.typing(conversationId) ?? none;
    const before = typingCache.get(conversationId);
    // The same array while the same people type, so that React does not render in a loop.
    if (before && before.length === now.length && before.every((id, i) => id === now[i])) {
      return before;
    }
    const next = now.length === 0 ? none : now;
    typingCache.set(conversationId, next);
    return next;
  });
}

/** A man's presence (online, away, offline), asked of the server while the screen shows it; undefined before it answers. */
export function usePresence(personId: string | null | undefined): string | undefined {
  const ready = useSocketReady();
  useEffect(() => {
    if (!personId || !ready || !current) {
      return;
    }
    return current.watchPresence([personId]);
  }, [personId, ready]);
  return useSyncExternalStore(subscribePresence, () => (personId ? current?.presence(personId) : undefined));
}

const onlineCache = new Map<string, string[]>();

/** Which of these men are online now (away and offline are not), asked of the server while the screen shows them. */
export function useOnline(people: readonly string[]): string[] {
  const ready = useSocketReady();
  const key = people.join(',');
  useEffect(() => {
    if (!ready || !current || key === '') {
      return;
    }
    return current.watchPresence(key.split(','));
  }, [key, ready]);
  return useSyncExternalStore(subscribePresence, () => {
    const online = current ? people.filter((person) => current?.presence(person) === 'online') : none;
    const before = onlineCache.get(key);
    // The same array while the same men are online, so that React does not render in a loop.
    if (before && before.length === online.length && before.every((id, i) => id === online[i])) {
      return before;
    }
    const next = online.length === 0 ? none : online;
    onlineCache.set(key, next);
    return next;
  });
}

/**
 * Watches a conversation while the screen shows it, when he may read it without being one of its people (an admin or
 * an event's manager in its staff chat): its frames reach him as they reach its people.
 */
export function useWatchConversation(conversationId: string, enabled: boolean): void {
  const ready = useSocketReady();
  useEffect(() => {
    if (!enabled || !ready || !current) {
      return;
    }
    return current.watchConversation(conversationId);
  }, [conversationId, enabled, ready]);
}

/** What the composer calls as he types: the socket tells the others, at most every 3 s. */
export function useTypingSender(conversationId: string): () => void {
  return useCallback(() => current?.sendTyping(conversationId), [conversationId]);
}
