import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { notificationKeys } from './keys';
import type { NotificationPreferences, NotificationSchedule, NotificationScheduleRequest, NotificationSetting, QuietHours, QuietHoursRequest } from './types';

// What he wants to hear about, per kind and channel, his quiet hours, and how often his digest comes.

export const getPreferences = () => must(api.GET('/api/v1/me/notification-preferences'));

export const preferencesQuery = () => queryOptions({ queryKey: notificationKeys.preferences(), queryFn: getPreferences });

export const usePreferences = () => useQuery(preferencesQuery());

/**
 * Changes one setting; the server answers the whole view. 422 CHANNEL_NOT_VERIFIED for a channel he has not proved
 * is his, 422 for DIGEST outside mail or safety below ALL.
 */
export const savePreference = (setting: NotificationSetting) => must(api.PUT('/api/v1/me/notification-preferences', { body: { items: [setting] } }));

export const useSavePreference = (after?: After<NotificationPreferences, NotificationSetting>) =>
  useRequest(savePreference, (queries, view) => queries.setQueryData(notificationKeys.preferences(), view), after);

export const getQuietHours = () => must(api.GET('/api/v1/me/quiet-hours'));

export const quietHoursQuery = () => queryOptions({ queryKey: notificationKeys.quietHours(), queryFn: getQuietHours });

export const useQuietHours = () => useQuery(quietHoursQuery());

/** Sets his quiet hours (from after to wraps midnight); `{}` turns them off. 422 with field errors for a bad time or zone. */
export const setQuietHours = (hours: QuietHoursRequest) => must(api.PUT('/api/v1/me/quiet-hours', { body: hours }));

export const useSetQuietHours = (after?: After<QuietHours, QuietHoursRequest>) =>
  useRequest(setQuietHours, (queries, hours) => queries.setQueryData(notificationKeys.quietHours(), hours), after);

export const getSchedule = () => must(api.GET('/api/v1/me/notification-schedule'));

export const scheduleQuery = () => queryOptions({ queryKey: notificationKeys.schedule(), queryFn: getSchedule });

export const useSchedule = () => useQuery(scheduleQuery());

/** Chooses a daily or weekly digest, at 07:00 in his time zone; 422 with field errors for an unknown zone. */
export const setSchedule = (schedule: NotificationScheduleRequest) => must(api.PUT('/api/v1/me/notification-schedule', { body: schedule }));

export const useSetSchedule = (after?: After<NotificationSchedule, NotificationScheduleRequest>) =>
  useRequest(setSchedule, (queries, schedule) => queries.setQueryData(notificationKeys.schedule(), schedule), after);
