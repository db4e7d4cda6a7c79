/**
 * Every query key of the circles feature. Keys nest: invalidating `lists` reaches every list of circles, `detail(id)`
 * the circle and everything under it (members, attendance, occurrences, join requests).
 */
export const circleKeys = {
  /** His circle and his join requests. */
  mine: () => ['me', 'circle'] as const,
  /** Every list of circles. */
  lists: ['circles'] as const,
  /** The active circles open to join. */
  open: () => [...circleKeys.lists, 'open'] as const,
  /** Every active circle (for facilitators and admins). */
  all: () => [...circleKeys.lists, 'all'] as const,
  detail: (id: string | undefined) => ['circle', id] as const,
  members: (id: string) => [...circleKeys.detail(id), 'members'] as const,
  attendance: (id: string) => [...circleKeys.detail(id), 'attendance'] as const,
  occurrences: (id: string | undefined) => [...circleKeys.detail(id), 'occurrences'] as const,
  requests: (id: string) => [...circleKeys.detail(id), 'requests'] as const,
  /** His goals. */
  goals: () => ['me', 'goals'] as const,
  /** His dues subscriptions. */
  dues: () => ['me', 'dues'] as const,
};
