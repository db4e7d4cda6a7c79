import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { notificationKeys } from './keys';
import { notificationArrived, notificationFrame, notificationsAgain } from './live';
import { notificationChanged, type Pages } from './notifications';
import type { Notification } from './types';

const aNotification = (id: string, more: Partial<Notification> = {}): Notification => ({
  id, kind: 'MESSAGE', title: 'Title ' + id, body: 'Body', link: '/chats/c1', direct: true, safety: false, createdAt: '2026-12-10T12:00:00Z', readAt: null, acknowledgedAt: null, ...more,
});

const pages = (...items: Notification[]): Pages => ({ pages: [{ items, unreadCount: 0, nextBefore: null }], pageParams: [null] });

function cache(unread: number, all: Notification[], unreadOnly?: Notification[]) {
  const queries = new QueryClient();
  queries.setQueryData(notificationKeys.count(), unread);
  queries.setQueryData(notificationKeys.list(false), pages(...all));
  if (unreadOnly) {
    queries.setQueryData(notificationKeys.list(true), pages(...unreadOnly));
  }
  return queries;
}

const ids = (queries: QueryClient, unreadOnly: boolean) => queries.getQueryData<Pages>(notificationKeys.list(unreadOnly))?.pages.flatMap((page) => page.items.map((n) => n.id));

describe('a notification the socket tells', () => {
  it('goes on top of both lists and is counted', () => {
    const queries = cache(1, [aNotification('old', { readAt: '2026-12-10T12:00:00Z' }), aNotification('n1')], [aNotification('n1')]);

    notificationArrived(queries, aNotification('n2'));

    expect(ids(queries, false)).toEqual(['n2', 'old', 'n1']);
    expect(ids(queries, true)).toEqual(['n2', 'n1']);
    expect(queries.getQueryData(notificationKeys.count())).toBe(2);
  });

  it('is counted once, however often it is told', () => {
    const queries = cache(0, []);

    notificationArrived(queries, aNotification('n1'));
    notificationArrived(queries, aNotification('n1'));

    expect(ids(queries, false)).toEqual(['n1']);
    expect(queries.getQueryData(notificationKeys.count())).toBe(1);
  });

  it('is taken from its frame, and a frame without one changes nothing', () => {
    const queries = cache(0, []);

    notificationFrame(queries, { type: 'notification', notification: aNotification('n1') });
    notificationFrame(queries, { type: 'notification', notification: 'not one' });
    notificationFrame(queries, { type: 'notification' });

    expect(ids(queries, false)).toEqual(['n1']);
    expect(queries.getQueryData(notificationKeys.count())).toBe(1);
  });

  it('leaves alone what no screen has loaded', () => {
    const queries = new QueryClient();

    notificationArrived(queries, aNotification('n1'));

    expect(queries.getQueryData(notificationKeys.list(false))).toBeUndefined();
    expect(queries.getQueryData(notificationKeys.count())).toBeUndefined();
  });
});

describe('a notification read', () => {
  it('shows read in its place and is counted out', () => {
    const queries = cache(2, [aNotification('n1'), aNotification('n2')]);

    notificationChanged(queries, aNotification('n1', { readAt: '2026-12-10T12:05:00Z' }));

    expect(queries.getQueryData<Pages>(notificationKeys.list(false))?.pages[0].items.map((n) => n.readAt)).toEqual(['2026-12-10T12:05:00Z', null]);
    expect(queries.getQueryData(notificationKeys.count())).toBe(1);
  });
});

describe('after the socket reconnects', () => {
  it('reads the notification centre again, and not his settings', () => {
    const queries = cache(0, []);
    queries.setQueryData(notificationKeys.preferences(), { items: [], channels: [] });

    notificationsAgain(queries);

    expect(queries.getQueryState(notificationKeys.count())?.isInvalidated).toBe(true);
    expect(queries.getQueryState(notificationKeys.list(false))?.isInvalidated).toBe(true);
    expect(queries.getQueryState(notificationKeys.preferences())?.isInvalidated).toBe(false);
  });
});
