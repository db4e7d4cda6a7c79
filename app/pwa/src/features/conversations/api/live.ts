/**
 * How the screens hear of new messages until the real-time socket comes: they read again every few seconds. Every
 * interval is here, so that the socket replaces this file and nothing else.
 */
export const live = {
  /** An open thread. */
  thread: 5_000,
  /** The list of his chats, while it is on screen. */
  list: 15_000,
  /** The unread count in the menu, on every screen. */
  badge: 60_000,
};
