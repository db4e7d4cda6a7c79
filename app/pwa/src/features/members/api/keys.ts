/** Every query key of the members feature. Invalidating `lists` reaches every list of people (searched, paged, all). */
export const memberKeys = {
  lists: ['members'] as const,
  /** A page of the admin's list, searched and filtered by status. */
  list: (search: string, status: string, page: number) => [...memberKeys.lists, search, status, page] as const,
  /** Everyone (the first 200), for names. */
  all: () => [...memberKeys.lists, 'all'] as const,
  detail: (id: string) => ['member', id] as const,
  /** Support's search by name or email. */
  support: (q: string) => ['support', q] as const,
};
