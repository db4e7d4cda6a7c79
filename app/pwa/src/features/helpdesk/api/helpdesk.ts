import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { helpdeskKeys, type QueueFilter } from './keys';
import type { Category, CategoryRequest, Person, Role, Ticket, TicketStatus } from './types';

// The help desk: the categories, his tickets, the queue, one ticket with its messages, and what is done to a ticket.

const PAGE = 20;
/** The most the API gives in one page: a merge looks for the man's other tickets among the queue's first this many. */
const MOST = 100;

export const getCategories = () => must(api.GET('/api/v1/ticket-categories'));

/** The categories a ticket may be opened in (archived ones are gone from it). */
export const categoriesQuery = () => queryOptions({ queryKey: helpdeskKeys.categories(), queryFn: getCategories, staleTime: 5 * 60_000 });

type Listing = { queue?: boolean; status?: TicketStatus; assigneeId?: string; unassigned?: boolean; categoryId?: string; page: number; size: number };

export const getTickets = (query: Listing) => must(api.GET('/api/v1/tickets', { params: { query } }));

/** The tickets he opened, the active first, a page at a time; the page shown stays while the next loads. */
export const myTicketsQuery = (page: number) =>
  queryOptions({ queryKey: helpdeskKeys.mine(page), queryFn: () => getTickets({ page, size: PAGE }), placeholderData: keepPreviousData });

/** The queue he handles (support's, care's, or both), narrowed by the screen's filters; `me` is whose "mine" means. */
export const queueQuery = (filter: QueueFilter, me: string | undefined) =>
  queryOptions({
    queryKey: helpdeskKeys.queue(filter),
    queryFn: () =>
      getTickets({
        queue: true, status: filter.status as TicketStatus | undefined, categoryId: filter.categoryId, page: filter.page, size: PAGE,
        unassigned: filter.who === 'unassigned' || undefined, assigneeId: filter.who === 'mine' ? me : undefined,
      }),
    placeholderData: keepPreviousData,
  });

/** The first page of the whole queue, as large as the API gives: where a merge finds the man's other tickets. */
export const wholeQueueQuery = () =>
  queryOptions({ queryKey: [...helpdeskKeys.lists(), 'queue', 'whole'] as const, queryFn: () => getTickets({ queue: true, page: 0, size: MOST }) });

export const getTicket = (id: string) => must(api.GET('/api/v1/tickets/{id}', { params: { path: { id } } }));

/** One ticket with its messages (internal notes and service levels only for its handlers). */
export const ticketQuery = (id: string) => queryOptions({ queryKey: helpdeskKeys.detail(id), queryFn: () => getTicket(id) });

/** A ticket as the server answered it after a change: in its place, and every list read again. */
const changed = (queries: QueryClient, ticket: Ticket) => {
  queries.setQueryData(helpdeskKeys.detail(ticket.id), ticket);
  void queries.invalidateQueries({ queryKey: helpdeskKeys.lists() });
};

/** A change that answers another ticket than the one it was made on (merge, split, a reply to a merged ticket): both are read again. */
const changedFrom = (id: string) => (queries: QueryClient, ticket: Ticket) => {
  changed(queries, ticket);
  if (ticket.id !== id) {
    void queries.invalidateQueries({ queryKey: helpdeskKeys.detail(id) });
  }
};

/** A new ticket, with the Idempotency-Key made when the form opened. */
export interface Opening {
  request: { categoryId: string; subject: string; body: string };
  key: string;
}

/** Opens a ticket; a second submit under the same key answers the ticket opened the first time. */
export const openTicket = (v: Opening) => must(api.POST('/api/v1/tickets', { params: { header: { 'Idempotency-Key': v.key } }, body: v.request }));

export const useOpenTicket = (after?: After<Ticket, Opening>) => useRequest(openTicket, changed, after);

/** A reply or (handlers) an internal note, and the status to set with it, under the key made for this message. */
export interface Writing {
  body: string;
  internal?: boolean;
  status?: TicketStatus;
  key: string;
}

export const writeMessage = (id: string, v: Writing) =>
  must(api.POST('/api/v1/tickets/{id}/messages', {
    params: { path: { id }, header: { 'Idempotency-Key': v.key } },
    body: { body: v.body, internal: v.internal || undefined, status: v.status },
  }));

/** Writes on the ticket; his reply to a merged ticket lands on the one it was merged into, which the answer is. */
export const useWriteMessage = (id: string, after?: After<Ticket, Writing>) => useRequest((v: Writing) => writeMessage(id, v), changedFrom(id), after);

/** The ticket's status and assignee, both as they shall be (null: no one). */
export interface Handling {
  status: TicketStatus;
  assigneeId: string | null;
}

export const updateTicket = (id: string, v: Handling) => must(api.PUT('/api/v1/tickets/{id}', { params: { path: { id } }, body: v }));

export const useUpdateTicket = (id: string, after?: After<Ticket, Handling>) => useRequest((v: Handling) => updateTicket(id, v), changed, after);

export const mergeTicket = (id: string, intoId: string) => must(api.POST('/api/v1/tickets/{id}/merge', { params: { path: { id } }, body: { intoId } }));

/** Merges this ticket into another of the same man: the answer is the ticket merged into. */
export const useMergeTicket = (id: string, after?: After<Ticket, string>) => useRequest((intoId: string) => mergeTicket(id, intoId), changedFrom(id), after);

export interface Splitting {
  messageIds: string[];
  subject?: string;
}

export const splitTicket = (id: string, v: Splitting) =>
  must(api.POST('/api/v1/tickets/{id}/split', { params: { path: { id } }, body: { messageIds: v.messageIds, subject: v.subject || undefined } }));

/** Splits messages off into a new ticket: the answer is the new one. */
export const useSplitTicket = (id: string, after?: After<Ticket, Splitting>) => useRequest((v: Splitting) => splitTicket(id, v), changedFrom(id), after);

const getHolders = (role: Role) => must(api.GET('/api/v1/members', { params: { query: { role, status: 'ACTIVE', size: 200 } } })).then((page) => page.items);

/**
 * Who may be assigned tickets of a kind, by name: for care tickets the care team, otherwise support and admins (the
 * roles that hold care.handle and support.assist). The members directory says it, for those who may read it (members.view).
 */
export const handlersQuery = (care: boolean) =>
  queryOptions({
    queryKey: helpdeskKeys.handlers(care),
    queryFn: async (): Promise<Person[]> => {
      const lists = await Promise.all((care ? (['CARE'] as Role[]) : (['SUPPORT', 'ADMIN'] as Role[])).map(getHolders));
      const byId = new Map(lists.flat().map((person) => [person.id, person]));
      return [...byId.values()].sort((a, b) => (a.lastName + a.firstName).localeCompare(b.lastName + b.firstName));
    },
    staleTime: 5 * 60_000,
  });

const categoriesChanged = (queries: QueryClient) => void queries.invalidateQueries({ queryKey: helpdeskKeys.categories() });

export const createCategory = (body: CategoryRequest) => must(api.POST('/api/v1/ticket-categories', { body }));

export const useCreateCategory = (after?: After<Category, CategoryRequest>) => useRequest(createCategory, categoriesChanged, after);

export const updateCategory = (id: string, body: CategoryRequest) => must(api.PUT('/api/v1/ticket-categories/{id}', { params: { path: { id } }, body }));

export function useUpdateCategory(id: string, after?: After<Category, CategoryRequest>) {
  return useRequest((body: CategoryRequest) => updateCategory(id, body), categoriesChanged, after);
}

export const archiveCategory = (id: string) => must(api.DELETE('/api/v1/ticket-categories/{id}', { params: { path: { id } } }));

/** Archives a category: no new ticket in it; its tickets stay. */
export const useArchiveCategory = (after?: After<unknown, string>) => useRequest(archiveCategory, categoriesChanged, after);
