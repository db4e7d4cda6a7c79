import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from './db';
import { discard, enqueue, flush, onAnswer, pending, waiting, type Answer, type QueuedAction } from './queue';

const message = (text: string) => ({ kind: 'message' as const, method: 'POST' as const, path: '/api/v1/conversations/c/messages', body: { text }, label: 'chat', keepRefused: true });
const attendance = (label: string) => ({ kind: 'attendance' as const, method: 'POST' as const, path: '/api/v1/circles/c/meetings', body: { label }, label });

describe('the offline queue', () => {
  beforeEach(async () => {
    await clearAll();
  });

  it('sends queued actions oldest first, each once, and empties', async () => {
    await enqueue(attendance('first'));
    await enqueue(attendance('second'));
    const sent: QueuedAction[] = [];

    const outcome = await flush(async (action) => {
      sent.push(action);
      return new Response('{}', { status: 201 });
    });

    expect(sent.map((a) => a.label)).toEqual(['first', 'second']);
    expect(outcome.sent).toHaveLength(2);
    expect(await pending()).toEqual([]);
  });

  it('gives every action its idempotency key when it is made, and keeps it across attempts', async () => {
    const queued = await enqueue(attendance('once'));
    const keys: string[] = [];
    await flush(async (action) => {
      keys.push(action.id);
      throw new TypeError('Failed to fetch');
    });

    await flush(async (action) => {
      keys.push(action.id);
      return new Response('{}', { status: 200 });
    });

    expect(keys).toEqual([queued.id, queued.id]);
  });

  it('keeps everything from the first network failure on, for the next flush', async () => {
    await enqueue(attendance('a'));
    await enqueue(attendance('b'));
    await enqueue(attendance('c'));
    let calls = 0;

    const outcome = await flush(async () => {
      calls += 1;
      if (calls === 2) {
        throw new TypeError('Failed to fetch');
      }
      return new Response('{}', { status: 201 });
    });

    expect(outcome.remaining).toBe(2);
    expect((await pending()).map((a) => a.label)).toEqual(['b', 'c']);
    expect((await pending())[0].attempts).toBe(1);
  });

  it('drops and reports an action the server refuses, since sending it again cannot succeed', async () => {
    await enqueue(attendance('refused'));

    const outcome = await flush(async () => new Response(JSON.stringify({ code: 'VALIDATION_ERROR', detail: 'marks a stranger' }), { status: 422 }));

    expect(outcome.refused).toEqual([expect.objectContaining({ status: 422, detail: 'marks a stranger' })]);
    expect(await pending()).toEqual([]);
  });

  it('keeps an action the server could not take now (5xx, 429)', async () => {
    await enqueue(attendance('later'));

    await flush(async () => new Response('{}', { status: 503 }));

    expect(await pending()).toHaveLength(1);
  });

  it('never runs two flushes at once, so an action is not sent twice by one device', async () => {
    await enqueue(attendance('one'));
    let sends = 0;
    const slow = async () => {
      sends += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Response('{}', { status: 201 });
    };

    await Promise.all([flush(slow), flush(slow)]);

    expect(sends).toBe(1);
  });

  it('tells who listens what the server answered, once the action has left the queue', async () => {
    const queued = await enqueue(message('hello'));
    const answers: Answer[] = [];
    const stop = onAnswer((answer) => answers.push(answer));

    await flush(async () => new Response(JSON.stringify({ id: 'm1', text: 'hello' }), { status: 201 }));
    stop();

    expect(answers).toEqual([{ action: expect.objectContaining({ id: queued.id }), body: { id: 'm1', text: 'hello' } }]);
    expect(await pending()).toEqual([]);
  });

  it('keeps a refused message marked, sends it no more, and forgets it when he discards it', async () => {
    await enqueue(message('not allowed'));
    const refusal = () => new Response(JSON.stringify({ code: 'CONVERSATION_NOT_ALLOWED', detail: 'left the circle' }), { status: 403 });
    await flush(async () => refusal());
    let sends = 0;

    await flush(async () => {
      sends += 1;
      return refusal();
    });

    const [kept] = await pending();
    expect(kept.refused).toEqual({ status: 403, code: 'CONVERSATION_NOT_ALLOWED', detail: 'left the circle' });
    expect(waiting(await pending())).toEqual([]);
    expect(sends).toBe(0);
    await discard(kept);
    expect(await pending()).toEqual([]);
  });
});
