import { useSocketReady } from '../realtime/hooks';

/**
 * How the screens hear of new messages. While the real-time socket is ready it tells them, and nothing polls; while it
 * is down (connecting, offline, waiting to reconnect) they read again every few seconds, as a fallback.
 */
export const live = {
  /** An open thread. */
  thread: 5_000,
  /** The list of his chats, while it is on screen. */
  list: 15_000,
  /** The unread count in the menu, on every screen. */
  badge: 60_000,
};

/** The interval to poll at now: none while the socket is ready. */
export const pollEvery = (interval: number, socketReady: boolean): number | false => (socketReady ? false : interval);

/** The polling intervals for the socket's state now (a screen renders again when it changes). */
export function useLive(): { thread: number | false; list: number | false; badge: number | false } {
  const ready = useSocketReady();
  return { thread: pollEvery(live.thread, ready), list: pollEvery(live.list, ready), badge: pollEvery(live.badge, ready) };
}
