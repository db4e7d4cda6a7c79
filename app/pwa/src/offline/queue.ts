import { all, put, remove } from './db';

/**
 * Actions taken offline (attendance, check-ins, messages), kept until the network is back and then sent once each.
 * Every action carries its idempotency key from the moment it is made, so a send that reached the server but whose
 * answer was lost is answered as the same action when it is sent again.
 */
export interface QueuedAction {
  id: string;
  kind: 'attendance' | 'check-in' | 'message';
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  label: string;
  createdAt: string;
  /** Orders actions made within the same millisecond. */
  seq: number;
  attempts: number;
  lastError?: string;
  /** A refusal he must see and dismiss himself (a message he wrote): the action stays, marked, until he discards it. */
  keepRefused?: boolean;
  /** The server's refusal of an action kept for him to see; it is not sent again. */
  refused?: Refusal;
}

export interface Refusal {
  status: number;
  code?: string;
  detail: string;
}

/** What the server answered a queued action: the body of its answer, or its refusal. */
export type Answer = { action: QueuedAction; body: unknown } | { action: QueuedAction; refused: Refusal };

export interface FlushOutcome {
  sent: QueuedAction[];
  refused: { action: QueuedAction; status: number; detail: string }[];
  remaining: number;
}

export type Sender = (action: QueuedAction) => Promise<Response>;

const listeners = new Set<() => void>();

export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const changed = () => listeners.forEach((listener) => listener());

const answerListeners = new Set<(answer: Answer) => void>();

/** Hears each answer the server gives a queued action (a screen that shows what it made, a sent message, replaces it with the answer). */
export function onAnswer(listener: (answer: Answer) => void): () => void {
  answerListeners.add(listener);
  return () => answerListeners.delete(listener);
}

const answered = (answer: Answer) => answerListeners.forEach((listener) => listener(answer));

/** Queues an action; `id` is its idempotency key, given when a send with that key may already have reached the server. */
let counter = 0;
const keyOf = (action: QueuedAction) => String(action.seq).padStart(20, '0') + ':' + action.id;

export async function enqueue(action: Omit<QueuedAction, 'id' | 'createdAt' | 'seq' | 'attempts'>, id: string = crypto.randomUUID()): Promise<QueuedAction> {
  const now = Date.now();
  const queued: QueuedAction = { ...action, id, createdAt: new Date(now).toISOString(), seq: now * 1000 + (counter++ % 1000), attempts: 0 };
  await put('queue', keyOf(queued), queued);
  changed();
  return queued;
}

/** Every action on the device, oldest first: those waiting to be sent, and refused ones kept for him to see. */
export async function pending(): Promise<QueuedAction[]> {
  const actions = await all<QueuedAction>('queue');
  return actions.sort((a, b) => a.seq - b.seq);
}

/** The actions still to be sent. */
export const waiting = (actions: QueuedAction[]): QueuedAction[] => actions.filter((action) => !action.refused);

/** Forgets a refused action he has seen. */
export async function discard(action: QueuedAction): Promise<void> {
  await remove('queue', keyOf(action));
  changed();
}

let flushing: Promise<FlushOutcome> | null = null;

/**
 * Sends what is queued, oldest first. A sent action leaves the queue; one the server refuses (4xx) leaves it too and
 * is reported, since sending it again cannot succeed (unless it asks to be kept for him to see: then it stays, marked
 * refused, and is not sent again); a network failure or 5xx stops the flush and keeps the rest.
 * Two flushes never run at once, so no action is sent twice by this device.
 */
export function flush(send: Sender): Promise<FlushOutcome> {
  if (!flushing) {
    flushing = doFlush(send).finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

async function doFlush(send: Sender): Promise<FlushOutcome> {
  const outcome: FlushOutcome = { sent: [], refused: [], remaining: 0 };
  const actions = waiting(await pending());
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i];
    const key = keyOf(action);
    let response: Response;
    try {
      response = await send(action);
    } catch (error) {
      await put('queue', key, { ...action, attempts: action.attempts + 1, lastError: String(error) });
      outcome.remaining = actions.length - i;
      break;
    }
    if (response.ok) {
      const body = await response.json().catch(() => undefined);
      await remove('queue', key);
      outcome.sent.push(action);
      answered({ action, body });
    } else if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 408 && response.status !== 429) {
      const refusal: Refusal = { status: response.status, detail: response.statusText };
      try {
        const problem = await response.json();
        refusal.detail = problem.detail ?? refusal.detail;
        refusal.code = typeof problem.code === 'string' ? problem.code : undefined;
      } catch {
        // keep the status text
      }
      if (action.keepRefused) {
        await put('queue', key, { ...action, attempts: action.attempts + 1, refused: refusal });
      } else {
        await remove('queue', key);
      }
      outcome.refused.push({ action, status: refusal.status, detail: refusal.detail });
      answered({ action, refused: refusal });
    } else {
      await put('queue', key, { ...action, attempts: action.attempts + 1, lastError: 'HTTP ' + response.status });
      outcome.remaining = actions.length - i;
      break;
    }
  }
  changed();
  return outcome;
}
