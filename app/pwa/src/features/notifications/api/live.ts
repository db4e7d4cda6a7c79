import type { QueryClient } from '@tanstack/react-query';
import { changeCount, changeLists, cached } from './notifications';
import { notificationKeys } from './keys';
import type { Notification } from './types';

// What the real-time socket changes in the notification centre: the app layer hands these to the socket.

/** A notification written for him: on top of his lists (once; the unread list only while unread) and counted. */
export function notificationArrived(queries: QueryClient, notification: Notification): void {
  const known = cached(queries, notification.id) !== undefined;
  changeLists(queries, (data, unreadOnly) => {
    if (data.pages.length === 0 || data.pages.some((page) => page.items.some((n) => n.id === notification.id)) || (unreadOnly && notification.readAt)) {
      return data;
    }
    const [newest, ...older] = data.pages;
    return { ...data, pages: [{ ...newest, items: [notification, ...newest.items] }, ...older] };
  });
  if (!known && !notification.readAt) {
    changeCount(queries, 1);
  }
}

const isNotification = (value: unknown): value is Notification =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { title?: unknown }).title === 'string';

/** The socket's `{ type: "notification", notification }` frame. */
export function notificationFrame(queries: QueryClient, frame: Record<string, unknown>): void {
  if (isNotification(frame.notification)) {
    notificationArrived(queries, frame.notification);
  }
}

/** After the socket (re)connects: what it did not tell meanwhile is read again (the lists on screen and the count). */
export const notificationsAgain = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: notificationKeys.all });
