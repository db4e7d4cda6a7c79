import { queryOptions } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { auditKeys } from './keys';

/** What an admin filters the audit log by: each empty field filters nothing; the times are local date-times. */
export interface AuditFilter {
  action: string;
  actorId: string;
  targetId: string;
  from: string;
  to: string;
}

export const getAudit = (filter: AuditFilter, page: number) =>
  must(api.GET('/api/v1/audit', { params: { query: {
    action: filter.action || undefined, actorId: filter.actorId || undefined, targetId: filter.targetId || undefined,
    from: filter.from ? new Date(filter.from).toISOString() : undefined, to: filter.to ? new Date(filter.to).toISOString() : undefined, page, size: 50 } } }));

export const auditQuery = (filter: AuditFilter, page: number) => queryOptions({ queryKey: auditKeys.page(filter, page), queryFn: () => getAudit(filter, page) });
