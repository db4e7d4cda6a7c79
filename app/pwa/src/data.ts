import { useQuery } from '@tanstack/react-query';
import { api, must } from './api/client';
import { ApiError } from './api/problem';
import type { components } from './api/schema';
import { loadOrRecall } from './offline/lastSeen';

export type Schemas = components['schemas'];
export type EventView = Schemas['EventView'];
export type Registration = Schemas['Registrations.RegistrationView'];
export type CircleView = Schemas['CircleView'];

const offline = (error: unknown) => error instanceof ApiError && error.offline;

/** Screens that open offline keep their last answer on the device (home, my circle, my registrations). */
export const kept = <T,>(key: string, load: () => Promise<T>) => () => loadOrRecall(key, load, offline);

export function useMyCircle() {
  return useQuery({ queryKey: ['me', 'circle'], queryFn: kept('me/circle', () => must(api.GET('/api/v1/me/circle'))) });
}

export function useMyRegistrations() {
  return useQuery({
    queryKey: ['me', 'registrations'],
    queryFn: kept('me/registrations', () => must(api.GET('/api/v1/me/registrations', { params: { query: { size: 200 } } }))),
  });
}

export function useComingEvents(size = 50) {
  return useQuery({
    queryKey: ['events', 'coming', size],
    queryFn: kept('events/coming/' + size, () =>
      must(api.GET('/api/v1/events', { params: { query: { from: new Date().toISOString(), size } } }))),
  });
}

/** The coming events he is on the staff of. */
export function useEventsIRun() {
  return useQuery({
    queryKey: ['events', 'staffed'],
    queryFn: () => must(api.GET('/api/v1/events', { params: { query: { from: new Date().toISOString(), staffedByMe: true, size: 100 } } })),
  });
}

export function useOccurrences(circleId: string | undefined) {
  return useQuery({
    queryKey: ['circle', circleId, 'occurrences'],
    enabled: Boolean(circleId),
    queryFn: kept('circle/' + circleId + '/occurrences', () =>
      must(api.GET('/api/v1/circles/{id}/occurrences', { params: { path: { id: circleId! }, query: { from: new Date().toISOString() } } }))),
  });
}

export function useEventsById(ids: string[]) {
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['events', 'byId', unique.join(',')],
    enabled: unique.length > 0,
    queryFn: kept('events/byId/' + unique.join(','), async () => {
      const events = await Promise.all(unique.map((id) => must(api.GET('/api/v1/events/{id}', { params: { path: { id } } })).catch(() => null)));
      return Object.fromEntries(events.filter((e): e is EventView => e !== null).map((e) => [e.id, e]));
    }),
  });
}
