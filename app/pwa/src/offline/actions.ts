import { fetchWithSession, send } from '../api/client';
import { ApiError } from '../api/problem';
import { enqueue, flush, type QueuedAction, type Sender } from './queue';

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

/** A queued action goes out with its idempotency key, and with a renewed token when it waited longer than the old one lived. */
const sendQueued: Sender = (action) =>
  fetchWithSession(action.path, { method: action.method, headers: { 'Idempotency-Key': action.id }, body: JSON.stringify(action.body) });

export const flushQueue = () => flush(sendQueued);
