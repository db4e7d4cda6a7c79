import { queryOptions } from '@tanstack/react-query';
import { api, must } from './client';
import { consoleKeys } from './keys';
import { useRequest, type After, type Answer } from './mutation';
import type { RequestBody, Tenant, TenantStatus } from './types';

type Onboarding = RequestBody<'/api/v1/tenants', 'post'>;

export const getTenants = (q: string, status: string, page: number) =>
  must(api.GET('/api/v1/tenants', { params: { query: { q: q || undefined, status: (status || undefined) as TenantStatus | undefined, page, size: 20 } } }));

/** A page of 20 organisations; while one shown is provisioning (it takes seconds), it is watched live. */
export const tenantsQuery = (q: string, status: string, page: number) =>
  queryOptions({
    queryKey: consoleKeys.tenantPage(q, status, page),
    queryFn: () => getTenants(q, status, page),
    refetchInterval: (query) => (query.state.data?.items.some((t) => t.status === 'PROVISIONING') ? 1000 : false),
  });

export type TenantAction = 'suspend' | 'reactivate' | 'retry' | 'resend';

export const changeTenant = ({ tenant, action }: { tenant: Tenant; action: TenantAction }) => {
  const path = { params: { path: { slug: tenant.slug } } };
  switch (action) {
    case 'suspend':
      return must(api.POST('/api/v1/tenants/{slug}/suspend', path));
    case 'reactivate':
      return must(api.POST('/api/v1/tenants/{slug}/reactivate', path));
    case 'retry':
      return must(api.POST('/api/v1/tenants/{slug}/retry-provisioning', path));
    case 'resend':
      return must(api.POST('/api/v1/tenants/{slug}/resend-invitation', path));
  }
};

/** Suspends, reactivates, provisions again or invites the first admin again; the list is read again. */
export const useChangeTenant = (after?: After<unknown, { tenant: Tenant; action: TenantAction }>) =>
  useRequest(changeTenant, (queries) => void queries.invalidateQueries({ queryKey: consoleKeys.tenants }), after);

export const onboard = (body: Onboarding) => must(api.POST('/api/v1/tenants', { body }));

/** Onboards an organisation (its provisioning starts); the list is read again. */
export const useOnboard = (after?: After<Answer<typeof onboard>, Onboarding>) =>
  useRequest(onboard, (queries) => void queries.invalidateQueries({ queryKey: consoleKeys.tenants }), after);

/** Gives an organisation its own texting number, or (null) takes it away; 409 when another organisation has it. */
export const changeSmsNumber = ({ tenant, number }: { tenant: Tenant; number: string | null }) =>
  must(api.PUT('/api/v1/tenants/{slug}/sms-number', { params: { path: { slug: tenant.slug } }, body: { number } }));

export const useChangeSmsNumber = (after?: After<Answer<typeof changeSmsNumber>, { tenant: Tenant; number: string | null }>) =>
  useRequest(changeSmsNumber, (queries) => void queries.invalidateQueries({ queryKey: consoleKeys.tenants }), after);
