/**
 * Every query key of the help desk. Keys nest: `lists` reaches every list of tickets (his own and the queue, at any
 * page and filter); `detail(id)` one ticket with its messages; `categories` what a ticket is opened in; `handlers(kind)`
 * who may be assigned tickets of a kind.
 */
export const helpdeskKeys = {
  all: ['helpdesk'] as const,
  lists: () => [...helpdeskKeys.all, 'list'] as const,
  /** The tickets he opened, a page at a time. */
  mine: (page: number) => [...helpdeskKeys.lists(), 'mine', page] as const,
  /** The queue he handles, narrowed as the screen's filters say. */
  queue: (filter: QueueFilter) => [...helpdeskKeys.lists(), 'queue', filter] as const,
  detail: (id: string) => [...helpdeskKeys.all, 'one', id] as const,
  categories: () => [...helpdeskKeys.all, 'categories'] as const,
  handlers: (care: boolean) => [...helpdeskKeys.all, 'handlers', care ? 'care' : 'support'] as const,
};

/** The queue's filters as the screen holds them: a status, whose tickets (anyone's, no one's, his), a category, a page. */
export interface QueueFilter {
  status?: string;
  who?: 'unassigned' | 'mine';
  categoryId?: string;
  page: number;
}
