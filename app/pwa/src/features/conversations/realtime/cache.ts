import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { announcementKeys, conversationKeys } from '../api/keys';
import type { Conversation, ConversationList, Message, MessagePage } from '../api/types';

// What a frame of the socket changes in the query cache: no socket here, only the cache. A message written, edited or
// removed goes into the thread where it is loaded and into the list; anything this cannot place is read again.

type Pages = InfiniteData<MessagePage, number | null>;

/** A new message: on top of the thread's newest page (once), and the list's last message, order and unread count. */
export function addMessage(queries: QueryClient, message: Message, me: string | null): void {
  queries.setQueryData<Pages>(conversationKeys.messages(message.conversationId), (data) => {
    if (!data || data.pages.length === 0 || data.pages.some((page) => page.items.some((m) => m.id === message.id))) {
      return data;
    }
    const [newest, ...older] = data.pages;
    const items = [message, ...newest.items].sort((a, b) => b.offset - a.offset);
    return { ...data, pages: [{ ...newest, items, lastOffset: Math.max(newest.lastOffset, message.offset) }, ...older] };
  });
  const list = queries.getQueryData<ConversationList>(conversationKeys.list());
  if (!list) {
    return;
  }
  const conversation = list.items.find((c) => c.id === message.conversationId);
  if (!conversation) {
    // A conversation the list does not hold yet (a new one-to-one): read the list again.
    void queries.invalidateQueries({ queryKey: conversationKeys.list() });
    return;
  }
  if (conversation.lastMessage && conversation.lastMessage.offset >= message.offset) {
    return;
  }
  const others = message.authorId !== me && message.offset > conversation.readOffset && !message.removed;
  const moved: Conversation = {
    ...conversation,
    lastMessage: message,
    lastOffset: Math.max(conversation.lastOffset, message.offset),
    unread: conversation.unread + (others ? 1 : 0),
  };
  queries.setQueryData<ConversationList>(conversationKeys.list(), {
    ...list,
    items: [moved, ...list.items.filter((c) => c.id !== message.conversationId)],
  });
}

/** Changes one message wherever the thread and the list hold it. */
export function changeMessage(queries: QueryClient, conversationId: string, id: string, change: (message: Message) => Message): void {
  queries.setQueryData<Pages>(conversationKeys.messages(conversationId), (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((m) => (m.id === id ? change(m) : m)) })) } : data,
  );
  queries.setQueryData<ConversationList>(conversationKeys.list(), (list) =>
    list
      ? { ...list, items: list.items.map((c) => (c.id === conversationId && c.lastMessage?.id === id ? { ...c, lastMessage: change(c.lastMessage) } : c)) }
      : list,
  );
}

/** The message with its new text (its own offset and "seen by" stay as the thread has them). */
export const editMessage = (queries: QueryClient, edited: Message) =>
  changeMessage(queries, edited.conversationId, edited.id, (m) => ({ ...m, text: edited.text, editedAt: edited.editedAt, removed: edited.removed }));

/** The tombstone in the message's place. */
export const removeMessage = (queries: QueryClient, conversationId: string, messageId: string) =>
  changeMessage(queries, conversationId, messageId, (m) => ({ ...m, removed: true, text: null }));

/**
 * A read marker moved. His own (another device): the list's unread counts and the conversation are read again.
 * Another man's: "seen by" is counted by the server, so the thread is read again.
 */
export function readMoved(queries: QueryClient, conversationId: string, personId: string, me: string | null): void {
  if (personId === me) {
    void queries.invalidateQueries({ queryKey: conversationKeys.list() });
    void queries.invalidateQueries({ queryKey: conversationKeys.detail(conversationId), exact: true });
  } else {
    void queries.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) });
  }
}

/** The thread read again through REST (a gap, another epoch, a recovery that could not be done), and the list with it. */
export function readAgain(queries: QueryClient, conversationId: string): void {
  void queries.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) });
  void queries.invalidateQueries({ queryKey: conversationKeys.list() });
}

/** The list (unread counts, last messages) read again: after a reconnection, what the socket did not tell meanwhile. */
export const listAgain = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: conversationKeys.list() });

export const announcementPosted = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: announcementKeys.lists() });
