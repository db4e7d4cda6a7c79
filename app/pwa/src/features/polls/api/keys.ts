/**
 * Every query key of polls. Keys nest: `lists` reaches every list of polls (his, a circle's, open or all); `detail(id)`
 * one poll with its results; `circle(id)` what the form for a new poll reads of a circle.
 */
export const pollKeys = {
  all: ['polls'] as const,
  lists: () => [...pollKeys.all, 'list'] as const,
  /** The polls he may read (the organisation's and his circles'), or one circle's; only those not closed, or all. */
  list: (circleId: string | undefined, open: boolean) => [...pollKeys.lists(), circleId ?? 'mine', open ? 'open' : 'all'] as const,
  detail: (id: string) => [...pollKeys.all, 'one', id] as const,
  /** The circle a new poll asks. */
  circle: (circleId: string) => [...pollKeys.all, 'circle', circleId] as const,
  /** The circle's coming meetings, one of which a new meeting-time poll may move. */
  meetings: (circleId: string) => [...pollKeys.circle(circleId), 'meetings'] as const,
};
