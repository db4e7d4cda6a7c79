/**
 * Every query key of documents. Keys nest: `lists` reaches every list (his, a circle's, an event's); `detail(id)` one
 * document, and under it its file as read for the screen.
 */
export const documentKeys = {
  all: ['documents'] as const,
  lists: () => [...documentKeys.all, 'list'] as const,
  /** The documents he may read, or one circle's, or one event's. */
  list: (of: { circleId?: string; eventId?: string } = {}) =>
    [...documentKeys.lists(), of.circleId ? 'circle' : of.eventId ? 'event' : 'mine', of.circleId ?? of.eventId ?? 'all'] as const,
  detail: (id: string) => [...documentKeys.all, 'one', id] as const,
  /** A version's file, read to show it on the page (text and pictures). */
  file: (id: string, version: number) => [...documentKeys.detail(id), 'file', version] as const,
};
