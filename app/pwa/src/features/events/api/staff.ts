import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest } from '../../../api/mutation';
import { sendOrQueue } from '../../../offline/actions';
import { eventKeys } from './keys';
import type { CheckedIn, EventView } from './types';

// What staff read and do for an event they run: its roster, registrations, care teams, staff, payments and check-in.

export const getRoster = (eventId: string) => must(api.GET('/api/v1/events/{id}/roster', { params: { path: { id: eventId } } }));

export const rosterQuery = (eventId: string) => queryOptions({ queryKey: eventKeys.roster(eventId), queryFn: () => getRoster(eventId) });

export const getEventRegistrations = (eventId: string) =>
  must(api.GET('/api/v1/events/{id}/registrations', { params: { path: { id: eventId }, query: { size: 200 } } }));

export const eventRegistrationsQuery = (eventId: string) =>
  queryOptions({ queryKey: eventKeys.registrations(eventId), queryFn: () => getEventRegistrations(eventId) });

export const getCareTeams = (eventId: string) => must(api.GET('/api/v1/events/{id}/care-teams', { params: { path: { id: eventId } } }));

export const careTeamsQuery = (eventId: string) => queryOptions({ queryKey: eventKeys.teams(eventId), queryFn: () => getCareTeams(eventId) });

export const getStaff = (eventId: string) => must(api.GET('/api/v1/events/{id}/staff', { params: { path: { id: eventId }, query: { size: 200 } } }));

export const staffQuery = (eventId: string) => queryOptions({ queryKey: eventKeys.staff(eventId), queryFn: () => getStaff(eventId) });

/** The event's payments, for the roster's payment line (asked only when the event has a price). */
export const getEventPayments = (eventId: string) => must(api.GET('/api/v1/events/{id}/payments', { params: { path: { id: eventId } } }));

export const eventPaymentsQuery = (eventId: string) =>
  queryOptions({ queryKey: eventKeys.payments(eventId), queryFn: () => getEventPayments(eventId) });

export const getAttendance = (eventId: string) => must(api.GET('/api/v1/events/{id}/attendance', { params: { path: { id: eventId } } }));

export const attendanceQuery = (eventId: string) => queryOptions({ queryKey: eventKeys.attendance(eventId), queryFn: () => getAttendance(eventId) });

/** The emergency contacts and medical notes (only the event's lead, PTMs and care-team leads may read them). */
export const getSensitive = (eventId: string) => must(api.GET('/api/v1/events/{id}/sensitive', { params: { path: { id: eventId } } }));

/** The organisation's public keys, which sign tickets: a ticket is checked on the device with them. */
export const getSigningKeys = () => fetch('/.well-known/jwks.json').then((r) => r.json() as Promise<{ keys: JsonWebKey[] }>);

export const placeInCareTeam = (eventId: string, v: { registrationId: string; careTeamId: string }) =>
  must(api.PUT('/api/v1/events/{id}/registrations/{registrationId}/care-team', {
    params: { path: { id: eventId, registrationId: v.registrationId } },
    body: { careTeamId: v.careTeamId || null },
  }));

/** Puts a man in a care team (or none); the roster and the teams are read again. */
export const usePlaceInCareTeam = (eventId: string) =>
  useRequest(
    (v: { registrationId: string; careTeamId: string }) => placeInCareTeam(eventId, v),
    (queries) => {
      void queries.invalidateQueries({ queryKey: eventKeys.roster(eventId) });
      void queries.invalidateQueries({ queryKey: eventKeys.teams(eventId) });
    },
  );

export const assignCareTeams = (eventId: string) => must(api.POST('/api/v1/events/{id}/care-teams/assign', { params: { path: { id: eventId } } }));

/** Shares the confirmed men out among the care teams; the event and all under it are read again. */
export const useAssignCareTeams = (eventId: string) =>
  useRequest(() => assignCareTeams(eventId), (queries) => void queries.invalidateQueries({ queryKey: eventKeys.detail(eventId) }));

/** A check-in with its idempotency key; without a network it waits in the offline queue. */
export const sendCheckIn = (event: EventView, token: string) =>
  sendOrQueue<CheckedIn>({ kind: 'check-in', method: 'POST', path: `/api/v1/events/${event.id}/check-in`, body: { token }, label: event.title });
