import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from './client';

/**
 * The organisation this address belongs to (its name, its time zone), which screens of every feature show or use:
 * shared, like the session. Its admin settings are the settings feature's.
 */
export const organisationKeys = {
  all: ['organisation'] as const,
};

export const getOrganisation = () => must(api.GET('/api/v1/organisation'));

export const organisationQuery = () => queryOptions({ queryKey: organisationKeys.all, queryFn: getOrganisation, staleTime: Infinity });

export const useOrganisation = () => useQuery(organisationQuery());
