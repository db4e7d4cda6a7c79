import { queryOptions, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { safetyKeys } from './keys';
import { REFRESH_MS } from './reachOuts';
import type { SafetyMessage, SafetyMessageRequest } from './types';

// Must-reach messages: a facilitator (or an admin) sends what his men must hear, and follows who has been reached.

/** The most a must-reach message holds, as the server counts it (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 1000;

export const bytes = (text: string) => new TextEncoder().encode(text).length;

/** Whom to, and the Idempotency-Key of the attempt. */
export interface MessageAttempt {
  request: SafetyMessageRequest;
  key: string;
}

export const sendSafetyMessage = (attempt: MessageAttempt) =>
  must(api.POST('/api/v1/safety-messages', { params: { header: { 'Idempotency-Key': attempt.key } }, body: attempt.request }));

/**
 * Sends a must-reach message: the Idempotency-Key is made when he presses send and kept for the same text until it
 * has gone through, so that a second press after a network error does not reach his men twice.
 */
export function useSendSafetyMessage(after?: After<SafetyMessage, MessageAttempt>) {
  const unsent = useRef<MessageAttempt | null>(null);
  const request = useRequest(
    sendSafetyMessage,
    (queries, message: SafetyMessage) => queries.setQueryData(safetyKeys.message(message.id), message),
    {
      onSuccess: (message, attempt) => {
        unsent.current = null;
        after?.onSuccess?.(message, attempt);
      },
    },
  );
  const send = (to: Omit<SafetyMessageRequest, 'text'>, text: string) => {
    const body = { ...to, text: text.trim() };
    const previous = unsent.current;
    const attempt = previous && JSON.stringify(previous.request) === JSON.stringify(body) ? previous : { request: body, key: crypto.randomUUID() };
    unsent.current = attempt;
    request.mutate(attempt);
  };
  return { send, error: request.error, isPending: request.isPending };
}

export const getSafetyMessage = (id: string) => must(api.GET('/api/v1/safety-messages/{id}', { params: { path: { id } } }));

export const safetyMessageQuery = (id: string) => queryOptions({ queryKey: safetyKeys.message(id), queryFn: () => getSafetyMessage(id) });

/** A message he sent, read again every 15 seconds while its screen is open. */
export const useSafetyMessage = (id: string) => useQuery({ ...safetyMessageQuery(id), refetchInterval: REFRESH_MS });
