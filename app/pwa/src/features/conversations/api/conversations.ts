import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, must } from '../../../api/client';
import { useRequest } from '../../../api/mutation';
import { kept } from '../../../offline/kept';
import { conversationKeys } from './keys';
import { useLive } from './live';
import type { Conversation, ConversationList, ReadMarker } from './types';

// His conversations: the list with unread counts, one conversation, and which one is a circle's, an event's or his with a man.

export const getConversations = () => must(api.GET('/api/v1/conversations'));

/** His conversations, the most recent first; kept on the device to open offline. */
export const conversationsQuery = () => queryOptions({ queryKey: conversationKeys.list(), queryFn: kept('conversations', getConversations) });

/** The list on screen; read again while it is open only while the real-time socket is down. */
export const useConversations = () => useQuery({ ...conversationsQuery(), refetchInterval: useLive().list });

export const unreadTotal = (list: ConversationList): number => list.items.reduce((total, conversation) => total + conversation.unread, 0);

/** How many messages of others he has not read, over all his conversations (the menu's badge). */
export const useUnreadTotal = (): number => useQuery({ ...conversationsQuery(), refetchInterval: useLive().badge, select: unreadTotal }).data ?? 0;

export const getConversation = (id: string) => must(api.GET('/api/v1/conversations/{id}', { params: { path: { id } } }));

/** One conversation; kept on the device, so that a thread opens offline to read and to write. */
export const conversationQuery = (id: string) => queryOptions({ queryKey: conversationKeys.detail(id), queryFn: kept('conversation/' + id, () => getConversation(id)) });

export const getConversationPeople = (id: string) => must(api.GET('/api/v1/conversations/{id}/people', { params: { path: { id } } }));

/** Who is in a group conversation now, by name (a thread shows which of them are online). */
export const conversationPeopleQuery = (id: string) =>
  queryOptions({ queryKey: conversationKeys.people(id), queryFn: () => getConversationPeople(id), staleTime: 60_000 });

/** A circle's chat (it exists from the first time anyone opens it). */
export const getCircleConversation = (circleId: string) => must(api.GET('/api/v1/circles/{id}/conversation', { params: { path: { id: circleId } } }));

export const circleConversationQuery = (circleId: string) =>
  queryOptions({ queryKey: conversationKeys.circle(circleId), queryFn: kept('circle/' + circleId + '/conversation', () => getCircleConversation(circleId)), staleTime: Infinity });

/** An event's staff chat. */
export const getStaffConversation = (eventId: string) => must(api.GET('/api/v1/events/{id}/staff-conversation', { params: { path: { id: eventId } } }));

export const staffConversationQuery = (eventId: string) =>
  queryOptions({ queryKey: conversationKeys.event(eventId), queryFn: kept('event/' + eventId + '/conversation', () => getStaffConversation(eventId)), staleTime: Infinity });

/** His one-to-one with a man: the existing one, or a new one (403 CONVERSATION_NOT_ALLOWED when the rules or a block refuse). */
export const startConversation = (personId: string) => must(api.POST('/api/v1/conversations', { body: { personId } }));

// Finding or starting a one-to-one changes nothing the second time: read like a query, so opening the link twice is harmless.
export const directConversationQuery = (personId: string) =>
  queryOptions({ queryKey: conversationKeys.direct(personId), queryFn: () => startConversation(personId), staleTime: Infinity, retry: false });

export const markRead = (id: string, offset: number) => must(api.POST('/api/v1/conversations/{id}/read', { params: { path: { id } }, body: { offset } }));

/** His new read marker and unread count, in the list (and so the badge) and in the conversation, without reading them again. */
const readUpTo = (queries: QueryClient, marker: ReadMarker) => {
  const moved = (conversation: Conversation): Conversation =>
    conversation.id === marker.conversationId ? { ...conversation, readOffset: Math.max(conversation.readOffset, marker.offset), unread: marker.unread } : conversation;
  queries.setQueryData<ConversationList>(conversationKeys.list(), (list) => (list ? { ...list, items: list.items.map(moved) } : list));
  queries.setQueryData<Conversation>(conversationKeys.detail(marker.conversationId), (conversation) => (conversation ? moved(conversation) : conversation));
};

/** Whether the page is in front of him: a thread in a hidden tab is not read. */
function useVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * Moves his read marker to `newest` when the thread is on screen and messages of others up to it are not yet read:
 * when the thread opens and when new ones arrive. A marker that did not reach the server is tried again with the next.
 */
export function useReadMarker(conversation: Conversation, newest: number | undefined) {
  const visible = useVisible();
  const read = useRequest((offset: number) => markRead(conversation.id, offset), readUpTo);
  const marked = useRef(conversation.readOffset);
  const { mutate } = read;
  useEffect(() => {
    if (!visible || newest === undefined || newest <= marked.current) {
      return;
    }
    const before = marked.current;
    marked.current = newest;
    mutate(newest, { onError: () => (marked.current = before) });
  }, [visible, newest, mutate]);
}
