/** The audit feature's query keys: a page of the organisation's audit log under a filter. */
export const auditKeys = {
  all: ['audit'] as const,
  page: (filter: object, page: number) => [...auditKeys.all, filter, page] as const,
};
