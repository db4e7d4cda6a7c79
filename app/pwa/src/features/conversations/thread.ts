import { locale, t } from '../../i18n/t';
import type { Refusal } from '../../offline/queue';
import type { Conversation, Message } from './api/types';

// What a thread shows, worked out from what the server listed and what he wrote on this device: no React, no requests.

/** A message he wrote on this device that the server has not listed: sending, waiting for the network, or refused. */
export interface Outgoing {
  /** Its Idempotency-Key, given when he wrote it. */
  key: string;
  text: string;
  writtenAt: string;
  state: 'sending' | 'waiting' | 'refused';
  refusal?: Refusal;
}

export type Entry = { kind: 'message'; key: string; message: Message } | { kind: 'outgoing'; key: string; outgoing: Outgoing };

/**
 * The thread, oldest first: the listed messages (once each, though pages may overlap while they are read again), the
 * messages the server answered for his sends (`sent`, by Idempotency-Key) until the list holds them, then what he wrote
 * that is not answered yet. A message he wrote shows once: as his, pending, until the answer; as the server's after.
 */
export function merge(listed: readonly Message[], sent: ReadonlyMap<string, Message>, outgoing: readonly Outgoing[]): Entry[] {
  const byId = new Map<string, Message>();
  for (const message of [...listed, ...sent.values()]) {
    if (!byId.has(message.id)) {
      byId.set(message.id, message);
    }
  }
  const messages = [...byId.values()].sort((a, b) => a.offset - b.offset);
  return [
    ...messages.map((message): Entry => ({ kind: 'message', key: message.id, message })),
    ...outgoing.filter((o) => !sent.has(o.key)).map((o): Entry => ({ kind: 'outgoing', key: o.key, outgoing: o })),
  ];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant, as YYYY-MM-DD. */
export const dayKey = (at: string | Date): string => {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export const writtenAt = (entry: Entry): string => (entry.kind === 'message' ? entry.message.sentAt : entry.outgoing.writtenAt);

export interface Day {
  key: string;
  entries: Entry[];
}

/** The thread cut into days (local time), in order: a separator goes before each. */
export function byDay(entries: readonly Entry[]): Day[] {
  const days: Day[] = [];
  for (const entry of entries) {
    const key = dayKey(writtenAt(entry));
    const last = days[days.length - 1];
    if (last && last.key === key) {
      last.entries.push(entry);
    } else {
      days.push({ key, entries: [entry] });
    }
  }
  return days;
}

const yesterdayOf = (now: Date) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);

/** A day's separator: "Today", "Yesterday", or its date (with the year when it is not this year's). */
export function dayLabel(key: string, now: Date = new Date()): string {
  if (key === dayKey(now)) {
    return t('chats.today');
  }
  if (key === dayKey(yesterdayOf(now))) {
    return t('chats.yesterday');
  }
  const [year, month, day] = key.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
  if (year !== now.getFullYear()) {
    options.year = 'numeric';
  }
  return new Intl.DateTimeFormat(locale(), options).format(new Date(year, month - 1, day));
}

/** The time of a message, as the clock shows it. */
export const timeOf = (at: string): string => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(at));

/** When a conversation last moved, for his list: the time today, "Yesterday", else the date. */
export function lastMoved(at: string, now: Date = new Date()): string {
  const key = dayKey(at);
  if (key === dayKey(now)) {
    return timeOf(at);
  }
  if (key === dayKey(yesterdayOf(now))) {
    return t('chats.yesterday');
  }
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (new Date(at).getFullYear() !== now.getFullYear()) {
    options.year = 'numeric';
  }
  return new Intl.DateTimeFormat(locale(), options).format(new Date(at));
}

/** His newest message still standing in the thread: "seen by" goes under it. */
export function lastOwn(entries: readonly Entry[], me: string | undefined): Message | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.kind === 'message' && entry.message.authorId === me && !entry.message.removed) {
      return entry.message;
    }
  }
  return undefined;
}

/** "Seen by 3 of 5" in a group chat (the others: everyone in it but him); "Seen" in a one-to-one that shows it; else nothing. */
export function seenText(message: Message, conversation: Pick<Conversation, 'kind' | 'participants'>): string | null {
  if (message.seenBy == null) {
    return null;
  }
  if (conversation.kind === 'DIRECT') {
    return message.seenBy > 0 ? t('chats.seen') : null;
  }
  return t('chats.seenBy', { n: message.seenBy, of: Math.max(conversation.participants - 1, 0) });
}

/** The newest offset of a message of others: what marking the thread read moves his marker to. */
export function newestOfOthers(listed: readonly Message[], me: string | undefined): number | undefined {
  let newest: number | undefined;
  for (const message of listed) {
    if (message.authorId !== me && (newest === undefined || message.offset > newest)) {
      newest = message.offset;
    }
  }
  return newest;
}

/** The server takes at most 8 KB of UTF-8 per message. */
export const MAX_BYTES = 8192;

export const bytesOf = (text: string): number => new TextEncoder().encode(text).length;

/** What the server would refuse in a message before it is sent: blank, or too long. */
export function textProblem(text: string): 'blank' | 'tooLong' | null {
  if (text.trim() === '') {
    return 'blank';
  }
  return bytesOf(text) > MAX_BYTES ? 'tooLong' : null;
}
