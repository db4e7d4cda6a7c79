import { queryOptions } from '@tanstack/react-query';
import { api, download, must } from '../../../api/client';
import { useRequest } from '../../../api/mutation';
import { organisationKeys } from '../../../api/organisation';
import { settingsKeys } from './keys';
import type { Settings } from './types';

export const getSettings = () => must(api.GET('/api/v1/organisation/settings'));

export const settingsQuery = () => queryOptions({ queryKey: settingsKeys.all, queryFn: getSettings });

export const saveSettings = (body: Settings) => must(api.PUT('/api/v1/organisation/settings', { body }));

/**
 * Saves the settings; the answer is what is kept. The organisation's zone is read once a session (new events start in
 * it): it is read again. `brandColour` left out keeps the colour, "" goes back to Hearth's.
 */
export const useSaveSettings = () =>
  useRequest(saveSettings, (queries, saved) => {
    queries.setQueryData(settingsKeys.all, saved);
    void queries.invalidateQueries({ queryKey: organisationKeys.all });
  });

/** Everything the organisation keeps, as a zip of CSV and JSON per table, made on request. */
export const downloadExport = () => download('/api/v1/organisation/export', 'organisation-export.zip');

export const useDownloadExport = () => useRequest(downloadExport, null);
