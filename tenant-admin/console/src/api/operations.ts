import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, must } from './client';
import { consoleKeys } from './keys';
import { useRequest } from './mutation';
import type { Backup, Tenant } from './types';

const UNDER_WAY = ['REQUESTED', 'COPYING', 'VERIFYING'];

/** One organisation with its data's figures; watched every 2 s while a move is under way or app has not reported it yet. */
export const tenantQuery = (slug: string) =>
  queryOptions({
    queryKey: consoleKeys.tenant(slug),
    queryFn: () => must(api.GET('/api/v1/tenants/{slug}', { params: { path: { slug } } })),
    refetchInterval: (query) =>
      UNDER_WAY.includes(query.state.data?.move?.state ?? '') || (query.state.data !== undefined && !query.state.data.reportedAt) ? 2000 : false,
  });

/** Its backups, newest first; watched every 2 s while one is being taken. */
export const backupsQuery = (slug: string) =>
  queryOptions({
    queryKey: consoleKeys.backups(slug),
    queryFn: () => must(api.GET('/api/v1/tenants/{slug}/backups', { params: { path: { slug } } })),
    refetchInterval: (query) => (query.state.data?.some((b) => b.state === 'REQUESTED') ? 2000 : false),
  });

export const clustersQuery = () =>
  queryOptions({ queryKey: consoleKeys.clusters(), queryFn: () => must(api.GET('/api/v1/clusters')) });

const again = (slug: string) => (queries: import('@tanstack/react-query').QueryClient) => {
  void queries.invalidateQueries({ queryKey: consoleKeys.tenants });
  void queries.invalidateQueries({ queryKey: consoleKeys.tenant(slug) });
  void queries.invalidateQueries({ queryKey: consoleKeys.backups(slug) });
};

export const moveTenant = ({ tenant, cluster }: { tenant: Tenant; cluster: string }) =>
  must(api.POST('/api/v1/tenants/{slug}/move', { params: { path: { slug: tenant.slug } }, body: { cluster } }));

export const useMove = (slug: string) => useRequest(moveTenant, again(slug));

export const backUp = (tenant: Tenant) => must(api.POST('/api/v1/tenants/{slug}/backups', { params: { path: { slug: tenant.slug } } }));

export const useBackUp = (slug: string) => useRequest(backUp, again(slug));

export interface Restore {
  tenant: Tenant;
  backup: Backup;
  newSlug?: string;
  targetCluster?: string;
}

export const restore = ({ tenant, backup, newSlug, targetCluster }: Restore) =>
  must(api.POST('/api/v1/tenants/{slug}/restore', {
    params: { path: { slug: tenant.slug } },
    body: { backup: backup.id, newSlug: newSlug || undefined, targetCluster: targetCluster || undefined },
  }));

export const useRestore = (slug: string) => useRequest(restore, again(slug));

export const dropOldCopy = (tenant: Tenant) => must(api.POST('/api/v1/tenants/{slug}/drop-old-copy', { params: { path: { slug: tenant.slug } } }));

export const useDropOldCopy = (slug: string) => useRequest(dropOldCopy, again(slug));

/** The organisation's export as a file the browser saves (the request carries the operator's token, so no plain link). */
export async function downloadExport(tenant: Tenant): Promise<void> {
  const { response } = await api.GET('/api/v1/tenants/{slug}/export', { params: { path: { slug: tenant.slug } }, parseAs: 'blob' });
  if (!response.ok) {
    let problem = { status: response.status, code: 'HTTP_' + response.status, detail: 'The export failed (' + response.status + ').' };
    try {
      problem = { ...problem, ...(await response.json()) };
    } catch {
      // not problem+json: the generic detail stays
    }
    throw new ApiError(problem);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = tenant.slug + '-export.zip';
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
