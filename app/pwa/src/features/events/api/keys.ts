/**
 * Every query key of the events feature. Keys nest: invalidating `lists` reaches every list of events, `detail(id)`
 * the event and everything under it (roster, registrations, care teams, staff, payments, attendance).
 */
export const eventKeys = {
  /** Every list of events: coming, the ones he runs, by id, a month. */
  lists: ['events'] as const,
  coming: (size: number) => [...eventKeys.lists, 'coming', size] as const,
  staffed: () => [...eventKeys.lists, 'staffed'] as const,
  /** Some events by id (their ids sorted and joined by commas). */
  byId: (ids: string) => [...eventKeys.lists, 'byId', ids] as const,
  /** The events of the month that starts at this instant. */
  month: (from: string) => [...eventKeys.lists, 'month', from] as const,
  /** One event, and under it what staff see of it. */
  detail: (id: string | undefined) => ['event', id] as const,
  roster: (id: string) => [...eventKeys.detail(id), 'roster'] as const,
  registrations: (id: string) => [...eventKeys.detail(id), 'registrations'] as const,
  teams: (id: string) => [...eventKeys.detail(id), 'teams'] as const,
  staff: (id: string) => [...eventKeys.detail(id), 'staff'] as const,
  payments: (id: string) => [...eventKeys.detail(id), 'payments'] as const,
  attendance: (id: string) => [...eventKeys.detail(id), 'attendance'] as const,
  /** The event as this device keeps it for check-in without a network (read from IndexedDB, not the server). */
  kept: (id: string) => ['kept', id] as const,
  types: () => ['event-types'] as const,
  /** His own registrations. */
  mine: () => ['me', 'registrations'] as const,
  /** The ticket (a QR code) of one of his registrations. */
  ticket: (registrationId: string) => ['ticket', registrationId] as const,
};
