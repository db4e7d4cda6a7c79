import { queryOptions, useQuery, type Query, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { kept } from '../../../offline/kept';
import { conversationKeys } from './keys';
import type { Block, BlockList } from './types';

// Blocking a man: neither may start or go on with a one-to-one with the other; the man blocked is not told.

export const getBlocks = () => must(api.GET('/api/v1/me/blocks'));

/** The men he has blocked, the most recent first; kept on the device, so that an open one-to-one knows offline. */
export const blocksQuery = () => queryOptions({ queryKey: conversationKeys.blocks(), queryFn: kept('blocks', getBlocks) });

export const useBlocks = () => useQuery(blocksQuery());

/** Whether he has blocked this man; undefined while his blocks are not known (or for no man). */
export const useBlocked = (personId: string | null | undefined): boolean | undefined =>
  useQuery({ ...blocksQuery(), enabled: Boolean(personId), select: (list: BlockList) => list.items.some((b) => b.personId === personId) }).data;

export const block = (personId: string) => must(api.POST('/api/v1/people/{id}/block', { params: { path: { id: personId } } }));

export const unblock = (personId: string) => must(api.DELETE('/api/v1/people/{id}/block', { params: { path: { id: personId } } }));

/** A conversation's query (the thread, or the one-to-one found for a man) whose other man is this one. */
const withHim = (personId: string) => (query: Query) => (query.state.data as { personId?: string | null } | undefined)?.personId === personId;

/**
 * His blocks changed as the server answered; his list and his one-to-one with the man are read again, since whether
 * either may write there (`canPost`) is the server's to say.
 */
const blocksChanged = (queries: QueryClient, personId: string, change: (items: Block[]) => Block[]) => {
  queries.setQueryData<BlockList>(conversationKeys.blocks(), (list) => (list ? { ...list, items: change(list.items) } : list));
  void queries.invalidateQueries({ queryKey: conversationKeys.list() });
  void queries.invalidateQueries({ queryKey: conversationKeys.all, predicate: withHim(personId) });
};

export const useBlock = (after?: After<Block, string>) =>
  useRequest(block, (queries, blocked, personId) => blocksChanged(queries, personId, (items) => [blocked, ...items.filter((b) => b.personId !== personId)]), after);

export const useUnblock = (after?: After<unknown, string>) =>
  useRequest(unblock, (queries, _, personId) => blocksChanged(queries, personId, (items) => items.filter((b) => b.personId !== personId)), after);
