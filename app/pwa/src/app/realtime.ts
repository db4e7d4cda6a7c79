import type { RealtimeHandlers } from '../features/conversations/realtime/client';
import { notificationFrame, notificationsAgain } from '../features/notifications/api/live';

/** What features other than conversations take from the real-time socket: notifications, live in the bell and the list. */
export const realtimeHandlers: RealtimeHandlers = {
  frames: { notification: notificationFrame },
  connected: notificationsAgain,
};
