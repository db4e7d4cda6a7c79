import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { notificationKeys } from './keys';
import type { NotificationDefaults, NotificationSetting } from './types';

// The organisation's level per kind and channel for men who never chose (organisation.manage; audited).

export const getDefaults = () => must(api.GET('/api/v1/organisation/notification-defaults'));

export const defaultsQuery = () => queryOptions({ queryKey: notificationKeys.defaults, queryFn: getDefaults });

export const useDefaults = () => useQuery(defaultsQuery());

/** Changes one default; the server answers the whole list. 422 for DIGEST outside mail or safety below ALL. */
export const saveDefault = (setting: NotificationSetting) => must(api.PUT('/api/v1/organisation/notification-defaults', { body: { items: [setting] } }));

export const useSaveDefault = (after?: After<NotificationDefaults, NotificationSetting>) =>
  useRequest(saveDefault, (queries, defaults) => queries.setQueryData(notificationKeys.defaults, defaults), after);
