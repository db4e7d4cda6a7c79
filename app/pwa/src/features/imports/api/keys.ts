import type { ImportStatus } from './types';

/**
 * Every query key of member imports. `one(id)` reaches all that is kept of one import: its `summary` (counts and
 * progress, polled while it runs) and its `rows` as they stood at a status (read again when the status moves on).
 */
export const importKeys = {
  all: ['imports'] as const,
  one: (id: string) => [...importKeys.all, id] as const,
  summary: (id: string) => [...importKeys.one(id), 'summary'] as const,
  rows: (id: string, status: ImportStatus) => [...importKeys.one(id), 'rows', status] as const,
};
