import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { flushQueue } from '../../../offline/actions';
import { discard, enqueue, onAnswer, onQueueChange, pending, type QueuedAction } from '../../../offline/queue';
import { useOnline } from '../../../offline/status';
import type { Outgoing } from '../thread';
import { conversationKeys } from './keys';
import type { Conversation, Message } from './types';

/**
 * The messages he writes go through the offline queue: each is kept on the device with its Idempotency-Key from the
 * moment he writes it, then sent, now or when the network is back, with that same key, so the server writes it once
 * however often it is sent. What the server answers replaces it in the thread; a refusal stays until he discards it.
 */

export const messagesPath = (conversationId: string) => `/api/v1/conversations/${conversationId}/messages`;

const isMessageOf = (conversationId: string) => (action: QueuedAction) => action.kind === 'message' && action.path === messagesPath(conversationId);

/** The messages the server wrote for his sends, by Idempotency-Key: the thread shows them until its list holds them. */
const became = new Map<string, Message>();
const hearers = new Set<() => void>();

onAnswer((answer) => {
  if (answer.action.kind === 'message' && 'body' in answer && answer.body) {
    became.set(answer.action.id, answer.body as Message);
    hearers.forEach((hear) => hear());
  }
});

const sentIn = (conversationId: string): Map<string, Message> => new Map([...became].filter(([, message]) => message.conversationId === conversationId));

/** Sends what waits; if a send already under way took its list before this message was queued, once more. */
async function push(key: string): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await flushQueue().catch(() => undefined);
    const still = (await pending()).find((action) => action.id === key);
    if (!still || still.attempts > 0 || still.refused) {
      return;
    }
  }
}

/** Writes a message: it is queued under a new Idempotency-Key at once, then sent. */
export async function writeMessage(conversation: Pick<Conversation, 'id' | 'title'>, text: string): Promise<QueuedAction> {
  const queued = await enqueue(
    { kind: 'message', method: 'POST', path: messagesPath(conversation.id), body: { text }, label: conversation.title, keepRefused: true },
    crypto.randomUUID(),
  );
  if (navigator.onLine) {
    void push(queued.id);
  }
  return queued;
}

/** A queued message as the thread shows it: sending while it has not failed and the network is there, else waiting; or refused. */
export function outgoingOf(action: QueuedAction, online: boolean): Outgoing {
  const text = (action.body as { text: string }).text;
  if (action.refused) {
    return { key: action.id, text, writtenAt: action.createdAt, state: 'refused', refusal: action.refused };
  }
  return { key: action.id, text, writtenAt: action.createdAt, state: online && action.attempts === 0 ? 'sending' : 'waiting' };
}

/**
 * What he wrote in this conversation on this device and the server has not listed yet: the queued messages and the
 * server's answers to those already sent. An answer reads the thread again, so that the list soon holds it.
 */
export function useOutbox(conversationId: string) {
  const queries = useQueryClient();
  const online = useOnline();
  const [actions, setActions] = useState<QueuedAction[]>([]);
  const [sent, setSent] = useState(() => sentIn(conversationId));
  useEffect(() => {
    const read = () =>
      void pending()
        .then((all) => setActions(all.filter(isMessageOf(conversationId))))
        .catch(() => setActions([]));
    const answered = () => {
      setSent(sentIn(conversationId));
      void queries.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) });
      void queries.invalidateQueries({ queryKey: conversationKeys.list() });
    };
    read();
    setSent(sentIn(conversationId));
    hearers.add(answered);
    const stop = onQueueChange(read);
    return () => {
      stop();
      hearers.delete(answered);
    };
  }, [conversationId, queries]);
  const outgoing = useMemo(() => actions.map((action) => outgoingOf(action, online)), [actions, online]);
  const byKey = useMemo(() => new Map(actions.map((action) => [action.id, action])), [actions]);
  return {
    outgoing,
    sent,
    /** Forgets a refused message. */
    discard: (key: string) => {
      const action = byKey.get(key);
      return action ? discard(action) : Promise.resolve();
    },
  };
}
