import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll } from '../../../offline/db';
import { flushQueue } from '../../../offline/actions';
import { pending } from '../../../offline/queue';
import { merge } from '../thread';
import { useOutbox, writeMessage } from './outbox';
import type { Message } from './types';

const chat = { id: 'c1', title: 'Tuesday Circle' };

/** The message the server writes for the send. */
const written: Message = {
  id: 'm7', conversationId: 'c1', offset: 7, authorId: 'me', authorName: 'Me', text: 'see you Tuesday', removed: false, sentAt: '2026-12-05T10:00:00Z', editedAt: null, seenBy: 0,
};

const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;

/** The server as the queue meets it: each call's Idempotency-Key is noted, and the answer is the test's. */
function server(answer: (call: number) => Response | Error) {
  const keys: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (_: string, init: RequestInit) => {
    keys.push(new Headers(init.headers).get('Idempotency-Key') ?? '');
    const outcome = answer(keys.length);
    if (outcome instanceof Error) {
      throw outcome;
    }
    return outcome;
  }));
  return keys;
}

const offline = () => vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);

describe('a message he writes', () => {
  beforeEach(async () => {
    await clearAll();
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('is kept on the device under its Idempotency-Key before anything is sent, and shows as waiting offline', async () => {
    offline();
    const outbox = renderHook(() => useOutbox('c1'), { wrapper });

    const queued = await writeMessage(chat, 'see you Tuesday');

    await waitFor(() => expect(outbox.result.current.outgoing).toEqual([expect.objectContaining({ key: queued.id, text: 'see you Tuesday', state: 'waiting' })]));
    expect((await pending()).map((action) => action.id)).toEqual([queued.id]);
  });

  it('goes out with the same key after a failed send, so the server writes it once', async () => {
    offline();
    const queued = await writeMessage(chat, 'see you Tuesday');
    const keys = server((call) => (call === 1 ? new TypeError('Failed to fetch') : new Response(JSON.stringify(written), { status: 201 })));

    await flushQueue();
    await flushQueue();

    expect(keys).toEqual([queued.id, queued.id]);
    expect(await pending()).toEqual([]);
  });

  it('gives way to the message the server wrote: pending with key K, then that message, then the listed one, never two', async () => {
    offline();
    const outbox = renderHook(() => useOutbox('c1'), { wrapper });
    const queued = await writeMessage(chat, 'see you Tuesday');
    await waitFor(() => expect(outbox.result.current.outgoing).toHaveLength(1));
    server(() => new Response(JSON.stringify(written), { status: 201 }));

    await act(async () => {
      await flushQueue();
    });

    await waitFor(() => expect(outbox.result.current.outgoing).toEqual([]));
    const { sent, outgoing } = outbox.result.current;
    expect(sent.get(queued.id)?.id).toBe('m7');
    expect(merge([], sent, outgoing).map((entry) => entry.key)).toEqual(['m7']);
    expect(merge([written], sent, outgoing).map((entry) => entry.key)).toEqual(['m7']);
  });

  it('stays, marked refused, when the server refuses it, until he discards it', async () => {
    offline();
    const outbox = renderHook(() => useOutbox('c1'), { wrapper });
    const queued = await writeMessage(chat, 'still here?');
    server(() => new Response(JSON.stringify({ code: 'CONVERSATION_NOT_ALLOWED', detail: 'He left the circle' }), { status: 403 }));

    await act(async () => {
      await flushQueue();
    });

    await waitFor(() =>
      expect(outbox.result.current.outgoing).toEqual([expect.objectContaining({ key: queued.id, state: 'refused', refusal: expect.objectContaining({ code: 'CONVERSATION_NOT_ALLOWED' }) })]),
    );
    await act(async () => {
      await outbox.result.current.discard(queued.id);
    });
    await waitFor(() => expect(outbox.result.current.outgoing).toEqual([]));
  });

  it('is shown only in its own conversation', async () => {
    offline();
    const other = renderHook(() => useOutbox('c2'), { wrapper });

    await writeMessage(chat, 'for c1');

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(other.result.current.outgoing).toEqual([]);
  });
});
