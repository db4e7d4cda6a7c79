import type { RealtimeHandlers } from '../features/conversations/realtime/client';
import { notificationFrame, notificationsAgain } from '../features/notifications/api/live';
import { pollFrame, pollsAgain } from '../features/polls/api/live';

/**
 * What features other than conversations take from the real-time socket: notifications, live in the bell and the list;
 * polls' tallies, live on the poll and the lists.
 */
export const realtimeHandlers: RealtimeHandlers = {
  frames: { notification: notificationFrame, poll: pollFrame },
  connected: (queries) => {
    notificationsAgain(queries);
    pollsAgain(queries);
  },
};
