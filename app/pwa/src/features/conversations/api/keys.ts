/**
 * Every query key of the conversations feature. Keys nest: `detail(id)` reaches the conversation and its messages;
 * `all` everything he reads of conversations (his list, each one, the chats of a circle or an event).
 */
export const conversationKeys = {
  all: ['conversations'] as const,
  /** His conversations, with their unread counts (the menu's badge reads it too). */
  list: () => [...conversationKeys.all, 'mine'] as const,
  detail: (id: string) => [...conversationKeys.all, 'one', id] as const,
  messages: (id: string) => [...conversationKeys.detail(id), 'messages'] as const,
  /** Who is in it now, by name. */
  people: (id: string) => [...conversationKeys.detail(id), 'people'] as const,
  /** Which conversation is a circle's chat, an event's staff chat, his one-to-one with a man. */
  circle: (circleId: string) => [...conversationKeys.all, 'circle', circleId] as const,
  event: (eventId: string) => [...conversationKeys.all, 'event', eventId] as const,
  direct: (personId: string) => [...conversationKeys.all, 'with', personId] as const,
  /** The men he has blocked. */
  blocks: () => [...conversationKeys.all, 'blocks'] as const,
  search: (q: string) => ['messages', 'search', q] as const,
};

/**
 * Every query key of announcements. `lists` reaches the feed and the newest few on Home (a new announcement or comment
 * reads them again); `detail(id)` one announcement with its comments.
 */
export const announcementKeys = {
  all: ['announcements'] as const,
  lists: () => [...announcementKeys.all, 'list'] as const,
  /** His feed, page by page. */
  feed: () => [...announcementKeys.lists(), 'feed'] as const,
  /** The newest few, on Home. */
  latest: (n: number) => [...announcementKeys.lists(), 'latest', n] as const,
  detail: (id: string) => [...announcementKeys.all, 'one', id] as const,
  /** The circles he may post an announcement to. */
  circles: () => [...announcementKeys.all, 'circles'] as const,
};
