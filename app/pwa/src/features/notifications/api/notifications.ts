import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { notificationKeys } from './keys';
import type { Notification, NotificationPage, UnreadCount } from './types';

// His notification centre: the list newest first (all, or the unread ones), the unread count, marking read and
// answering a safety notification. What the socket adds is in ./live.

const PAGE = 30;

export const getNotifications = (unreadOnly: boolean, before: string | null, limit = PAGE) =>
  must(api.GET('/api/v1/notifications', { params: { query: { unread: unreadOnly ? 'true' : null, before, limit } } }));

/** His notifications page by page, newest first; the next page is the one before the last page's `nextBefore`. */
export const notificationsQuery = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam }) => getNotifications(unreadOnly, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page: NotificationPage) => page.nextBefore ?? undefined,
  });

export const useNotifications = (unreadOnly: boolean) => useInfiniteQuery(notificationsQuery(unreadOnly));

export type Pages = InfiniteData<NotificationPage, string | null>;

/** The pages as one list: one the socket put on top may come again in a page read later. */
export const itemsOf = (pages: readonly NotificationPage[]): Notification[] => {
  const seen = new Set<string>();
  return pages.flatMap((page) => page.items).filter((n) => !seen.has(n.id) && Boolean(seen.add(n.id)));
};

/** How many he has not read: the server counts them with a page of one. */
export const unreadCountQuery = () =>
  queryOptions({ queryKey: notificationKeys.count(), queryFn: () => getNotifications(false, null, 1).then((page) => page.unreadCount) });

/**
 * The unread count for the bell. The socket keeps it up to date; `refetchInterval` is the polling the app layer asks
 * for while the socket is down (none by default).
 */
export const useUnreadNotifications = (refetchInterval: number | false = false): number =>
  useQuery({ ...unreadCountQuery(), refetchInterval }).data ?? 0;

/** Changes each list he has loaded. */
export function changeLists(queries: QueryClient, change: (data: Pages, unreadOnly: boolean) => Pages): void {
  for (const unreadOnly of [false, true]) {
    queries.setQueryData<Pages>(notificationKeys.list(unreadOnly), (data) => (data ? change(data, unreadOnly) : data));
  }
}

/** The notification as a loaded list holds it, if one does. */
export function cached(queries: QueryClient, id: string): Notification | undefined {
  for (const unreadOnly of [false, true]) {
    const found = queries.getQueryData<Pages>(notificationKeys.list(unreadOnly))?.pages.flatMap((page) => page.items).find((n) => n.id === id);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export const changeCount = (queries: QueryClient, by: number) =>
  queries.setQueryData<number>(notificationKeys.count(), (n) => (n === undefined ? n : Math.max(0, n + by)));

/**
 * A notification as the server answered it (read, or answered "Got it"): in its place in his lists, and the count one
 * less when it was unread here. The count is read again too: he may have read it on another device.
 */
export function notificationChanged(queries: QueryClient, changed: Notification): void {
  const before = cached(queries, changed.id);
  changeLists(queries, (data) => ({ ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((n) => (n.id === changed.id ? changed : n)) })) }));
  if (before && !before.readAt && changed.readAt) {
    changeCount(queries, -1);
  }
  void queries.invalidateQueries({ queryKey: notificationKeys.count() });
}

export const readNotification = (id: string) => must(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));

/** Marks one read (the screen then goes where it points). */
export const useReadNotification = (after?: After<Notification, string>) => useRequest(readNotification, notificationChanged, after);

export const readAll = () => must(api.POST('/api/v1/notifications/read-all'));

/** Everything read: each loaded one shows read, the unread list is empty, and the count is the server's. */
const allRead = (queries: QueryClient, answer: UnreadCount) => {
  const now = new Date().toISOString();
  changeLists(queries, (data, unreadOnly) =>
    unreadOnly
      ? { pages: [{ items: [], unreadCount: answer.unreadCount, nextBefore: null }], pageParams: [null] }
      : { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((n) => (n.readAt ? n : { ...n, readAt: now })) })) },
  );
  queries.setQueryData<number>(notificationKeys.count(), answer.unreadCount);
};

export const useReadAll = (after?: After<UnreadCount, void>) => useRequest(readAll, allRead, after);

/** "Got it" to a safety notification (409 for any other kind); it is read as well. */
export const acknowledge = (id: string) => must(api.POST('/api/v1/notifications/{id}/acknowledge', { params: { path: { id } } }));

export const useAcknowledge = (after?: After<Notification, string>) => useRequest(acknowledge, notificationChanged, after);
