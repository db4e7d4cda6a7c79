import { infiniteQueryOptions, queryOptions, useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { kept } from '../../../offline/kept';
import { conversationKeys } from './keys';
import { useLive } from './live';
import type { Message, MessagePage } from './types';

// A conversation's messages: its history page by page, editing and removing his own, and searching all he may read.

const PAGE = 50;

export const getMessages = (id: string, before?: number) =>
  must(api.GET('/api/v1/conversations/{id}/messages', { params: { path: { id }, query: { before: before ?? null, limit: PAGE } } }));

/**
 * The history, newest page first, each page newest first; the next page is the one before the smallest offset loaded.
 * The newest page is kept on the device, so that the thread opens offline.
 */
export const messagesQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: conversationKeys.messages(id),
    queryFn: ({ pageParam }) => (pageParam === null ? kept('conversation/' + id + '/messages', () => getMessages(id))() : getMessages(id, pageParam)),
    initialPageParam: null as number | null,
    getNextPageParam: (page: MessagePage) => (page.hasMore && page.items.length > 0 ? page.items[page.items.length - 1].offset : undefined),
  });

/**
 * An open thread's messages: the socket adds what arrives; while it is down they are read again every few seconds
 * (every loaded page, each from the one before it, so that no message falls between two pages). "earlier" is the next page.
 */
export const useMessages = (id: string) => useInfiniteQuery({ ...messagesQuery(id), refetchInterval: useLive().thread });

type Pages = InfiniteData<MessagePage, number | null>;

/** Changes one message where the thread holds it, without reading the thread again. */
const changeMessage = (queries: QueryClient, conversationId: string, id: string, change: (message: Message) => Message) =>
  queries.setQueryData<Pages>(conversationKeys.messages(conversationId), (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((message) => (message.id === id ? change(message) : message)) })) } : data,
  );

export const editMessage = (v: { id: string; text: string }) => must(api.PUT('/api/v1/messages/{id}', { params: { path: { id: v.id } }, body: { text: v.text } }));

/** Edits his message; the thread shows the new text at once, the list its new preview. */
export const useEditMessage = (conversationId: string, after?: After<Message, { id: string; text: string }>) =>
  useRequest(
    editMessage,
    (queries, edited) => {
      changeMessage(queries, conversationId, edited.id, () => edited);
      void queries.invalidateQueries({ queryKey: conversationKeys.list() });
    },
    after,
  );

export const removeMessage = (id: string) => must(api.DELETE('/api/v1/messages/{id}', { params: { path: { id } } }));

/** Removes his message: a tombstone keeps its place in the thread. */
export const useRemoveMessage = (conversationId: string, after?: After<unknown, string>) =>
  useRequest(
    removeMessage,
    (queries, _, id) => {
      changeMessage(queries, conversationId, id, (message) => ({ ...message, removed: true, text: null }));
      void queries.invalidateQueries({ queryKey: conversationKeys.list() });
    },
    after,
  );

export const searchMessages = (q: string) => must(api.GET('/api/v1/messages/search', { params: { query: { q, limit: 50 } } }));

/** Messages he may read that match the words, newest first, with the ranges to mark. */
export const searchQuery = (q: string) => queryOptions({ queryKey: conversationKeys.search(q), queryFn: () => searchMessages(q) });
