import { locale, t } from '../../i18n/t';
import { day } from '../../ui/format';
import type { Channel, NotificationLevel } from './api/types';

/**
 * Where a notification points, when it is a path of this app ("/events/42"); null for anything else (another site,
 * "//host", a scheme), so that nothing but the router ever follows one.
 */
export function inAppPath(link: string | null | undefined): string | null {
  return link && /^\/(?![/\\])[^\s\\]*$/.test(link) ? link : null;
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago"; the date once it is a week old. */
export function ago(iso: string, now: number = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) {
    return t('notifications.justNow');
  }
  const relative = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (minutes < 60) {
    return relative.format(-minutes, 'minute');
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return relative.format(-hours, 'hour');
  }
  const days = Math.floor(hours / 24);
  return days < 7 ? relative.format(-days, 'day') : day(iso);
}

export const CHANNELS: readonly Channel[] = ['IN_APP', 'EMAIL', 'SMS', 'PUSH'];

/** The levels a man may choose on a channel: a digest is a mail. */
export const levelsFor = (channel: Channel): NotificationLevel[] => (channel === 'EMAIL' ? ['ALL', 'DIRECT', 'DIGEST', 'OFF'] : ['ALL', 'DIRECT', 'OFF']);
