import { send } from '../api/client';
import { ApiError } from '../api/problem';
import { session } from '../api/session';
import { enqueue, flush, httpSender, type QueuedAction } from './queue';

export type Outcome<T> = { sent: true; body: T } | { sent: false; queued: QueuedAction };

/**
 * Sends an action that must not be lost (attendance, a check-in) with its idempotency key; without a network it
 * goes to the offline queue under the same key, to be sent when the network is back.
 */
export async function sendOrQueue<T>(action: Omit<QueuedAction, 'id' | 'createdAt' | 'seq' | 'attempts'>): Promise<Outcome<T>> {
  const key = crypto.randomUUID();
  if (navigator.onLine) {
    // Even when the last request failed: this one may find the server again.
    try {
      const response = await send(action.path, { method: action.method, body: JSON.stringify(action.body), headers: { 'Idempotency-Key': key } });
      return { sent: true, body: (await response.json()) as T };
    } catch (error) {
      if (!(error instanceof ApiError && error.offline)) {
        throw error;
      }
    }
  }
  const queued = await enqueue({ ...action }, key);
  return { sent: false, queued };
}

export const flushQueue = () => flush(httpSender(() => session.token()));
