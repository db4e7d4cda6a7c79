/**
 * Every query key of notifications. `all` reaches his notification centre (the lists and the unread count), which a
 * reconnected socket reads again; his settings are apart, under `settings`.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  /** His notifications page by page: all of them, or the unread ones only. */
  list: (unreadOnly: boolean) => [...notificationKeys.lists(), unreadOnly ? 'unread' : 'all'] as const,
  /** How many he has not read (the bell's badge). */
  count: () => [...notificationKeys.all, 'count'] as const,
  settings: ['notification-settings'] as const,
  /** His level per kind and channel. */
  preferences: () => [...notificationKeys.settings, 'levels'] as const,
  quietHours: () => [...notificationKeys.settings, 'quiet-hours'] as const,
  /** How often his digest mail comes, and on which clock. */
  schedule: () => [...notificationKeys.settings, 'schedule'] as const,
  /** This device: whether it is subscribed to push, and what the browser allows. */
  device: () => [...notificationKeys.settings, 'this-device'] as const,
  /** The circles he muted. */
  mutedCircles: () => [...notificationKeys.settings, 'muted-circles'] as const,
  /** The organisation's levels for men who never chose (admins). */
  defaults: ['notification-defaults'] as const,
};
