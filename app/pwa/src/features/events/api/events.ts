import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import type { RequestQuery } from '../../../api/types';
import { kept } from '../../../offline/kept';
import { eventKeys } from './keys';
import type { EventRequest, EventView } from './types';

export const getEvents = (query: RequestQuery<'/api/v1/events', 'get'>) => must(api.GET('/api/v1/events', { params: { query } }));

export const getEvent = (id: string) => must(api.GET('/api/v1/events/{id}', { params: { path: { id } } }));

export const getEventTypes = () => must(api.GET('/api/v1/event-types'));

/** The coming events, the first `size` of them; kept on the device to open offline. */
export const comingEventsQuery = (size: number) =>
  queryOptions({
    queryKey: eventKeys.coming(size),
    queryFn: kept('events/coming/' + size, () => getEvents({ from: new Date().toISOString(), size })),
  });

export const useComingEvents = (size = 50) => useQuery(comingEventsQuery(size));

/** The coming events he is on the staff of. */
export const eventsIRunQuery = () =>
  queryOptions({
    queryKey: eventKeys.staffed(),
    queryFn: () => getEvents({ from: new Date().toISOString(), staffedByMe: true, size: 100 }),
  });

export const useEventsIRun = () => useQuery(eventsIRunQuery());

/** The events of a month: from its first instant to the next month's. */
export const monthEventsQuery = (month: Date, end: Date) =>
  queryOptions({
    queryKey: eventKeys.month(month.toISOString()),
    queryFn: () => getEvents({ from: month.toISOString(), to: end.toISOString(), size: 200 }),
  });

export const eventQuery = (id: string | undefined) => queryOptions({ queryKey: eventKeys.detail(id), queryFn: () => getEvent(id!) });

/** Some events by id, as a map (an event that cannot be read is left out); kept on the device to open offline. */
export const eventsByIdQuery = (ids: string[]) => {
  const unique = [...new Set(ids)].sort();
  return queryOptions({
    queryKey: eventKeys.byId(unique.join(',')),
    enabled: unique.length > 0,
    queryFn: kept('events/byId/' + unique.join(','), async () => {
      const events = await Promise.all(unique.map((id) => getEvent(id).catch(() => null)));
      return Object.fromEntries(events.filter((e): e is EventView => e !== null).map((e) => [e.id, e]));
    }),
  });
};

export const useEventsById = (ids: string[]) => useQuery(eventsByIdQuery(ids));

export const eventTypesQuery = () => queryOptions({ queryKey: eventKeys.types(), queryFn: getEventTypes });

/** A new event (no id) or changes to one. */
export const saveEvent = (id: string | undefined, body: EventRequest) =>
  id ? must(api.PUT('/api/v1/events/{id}', { params: { path: { id } }, body })) : must(api.POST('/api/v1/events', { body }));

/** Saves the event; every list of events and the event itself are read again. */
export const useSaveEvent = (id: string | undefined, after?: After<EventView, EventRequest>) =>
  useRequest(
    (body: EventRequest) => saveEvent(id, body),
    (queries, saved) => {
      void queries.invalidateQueries({ queryKey: eventKeys.lists });
      void queries.invalidateQueries({ queryKey: eventKeys.detail(saved.id) });
    },
    after,
  );
