import { queryOptions } from '@tanstack/react-query';
import { useRequest } from '../../../api/mutation';
import { forget, keepOffline, keptEvent } from '../offline/retreat';
import { eventKeys } from './keys';

/** The event as this device keeps it (retreat mode), or null. */
export const keptEventQuery = (eventId: string) => queryOptions({ queryKey: eventKeys.kept(eventId), queryFn: async () => (await keptEvent(eventId)) ?? null });

/** Keeps the event on the device (read from the server now); what the device keeps is read again. */
export const useKeepOffline = (eventId: string) =>
  useRequest(() => keepOffline(eventId), (queries) => void queries.invalidateQueries({ queryKey: eventKeys.kept(eventId) }));

/** Forgets the kept event on the device. */
export const useForgetKept = (eventId: string) =>
  useRequest(() => forget(eventId), (queries) => void queries.invalidateQueries({ queryKey: eventKeys.kept(eventId) }));
